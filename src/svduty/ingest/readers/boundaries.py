"""``boundaries``: LSOA polygons (GeoJSON, GeoPackage, Shapefile) → ``areas`` with geometry.

A single file, a folder, or a zip of several (e.g. one GeoJSON per district named by its code).
LSOA 2011 (``LSOA11CD``/``LSOA11NM``) or 2021 (``LSOA21CD``/``LSOA21NM``); the district (the
LSOA's parent) comes from a ``LAD..CD`` property or, failing that, a file name that is a
district code. To import a subset (say one county's districts) import a folder holding only
their files. Geometry is stored as WKB in WGS84; invalid rings are repaired with
``shapely.make_valid``. Files are read with pyogrio; checks are vectorised (shapely arrays,
then DuckDB SQL). Quarantine row numbers are feature numbers within a file (first is 1).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from svduty.errors import SvdutyError
from svduty.ingest.checks import UK_LATITUDE, UK_LONGITUDE
from svduty.ingest.job import FileOutcome, ImportJob
from svduty.ingest.registry import register
from svduty.warehouse.sql import literal

SUFFIXES = (".geojson", ".json", ".gpkg", ".shp")
_CODE = re.compile(r"^lsoa(\d{2})_?(?:cd|code)$", re.I)
_NAME = re.compile(r"^lsoa(\d{2})_?(?:nm|name)$", re.I)
_DISTRICT = re.compile(r"^(?:lad|ltla)\d{2}_?(?:cd|code)$", re.I)
_DISTRICT_CODE = re.compile(r"^[EWSN]0[6-9]\d{6}$")
EXPECTED = "expected LSOA polygons with an LSOA11CD or LSOA21CD property"
STAGED = "_svduty_boundaries"


def boundary_files(root: Path) -> list[Path]:
    """Every boundary file under ``root`` (hidden files and shapefile sidecars skipped)."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and not any(part.startswith((".", "__MACOSX")) for part in p.relative_to(root).parts)
    )


def _read_frame(path: Path, display: str):
    import pyogrio

    try:
        frame = pyogrio.read_dataframe(path)
    except Exception as error:  # pyogrio raises several types for unreadable files
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SvdutyError(
            f"{display}: cannot read as GeoJSON, GeoPackage or Shapefile ({first})"
        ) from None
    if "geometry" not in frame or not hasattr(frame, "crs"):
        raise SvdutyError(f"{display}: no geometry; {EXPECTED}")
    return frame


def _column(frame, pattern: re.Pattern[str]) -> str | None:
    return next((c for c in frame.columns if isinstance(c, str) and pattern.match(c)), None)


def feature_table(path: Path, display: str) -> tuple[pa.Table | None, str | None]:
    """One row per feature (row_number, code, name, district, WKB, type, bounds) and the name of
    the code property; ``(None, None)`` for a file without features."""
    import numpy as np
    import shapely

    frame = _read_frame(path, display)
    code_col = _column(frame, _CODE)
    if code_col is None and len(frame) == 0:
        return None, None  # no features: nothing to load (the file is still reported)
    if code_col is None:
        columns = ", ".join(str(c) for c in frame.columns if c != "geometry") or "none"
        raise SvdutyError(f"{display}: no LSOA code property (found {columns}); {EXPECTED}")
    name_col = _column(frame, _NAME)
    district_col = _column(frame, _DISTRICT)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        try:
            frame = frame.to_crs("EPSG:4326")
        except Exception as error:
            raise SvdutyError(f"{display}: cannot reproject to WGS84 ({error})") from None
    geoms = np.asarray(frame.geometry.values, dtype=object)
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    invalid = present & ~shapely.is_valid(geoms)
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    bounds = np.full((len(geoms), 4), np.nan)
    if present.any():
        bounds[present] = shapely.bounds(geoms[present])
    n = len(frame)

    def text(column: str | None) -> pa.Array:
        if column is None:
            return pa.nulls(n, pa.string())
        return pa.array(frame[column].astype("string").to_numpy(na_value=None), pa.string())

    district = text(district_col)
    if district_col is None and _DISTRICT_CODE.match(path.stem.upper()):
        district = pa.array([path.stem.upper()] * n, pa.string())
    table = pa.table(
        {
            "row_number": pa.array(np.arange(1, n + 1), pa.int64()),
            "code": text(code_col),
            "name": text(name_col),
            "district": district,
            "wkb": pa.array(shapely.to_wkb(np.where(present, geoms, None)), pa.binary()),
            "geom_type": pa.array(
                np.where(present, shapely.get_type_id(geoms), -1), pa.int32(), mask=~present
            ),
            "min_lon": pa.array(bounds[:, 0]),
            "min_lat": pa.array(bounds[:, 1]),
            "max_lon": pa.array(bounds[:, 2]),
            "max_lat": pa.array(bounds[:, 3]),
        }
    )
    return table, code_col


# (SQL condition on a staged feature, column named in quarantine, value shown, reason)
def _problems(code_col: str) -> list[tuple[str, str, str, str]]:
    lon, lat = UK_LONGITUDE, UK_LATITUDE
    return [
        ("code IS NULL", code_col, "NULL", "missing value"),
        (
            "code IS NOT NULL AND NOT regexp_full_match(upper(trim(code)), '[EW]01[0-9]{6}')",
            code_col,
            "code",
            "not an LSOA code (expected E01 or W01 and six digits)",
        ),
        ("wkb IS NULL", "geometry", "NULL", "missing geometry"),
        (
            "wkb IS NOT NULL AND geom_type NOT IN (3, 6)",  # shapely: 3 Polygon, 6 MultiPolygon
            "geometry",
            "NULL",
            "not a polygon",
        ),
        (
            f"wkb IS NOT NULL AND NOT (min_lon >= {lon[0]} AND max_lon <= {lon[1]} "
            f"AND min_lat >= {lat[0]} AND max_lat <= {lat[1]})",
            "geometry",
            "NULL",
            "boundary not inside the UK (lon -8.7 to 1.8, lat 49.8 to 60.9); expected WGS84 or "
            "a file with its coordinate system",
        ),
        ("repeat_of IS NOT NULL", code_col, "code", "LSOA code repeated in this import"),
    ]


@dataclass(frozen=True)
class BoundariesReader:
    source: str = "boundaries"
    summary: str = "LSOA polygons: GeoJSON, GeoPackage or Shapefile; a file, folder or zip."
    accepts_mapping: bool = False

    def read(self, job: ImportJob, path: Path) -> None:
        if path.is_dir():
            self._read_all(job, path, boundary_files(path), path.name)
        elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
            with tempfile.TemporaryDirectory(prefix="svduty-boundaries-") as tmp:
                try:
                    with zipfile.ZipFile(path) as archive:
                        archive.extractall(tmp)
                except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
                    raise SvdutyError(
                        f"{path.name}: cannot read the zip archive ({error})"
                    ) from None
                root = Path(tmp)
                self._read_all(job, root, boundary_files(root), path.name)
        else:
            if path.suffix.lower() not in SUFFIXES:
                raise SvdutyError(
                    f"{path.name}: not a boundary file; expected .geojson, .json, .gpkg or .shp "
                    "(or a folder or zip of them)"
                )
            self._read_all(job, path.parent, [path], path.name)

    def _read_all(self, job: ImportJob, root: Path, files: list[Path], label: str) -> None:
        if not files:
            raise SvdutyError(
                f"{label}: no boundary files found; expected .geojson, .json, .gpkg or .shp"
            )
        con = job.con
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {STAGED} (file VARCHAR, row_number BIGINT, "
            "code VARCHAR, name VARCHAR, district VARCHAR, vintage VARCHAR, wkb BLOB, "
            "geom_type INTEGER, min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE, "
            "code_col VARCHAR, seq BIGINT)"
        )
        displays = [file.relative_to(root).as_posix() for file in files]
        with job.progress.stage("Reading boundary files", total=len(files)) as bar:
            for seq, (file, display) in enumerate(zip(files, displays, strict=True)):
                table, code_col = feature_table(file, display)
                if table is None:
                    bar.advance()
                    continue
                vintage = "20" + _CODE.match(code_col).group(1)
                con.register("_features_arrow", table)
                con.execute(
                    f"INSERT INTO {STAGED} SELECT ?, row_number, nullif(trim(code), ''), "
                    "nullif(trim(name), ''), upper(nullif(trim(district), '')), ?, wkb, "
                    "geom_type, min_lon, min_lat, max_lon, max_lat, ?, ? FROM _features_arrow",
                    [display, vintage, code_col, seq],
                )
                con.unregister("_features_arrow")
                bar.advance()
        self._check_and_insert(job, displays)

    def _check_and_insert(self, job: ImportJob, displays: list[str]) -> None:
        con = job.con
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {STAGED}_chk AS SELECT *, "
            "CASE WHEN code IS NOT NULL AND row_number() OVER (PARTITION BY upper(code) "
            "ORDER BY seq, row_number) > 1 THEN true END AS repeat_of "
            f"FROM {STAGED}"
        )
        problems = _problems("code_col")
        bad = " OR ".join(f"({cond})" for cond, *_ in problems)
        with job.progress.stage("Checking boundaries"):
            for cond, column, value, reason in problems:
                col = column if column == "code_col" else literal("geometry")
                con.execute(
                    f"INSERT INTO quarantine SELECT ?, file, row_number, {col}, {value}, ? "
                    f"FROM {STAGED}_chk WHERE {cond} ORDER BY seq, row_number",
                    [job.batch_id, reason],
                )
            con.execute(
                "INSERT INTO areas (batch_id, area_code, area_name, area_type, parent_code, "
                f"vintage, geometry) SELECT ?, upper(code), name, 'lsoa', district, vintage, wkb "
                f"FROM {STAGED}_chk WHERE NOT ({bad}) ORDER BY seq, row_number",
                [job.batch_id],
            )
        tally = {
            file: (read, quarantined)
            for file, read, quarantined in con.execute(
                f"SELECT file, count(*), count(*) FILTER (WHERE {bad}) FROM {STAGED}_chk "
                "GROUP BY file"
            ).fetchall()
        }
        for display in displays:  # a file without features is reported too, with zero rows
            read, quarantined = tally.get(display, (0, 0))
            job.record(FileOutcome(display, "areas", read, read - quarantined, quarantined))
        con.execute(f"DROP TABLE {STAGED}_chk")
        con.execute(f"DROP TABLE {STAGED}")


register(BoundariesReader())
