"""Malformed files and rows for every non-police reader (Hypothesis).

Whatever the input, an import either loads (every row read is loaded or quarantined, and the
warehouse grows by exactly that) or is refused with one line naming the file and leaves the
warehouse exactly as it was. Any other exception fails.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svduty.errors import SvdutyError
from svduty.ingest import import_source

from .conftest import FIXTURES

TABLES = (
    "batches",
    "quarantine",
    "areas",
    "area_indicators",
    "population",
    "ed_assaults",
    "hospital_admissions",
    "yj_cases",
    "probation_cases",
    "education_events",
    "case_study_events",
)


def _fixture(name: str) -> tuple[list[str], list[list[str]]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


ONS_AGES = [str(a) for a in range(5)] + ["5+"]
BASES: dict[str, tuple[str, list[str], list[list[str]]]] = {
    "istv": ("istv", *_fixture("istv_small.csv")),
    "hospital": ("hospital", *_fixture("hospital_small.csv")),
    "youth-justice": ("youth-justice", *_fixture("youth_justice_small.csv")),
    "probation": ("probation", *_fixture("youth_justice_small.csv")),
    "education": ("education", *_fixture("education_small.csv")),
    "case-studies": ("case-studies", *_fixture("case_studies_small.csv")),
    "imd": (
        "imd",
        ["lsoa_code", "IMD_decile", "IMD_rank", "Crime_decile"],
        [["E01000001", "9", "29199", "10"], ["E01000002", "1", "12", "3"]],
    ),
    "geo-lookup": (
        "geo-lookup",
        ["LAD17CD", "LAD17NM", "CSP17CD", "CSP17NM", "PFA17CD", "PFA17NM"],
        [
            ["E07000221", "Stratford", "E22000359", "South Warks", "E23000017", "Warwickshire"],
            ["E07000222", "Warwick", "E22000359", "South Warks", "E23000017", "Warwickshire"],
        ],
    ),
    "population-long": (
        "population",
        ["area_code", "year", "age_band", "sex", "ethnicity", "population"],
        [
            ["E01000001", "2023", "0-17", "F", "Asian", "18"],
            ["E01000001", "2023", "25+", "M", "all", "9"],
        ],
    ),
    "population-census": (
        "population",
        ["lsoa21_code", "lsoa21_name", "age_group", "usual_residents"],
        [["E01000001", "A 001A", "Aged 15 years and under", "125"]],
    ),
    "population-ons": (
        "population",
        ["LSOA Code", "LSOA Name", "All Ages", *ONS_AGES],
        [["E01000001", "A 001A", "15", "1", "2", "3", "4", "5", "0"]],
    ),
}

CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", " ", "2024-02-30", "X99", "W26", "-1", "1e400", "NaN", "E01000001", "E0100", "Y",
         "all", "90+", "Aged 16 to 24 years", "\ufeff", '"', "a,b", "line\nbreak", "\x00"]
    ),
)  # fmt: skip


@st.composite
def malformed_csv(draw, base: str) -> tuple[str, bytes]:
    source, header, rows = BASES[base]
    header, rows = list(header), [list(r) for r in rows]
    kind = draw(
        st.sampled_from(["cells", "cells", "drop_column", "ragged", "bytes", "encoding", "empty"])
    )
    if kind == "bytes":
        return source, draw(st.binary(max_size=200))
    if kind == "empty":
        return source, draw(
            st.sampled_from([b"", b"\xef\xbb\xbf", b"\n\n", ",".join(header).encode()])
        )
    if kind == "drop_column":
        i = draw(st.integers(0, len(header) - 1))
        header.pop(i)
        for row in rows:
            row.pop(i)
    extra = draw(st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=3))
    rows += extra
    for row in rows:
        for j in range(len(row)):
            if draw(st.integers(0, 4)) == 0:
                row[j] = draw(CELLS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if kind == "ragged" and rows:
        text += "x," * (len(header) + 1) + "x\n"
    if kind == "encoding":
        codec = draw(st.sampled_from(["utf-16", "latin-1"]))
        return source, (text + "caf\u00e9\n").encode(codec, errors="replace")
    return source, text.encode("utf-8")


def counts(warehouse: Path, tables: tuple[str, ...] = TABLES) -> dict[str, int]:
    if not warehouse.exists():
        return dict.fromkeys(tables, 0)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def check_import(source: str, path: Path, warehouse: Path, table_rows) -> None:
    before = counts(warehouse)
    try:
        result = import_source(source, path, warehouse)
    except SvdutyError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(f"{path.name}: "), message
        assert counts(warehouse) == before
        return
    after = counts(warehouse)
    if result.duplicate_of is not None:
        assert after == before
        return
    assert result.rows_read == result.rows_loaded + result.rows_quarantined
    assert after["batches"] == before["batches"] + 1
    assert after["quarantine"] >= before["quarantine"] + result.rows_quarantined
    grown = {t: after[t] - before[t] for t in TABLES if t not in ("batches", "quarantine")}
    assert sum(grown.values()) == table_rows(result), (grown, result)


def file_rows(result) -> int:
    return result.rows_loaded


HYPOTHESIS = settings(
    max_examples=int(__import__("os").environ.get("H3B_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(
    "base", ["istv", "hospital", "youth-justice", "probation", "education", "case-studies"]
)
@HYPOTHESIS
@given(data=st.data())
def test_partner_readers_survive_malformed_files(base: str, data, tmp_path: Path) -> None:
    source, content = data.draw(malformed_csv(base))
    path = tmp_path / f"{base}-input.csv"
    path.write_bytes(content)
    check_import(source, path, tmp_path / "warehouse.duckdb", file_rows)


@pytest.mark.parametrize(
    "base", ["imd", "geo-lookup", "population-long", "population-census", "population-ons"]
)
@HYPOTHESIS
@given(data=st.data())
def test_reshaping_readers_survive_malformed_files(base: str, data, tmp_path: Path) -> None:
    source, content = data.draw(malformed_csv(base))
    path = tmp_path / f"mid2019-{base}.csv"
    path.write_bytes(content)
    warehouse = tmp_path / "warehouse.duckdb"
    before = counts(warehouse)
    try:
        result = import_source(source, path, warehouse)
    except SvdutyError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(f"{path.name}: "), message
        assert counts(warehouse) == before
        return
    after = counts(warehouse)
    if result.duplicate_of is not None:
        assert after == before
        return
    assert result.rows_read == result.rows_loaded + result.rows_quarantined
    table = {"imd": "area_indicators", "geo-lookup": "areas"}.get(base, "population")
    # every loaded file row gives at least one row of the target table; none when none loaded
    grown = after[table] - before[table]
    assert (
        (grown == 0) if result.rows_loaded == 0 else (grown >= result.rows_loaded or base == "imd")
    )


COORDS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.floats(-3.0, 1.0), st.just(52.3)
)


@st.composite
def malformed_geojson(draw) -> bytes:
    kind = draw(st.sampled_from(["features", "features", "bytes", "json"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "json":
        return json.dumps(draw(st.recursive(st.none() | st.integers() | st.text(max_size=5),
                                            lambda c: st.lists(c, max_size=3)
                                            | st.dictionaries(st.text(max_size=5), c, max_size=3),
                                            max_leaves=8))).encode()  # fmt: skip
    features = []
    for _ in range(draw(st.integers(1, 4))):
        x, y = draw(st.floats(-3.0, 1.0)), draw(st.floats(50.0, 55.0))
        size = draw(st.sampled_from([0.01, 0.0, -0.01]))
        ring = [[x, y], [x + size, y], [x + size, y + abs(size)], [x, y + draw(COORDS) * 0], [x, y]]
        geometry = draw(
            st.sampled_from(
                [
                    {"type": "Polygon", "coordinates": [ring]},
                    {"type": "Point", "coordinates": [x, y]},
                    None,
                ]
            )
        )
        code = draw(st.one_of(st.sampled_from(["E01000001", "E01000002", "W01000003"]), CELLS))
        features.append(
            {"type": "Feature", "properties": {"LSOA11CD": code, "LSOA11NM": draw(CELLS)},
             "geometry": geometry}
        )  # fmt: skip
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


@HYPOTHESIS
@given(content=malformed_geojson())
def test_boundaries_survive_malformed_files(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "E07000222.geojson"
    path.write_bytes(content)
    check_import("boundaries", path, tmp_path / "warehouse.duckdb", file_rows)
