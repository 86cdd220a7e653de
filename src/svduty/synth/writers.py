"""Write the synthetic extracts: streamed CSV (or Parquet), GeoJSON boundaries, small lookups.

CSV bodies go through pyarrow's writer with no quoting (the generator never puts a comma or a
quote in a value, and pyarrow refuses if one slips in); the header goes through ``csv`` so official
headers that contain commas ("Education, Skills and Training Score") are quoted properly.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from svduty.synth.geography import Areas


class TableSink:
    """Appends tables with one schema to a CSV or Parquet file; counts the rows."""

    def __init__(self, path: Path, fmt: str = "csv") -> None:
        self.path = path if fmt == "csv" else path.with_suffix(".parquet")
        self.fmt = fmt
        self.rows = 0
        self._schema: pa.Schema | None = None
        self._handle: BinaryIO | None = None
        self._writer: pacsv.CSVWriter | pq.ParquetWriter | None = None

    def write(self, table: pa.Table) -> None:
        if self._schema is None:
            self._open(table.schema)
        table = table.cast(self._schema)
        if table.num_rows:
            self._writer.write_table(table)
        self.rows += table.num_rows

    def _open(self, schema: pa.Schema) -> None:
        self._schema = schema
        if self.fmt == "parquet":
            self._writer = pq.ParquetWriter(self.path, schema, compression="zstd")
            return
        self._handle = self.path.open("wb")
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow(schema.names)
        self._handle.write(header.getvalue().encode("utf-8"))
        options = pacsv.WriteOptions(include_header=False, quoting_style="none")
        self._writer = pacsv.CSVWriter(self._handle, schema, write_options=options)

    def close(self, schema: pa.Schema | None = None) -> int:
        if self._schema is None and schema is not None:
            self._open(schema)
        if self._writer is not None:
            self._writer.close()
        if self._handle is not None:
            self._handle.close()
        return self.rows


def write_table(table: pa.Table, path: Path, fmt: str = "csv") -> int:
    sink = TableSink(path, fmt)
    sink.write(table)
    return sink.close()


def write_boundaries(areas: Areas, path: Path) -> int:
    """GeoJSON FeatureCollection, one polygon per LSOA, properties LSOA11CD/NM and LAD17CD/NM."""
    rounded = np.round(areas.vertices, 6)
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"type":"FeatureCollection","features":[\n')
        for i in range(areas.n):
            ring = [[float(x), float(y)] for x, y in rounded[i]]
            ring.append(ring[0])
            district = areas.district_of_lsoa[i]
            feature = {
                "type": "Feature",
                "properties": {
                    "LSOA11CD": str(areas.lsoa_code[i]),
                    "LSOA11NM": str(areas.lsoa_name[i]),
                    "LAD17CD": str(areas.district_code[district]),
                    "LAD17NM": str(areas.district_name[district]),
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            handle.write(json.dumps(feature, separators=(",", ":")))
            handle.write(",\n" if i < areas.n - 1 else "\n")
        handle.write("]}\n")
    return areas.n


def geo_lookup_table(areas: Areas) -> pa.Table:
    csp = areas.csp_of_district
    force = areas.force_of_csp[csp]
    return pa.table(
        {
            "LAD17CD": areas.district_code,
            "LAD17NM": areas.district_name.astype(str),
            "CSP17CD": areas.csp_code[csp],
            "CSP17NM": areas.csp_name[csp].astype(str),
            "PFA17CD": areas.force_code[force],
            "PFA17NM": areas.force_name[force].astype(str),
        }
    )


def imd_table(areas: Areas, columns: dict[str, np.ndarray]) -> pa.Table:
    """The IoD2019 File 7 layout (the first 28 columns: identifiers, IMD and the seven domains)."""
    district = areas.district_of_lsoa
    return pa.table(
        {
            "LSOA code (2011)": areas.lsoa_code,
            "LSOA name (2011)": areas.lsoa_name,
            "Local Authority District code (2019)": areas.district_code[district],
            "Local Authority District name (2019)": areas.district_name[district].astype(str),
            **columns,
        }
    )


def write_manifest(manifest: dict, path: Path) -> None:
    path.write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8")
