"""Malformed files and rows: each input loads, quarantines or is refused in one line; never a
traceback, never a partial batch."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svduty.errors import SvdutyError
from svduty.ingest import import_source

from .conftest import query, snapshot

COLUMNS = ["crime_ref", "ho_code", "occurred_at", "knife", "firearm", "domestic_abuse",
           "location_type", "lsoa_code", "longitude", "latitude", "outcome"]  # fmt: skip
REQUIRED = set(COLUMNS[:8])
# Values valid by construction (spellings, case and spaces the contract allows) ...
VALID = {
    "crime_ref": ["C1", " C2 ", "NS/0001", 'ref "quoted", with comma', "línea\nnueva"],
    "ho_code": ["8N", "008/N", " 34b ", "4.1", "1/4.1/4.10/4.2", "105A"],
    "occurred_at": ["2024-01-05", "2024-01-05 22:10", "2024-02-29T23:59:59", " 2023-12-31 "],
    "knife": ["Y", "N", "y", " n "],
    "firearm": ["Y", "N"],
    "domestic_abuse": ["N", "y"],
    "location_type": ["street", "Dwelling", " RETAIL ", "unknown"],
    "lsoa_code": ["E01000001", "w01012345", " E01999999 "],
    "longitude": ["", "-1.5", "1.8", "-8.7", " 0 "],
    "latitude": ["", "52.3", "49.8", "60.9"],
    "outcome": ["", "Charged", "Under investigation, suspect known", "ÿ unicode ✓"],
}
# ... and values invalid by construction (empty is invalid for the required columns).
INVALID = {
    "crime_ref": [""],
    "ho_code": ["", "ZZ9", "not a code", "8N8N"],
    "occurred_at": ["", "2024-13-01", "31/01/2024", "yesterday", "2023-02-29"],
    "knife": ["", "X", "yes", "2"],
    "firearm": ["", "maybe"],
    "domestic_abuse": ["", "TRUE"],
    "location_type": ["", "moon", "street corner"],
    "lsoa_code": ["", "E02000001", "E0100001", "E010000012", "S01000001"],
    "longitude": ["200", "east", "nan", "1.81"],
    "latitude": ["-52", "49.7", "inf"],
    "outcome": [],
}


@st.composite
def crime_rows(draw: st.DrawFn) -> tuple[list[list[str]], set[tuple[int, str]]]:
    rows, bad = [], set()
    for n in range(draw(st.integers(min_value=0, max_value=12))):
        row = []
        for column in COLUMNS:
            if INVALID[column] and draw(st.integers(0, 9)) == 0:
                row.append(draw(st.sampled_from(INVALID[column])))
                bad.add((n + 2, column))  # spreadsheet row: header is row 1
            else:
                row.append(draw(st.sampled_from(VALID[column])))
        rows.append(row)
    return rows, bad | _repeated_refs(rows, bad)


def _repeated_refs(rows: list[list[str]], bad: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """A valid row repeating the crime_ref (trimmed) of an earlier valid row is quarantined."""
    invalid_rows = {r for r, _ in bad}
    seen, repeated = set(), set()
    for n, row in enumerate(rows):
        if n + 2 in invalid_rows:
            continue
        ref = row[COLUMNS.index("crime_ref")].strip()
        if ref in seen:
            repeated.add((n + 2, "crime_ref"))
        seen.add(ref)
    return repeated


pytestmark = pytest.mark.slow  # about a minute on a busy 2-core machine

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(crime_rows())
def test_each_bad_cell_is_quarantined_and_the_rest_loads(
    case: tuple[list[list[str]], set[tuple[int, str]]],
) -> None:
    rows, bad = case
    with tempfile.TemporaryDirectory() as tmp:
        path, warehouse = Path(tmp) / "crimes.csv", Path(tmp) / "w.duckdb"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        bad_rows = {r for r, _ in bad}
        if len(bad_rows) == len(rows):  # nothing would load: refused, nothing recorded
            with pytest.raises(SvdutyError, match="nothing loaded"):
                import_source("police-crimes", path, warehouse)
            assert query(warehouse, "SELECT count(*) FROM batches") == [(0,)]
            assert query(warehouse, "SELECT count(*) FROM quarantine") == [(0,)]
            return
        result = import_source("police-crimes", path, warehouse)
        assert (result.rows_read, result.rows_loaded) == (len(rows), len(rows) - len(bad_rows))
        cells = set(query(warehouse, 'SELECT row_number, "column" FROM quarantine'))
        assert cells == bad
        assert query(warehouse, "SELECT count(*) FROM crimes") == [(len(rows) - len(bad_rows),)]


@SETTINGS
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_arbitrary_bytes_load_quarantine_or_are_refused_cleanly(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path, warehouse = Path(tmp) / "extract.csv", Path(tmp) / "w.duckdb"
        import_source("police-people", _people_file(Path(tmp)), warehouse)
        before = snapshot(warehouse)
        path.write_bytes(content)
        try:
            result = import_source("police-crimes", path, warehouse)
        except SvdutyError as error:
            message = str(error)
            assert message.startswith("extract.csv: ") and "\n" not in message
            assert snapshot(warehouse) == before
        else:  # only a file that happens to have the required header can get here
            assert result.rows_loaded + result.rows_quarantined == result.rows_read


@SETTINGS
@given(
    header=st.permutations(COLUMNS).map(lambda c: c[: len(c) - 3] if c[0] == "outcome" else c),
    # NUL makes the file binary, which is refused whole (tested apart); any other junk is a row.
    junk=st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        max_size=40,
    ),
)
def test_headers_in_any_order_and_junk_rows(header: list[str], junk: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path, warehouse = Path(tmp) / "crimes.csv", Path(tmp) / "w.duckdb"
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerow([VALID[c][0] for c in header])
        writer.writerow([junk] * len(header))
        path.write_text(buffer.getvalue(), encoding="utf-8")
        missing = REQUIRED - set(header)
        try:
            result = import_source("police-crimes", path, warehouse)
        except SvdutyError as error:
            assert missing and "missing required column" in str(error)
            assert query(warehouse, "SELECT count(*) FROM batches") == [(0,)]
        else:
            assert not missing
            assert result.rows_read == 2 and result.rows_loaded >= 1


@SETTINGS
@given(
    st.lists(
        st.text(
            st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]), max_size=12
        ),
        min_size=1,
        max_size=8,
    ),
    st.binary(max_size=200),
)
def test_police_uk_members_with_junk(months: list[str], junk: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        archive, warehouse = Path(tmp) / "a.zip", Path(tmp) / "w.duckdb"
        header = (
            "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
            "LSOA name,Crime type,Last outcome category,Context\n"
        )
        lines = "".join(f'x{n},"{m.replace(chr(34), "")}",,,,,,,,Robbery,,\n'
                        for n, m in enumerate(months))  # fmt: skip
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("2023-01/2023-01-force-street.csv", header + lines)
            z.writestr("2023-02/2023-02-force-outcomes.csv", junk)
        try:
            result = import_source("police-uk", archive, warehouse)
        except SvdutyError as error:
            assert str(error).startswith("2023-02/2023-02-force-outcomes.csv: ")
            assert query(warehouse, "SELECT count(*) FROM crimes") == [(0,)]
        else:
            good = sum(1 for m in months if _is_month(m.replace('"', "").strip()))
            assert query(warehouse, "SELECT count(*) FROM crimes") == [(good,)]
            assert result.rows_quarantined == len(months) - good + (
                result.rows_read - len(months) - result.outcomes[0].rows_loaded
            )


def _is_month(text: str) -> bool:
    return (
        len(text) == 7
        and text[4] == "-"
        and text[:4].isascii()
        and text[:4].isdigit()
        and text[5:].isascii()
        and text[5:].isdigit()
        and 1 <= int(text[5:]) <= 12
        and int(text[:4]) >= 1800
    )


def _people_file(folder: Path) -> Path:
    path = folder / "people.csv"
    path.write_text("crime_ref,person_id,role\nC1,P1,victim\n")
    return path


@SETTINGS
@given(
    st.lists(
        st.text(st.characters(blacklist_characters="\x00\r\n", blacklist_categories=["Cs"]),
                max_size=20),
        min_size=1,
        max_size=10,
    )
)  # fmt: skip
def test_any_person_id_is_stored_only_as_its_keyed_hash(ids: list[str]) -> None:
    import hashlib
    import hmac

    with tempfile.TemporaryDirectory() as tmp:
        path, warehouse = Path(tmp) / "people.csv", Path(tmp) / "w.duckdb"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["crime_ref", "person_id", "role"])
            writer.writerows([[f"C{n}", pid, "victim"] for n, pid in enumerate(ids)])
        present = [pid.strip() for pid in ids if pid.strip()]
        if not present:  # every row quarantined: refused, nothing recorded
            with pytest.raises(SvdutyError, match="no row could be read; nothing loaded"):
                import_source("police-people", path, warehouse)
            assert query(warehouse, "SELECT count(*) FROM quarantine") == [(0,)]
            return
        import_source("police-people", path, warehouse)
        key = b"test-partnership-secret"
        expected = sorted(
            (f"C{n}", hmac.new(key, pid.strip().encode(), hashlib.sha256).hexdigest())
            for n, pid in enumerate(ids)
            if pid.strip()
        )
        assert (
            sorted(query(warehouse, "SELECT crime_ref, person_key FROM crime_people")) == expected
        )
        assert query(warehouse, "SELECT count(*) FROM quarantine") == [(len(ids) - len(present),)]
        assert query(warehouse, "SELECT count(value) FROM quarantine") == [(0,)]
