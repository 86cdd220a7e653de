"""Every importer, fed broken input (Hypothesis): a one-line refusal or a correct quarantine.

``test_readers_hypothesis`` does this for the partner, geography and population readers and
``test_hypothesis`` for the police-crimes cells; this file covers the rest (victims and
suspects, data.police.uk archives, boundary files), adds truncated files to every CSV reader,
and checks that no registered source is left out. Memory is bounded by the cap on unreadable
lines (``test_unreadable_lines``, ``python -m bench junk``).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svduty.errors import SvdutyError
from svduty.ingest import import_source
from svduty.ingest.registry import readers

from .test_hypothesis import COLUMNS, VALID
from .test_readers_hypothesis import BASES, CELLS, HYPOTHESIS, counts

FEWER = settings(HYPOTHESIS, max_examples=min(HYPOTHESIS.max_examples, 6))  # many sources here

pytestmark = pytest.mark.slow

TABLES = ("batches", "quarantine", "crimes", "crime_people", "police_uk_outcomes",
          "stop_and_search", "areas")  # fmt: skip
PEOPLE = (
    ["crime_ref", "person_id", "role", "age", "sex", "ethnicity"],
    [["NS/1", "P1", "victim", "17", "M", "Black"], ["NS/2", "P2", "suspect", "30", "F", ""]],
)
CRIMES = (COLUMNS, [[VALID[c][0] for c in COLUMNS], [VALID[c][1] for c in COLUMNS]])
STREET_HEADER = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
]  # fmt: skip
STREET_ROW = ["abc123", "2023-01", "Northumbria Police", "Northumbria Police", "-1.6", "54.9",
              "On or near High St", "E01008162", "Newcastle 001A", "Burglary",
              "Under investigation", ""]  # fmt: skip
MEMBER = "2023-01/2023-01-northumbria-street.csv"
FEATURE = {
    "type": "Feature",
    "properties": {"LSOA11CD": "E01031116", "LSOA11NM": "Stratford 001A"},
    "geometry": {"type": "Polygon", "coordinates": [[[-1.7, 52.2], [-1.6, 52.2], [-1.6, 52.3],
                                                     [-1.7, 52.2]]]},
}  # fmt: skip


def check(source: str, path: Path, warehouse: Path, member: str | None = None) -> None:
    """Refused in one line naming the file (or the archive's ``member``), warehouse unchanged;
    or loaded whole and counted."""
    before = counts(warehouse, TABLES)
    try:
        result = import_source(source, path, warehouse)
    except SvdutyError as error:
        message = str(error)
        names = (path.name, member) if member else (path.name,)
        assert "\n" not in message and message.startswith(names), message
        assert counts(warehouse, TABLES) == before
        return
    after = counts(warehouse, TABLES)
    if result.duplicate_of is not None:
        assert after == before
        return
    assert result.rows_read == result.rows_loaded + result.rows_quarantined
    assert after["batches"] == before["batches"] + 1
    assert after["quarantine"] >= before["quarantine"] + result.rows_quarantined


def _csv(header: list[str], rows: list[list[str]]) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@st.composite
def broken_text(draw, header: list[str], rows: list[list[str]]) -> bytes:
    """A CSV of this layout broken one way: cells, a ragged row, truncation, bytes, encoding."""
    rows = [list(r) for r in rows]
    rows += draw(st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=3))
    for row in rows:
        for j in range(len(row)):
            if draw(st.integers(0, 4)) == 0:
                row[j] = draw(CELLS)
    text = _csv(header, rows)
    kind = draw(st.sampled_from(["cells", "ragged", "truncated", "bytes", "latin-1", "utf-16"]))
    if kind == "ragged":
        text += ",".join(["x"] * draw(st.sampled_from([1, len(header) + 2]))) + "\n"
    if kind == "truncated":
        return text.encode()[: draw(st.integers(0, len(text.encode())))]
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind in ("latin-1", "utf-16"):
        return (text + "caf\u00e9\n").encode(kind, errors="replace")
    return text.encode()


@pytest.mark.parametrize(
    ("source", "layout"), [("police-crimes", CRIMES), ("police-people", PEOPLE)]
)
@FEWER
@given(data=st.data())
def test_force_extracts_survive_broken_files(source, layout, data, tmp_path: Path) -> None:
    path = tmp_path / f"{source}.csv"
    path.write_bytes(data.draw(broken_text(*layout)))
    check(source, path, tmp_path / "warehouse.duckdb")


@pytest.mark.parametrize("base", sorted(BASES))
@FEWER
@given(data=st.data())
def test_truncated_partner_files_are_refused_or_loaded_whole(base, data, tmp_path: Path) -> None:
    source, header, rows = BASES[base]
    text = _csv(header, rows).encode()
    path = tmp_path / f"mid2019-{base}.csv"
    path.write_bytes(text[: data.draw(st.integers(0, len(text)))])
    check(source, path, tmp_path / "warehouse.duckdb")


@FEWER
@given(data=st.data())
def test_police_uk_archives_survive_broken_members(data, tmp_path: Path) -> None:
    kind = data.draw(st.sampled_from(["member", "truncated-zip", "bytes", "no-csv"]))
    path = tmp_path / "northumbria.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "no-csv":
            archive.writestr("readme.txt", "nothing here")
        else:
            member = data.draw(broken_text(STREET_HEADER, [STREET_ROW, STREET_ROW[:]]))
            archive.writestr(MEMBER, member)
    content = buffer.getvalue()
    if kind == "truncated-zip":
        content = content[: data.draw(st.integers(0, len(content) - 1))]
    if kind == "bytes":
        content = data.draw(st.binary(max_size=300))
    path.write_bytes(content)
    check("police-uk", path, tmp_path / "warehouse.duckdb", member=MEMBER)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@FEWER
@given(data=st.data())
def test_boundary_files_survive_broken_geojson(data, tmp_path: Path) -> None:
    feature = json.loads(json.dumps(FEATURE))
    kind = data.draw(st.sampled_from(["property", "geometry", "truncated", "json", "bytes"]))
    if kind == "property":
        key = data.draw(st.sampled_from(["LSOA11CD", "LSOA11NM"]))
        feature["properties"][key] = data.draw(JSON_VALUES)
    if kind == "geometry":
        feature["geometry"] = data.draw(JSON_VALUES)
    text = json.dumps({"type": "FeatureCollection", "features": [FEATURE, feature]})
    content = text.encode()
    if kind == "truncated":
        content = content[: data.draw(st.integers(0, len(content) - 1))]
    if kind == "json":
        content = json.dumps(data.draw(JSON_VALUES)).encode()
    if kind == "bytes":
        content = data.draw(st.binary(max_size=300))
    path = tmp_path / "E07000221.geojson"
    path.write_bytes(content)
    check("boundaries", path, tmp_path / "warehouse.duckdb")


def test_every_registered_source_is_fuzzed() -> None:
    here = {"police-crimes", "police-people", "police-uk", "boundaries"}
    elsewhere = {source for source, _, _ in BASES.values()}
    assert set(readers()) == here | elsewhere
