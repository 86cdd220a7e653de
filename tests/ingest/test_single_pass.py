"""The single pass: a clean file loads in one read; anything else ends exactly as the careful
way (count, look up, load, quarantine) would have left it."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svduty.ingest import batches, import_source, runner
from svduty.ingest.check_sql import check_sql
from svduty.ingest.checks import HoCode, Icd10, Identifier, Lsoa, Month
from svduty.ingest.pseudonymise import STRIPPED
from svduty.ingest.readers.vocabularies import LOCATION_TYPE

from .conftest import RecordingProgress, query, refusal_or_result, snapshot
from .test_hypothesis import COLUMNS, crime_rows

CLEAN = [
    ["NS/1", "8N", "2024-01-05 22:10", "Y", "N", "N", "street", "E01000001", "-1.5", "52.3", ""],
    ["NS/2", "105A", "2024-01-07", "N", "N", "Y", "dwelling", "W01000002", "", "", "Charged"],
]


def _write(path: Path, rows: list[list[str]], newline: str = "\n") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator=newline)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def test_a_clean_file_is_read_once(tmp_path: Path) -> None:
    stages = RecordingProgress()
    result = import_source(
        "police-crimes", _write(tmp_path / "c.csv", CLEAN), tmp_path / "w.duckdb", progress=stages
    )
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (2, 2, 0)
    assert stages.names == ["Loading", "Committing"]  # no counting pass, no lookups


def test_other_spellings_load_after_the_single_pass(tmp_path: Path) -> None:
    rows = [*CLEAN, ["NS/3", "008/n", "2024-02-01", "y", "N", "N", " Retail ", "e01000003",
                     "", "", ""]]  # fmt: skip
    stages = RecordingProgress()
    result = import_source(
        "police-crimes", _write(tmp_path / "c.csv", rows), tmp_path / "w.duckdb", progress=stages
    )
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (3, 3, 0)
    assert stages.names == ["Loading", "Reading", "Checking", "Loading", "Committing"]
    assert query(
        tmp_path / "w.duckdb",
        "SELECT crime_ref, ho_code, knife, location_type, lsoa_code FROM crimes ORDER BY 1",
    ) == [
        ("NS/1", "8N", True, "street", "E01000001"),
        ("NS/2", "105A", False, "dwelling", "W01000002"),
        ("NS/3", "8N", True, "retail", "E01000003"),
    ]


def test_a_ragged_row_starts_the_import_again_the_careful_way(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.csv", CLEAN)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("NS/9,8N\n")
    stages = RecordingProgress()
    result = import_source("police-crimes", path, tmp_path / "w.duckdb", progress=stages)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (3, 2, 1)
    assert stages.names[:2] == ["Loading", "Reading"]  # the failed single pass, then pass 1
    assert query(tmp_path / "w.duckdb", "SELECT row_number, reason FROM quarantine") == [
        (4, "2 fields where the header has 11")
    ]


def _careful_import(*args, **kwargs):
    """``import_source`` with the single pass turned off (the loader's original path)."""
    original = runner._import
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runner, "_import", lambda *a: original(*a[:-1], False))
        return import_source(*args, **kwargs)


def _contents(warehouse: Path) -> dict[str, list[tuple]]:
    """Every table but the two that record when (not what) was loaded."""
    skipped = ("batches", "schema_version")
    return {name: rows for name, rows in snapshot(warehouse).items() if name not in skipped}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(crime_rows(), st.lists(st.integers(0, 14), max_size=2), st.sampled_from(["\n", "\r\n"]))
@pytest.mark.slow
def test_single_pass_and_careful_way_leave_equal_warehouses(
    case: tuple[list[list[str]], set], ragged_at: list[int], newline: str
) -> None:
    rows = [list(row) for row in case[0]]
    for position in ragged_at:  # a row with too few fields, somewhere
        rows.insert(min(position, len(rows)), ["R1", "8N"])
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp) / "crimes.csv", rows, newline)
        fast = refusal_or_result(import_source, "police-crimes", path, Path(tmp) / "fast.duckdb")
        careful = refusal_or_result(
            _careful_import, "police-crimes", path, Path(tmp) / "careful.duckdb"
        )
        assert _contents(Path(tmp) / "fast.duckdb") == _contents(Path(tmp) / "careful.duckdb")
        if isinstance(fast, str):  # nothing would load: both ways refuse it the same way
            assert fast == careful and "nothing loaded" in fast
            return
        assert (fast.rows_read, fast.rows_loaded, fast.rows_quarantined) == (
            careful.rows_read,
            careful.rows_loaded,
            careful.rows_quarantined,
        )
        assert fast.rows_read == len(rows)
        assert _contents(Path(tmp) / "fast.duckdb") == _contents(Path(tmp) / "careful.duckdb")


@pytest.mark.parametrize(
    ("content", "records"),
    [
        (b"", 0),
        (b"h\n", 0),
        (b"h", 0),
        (b"h\na\nb\n", 2),
        (b"h\na\nb", 2),  # no line ending after the last record
        (b"h\r\na\r\nb\r\n", 2),
        (b"h\ra\rb\r", 2),  # classic Mac line endings
        (b'h\n"two\nlines"\nb\n', 3),  # an upper bound: the quoted record spans two lines
    ],
)
def test_record_bound_counts_line_endings(tmp_path: Path, content: bytes, records: int) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    assert batches.digest_file(path).records_at_most == records


def test_record_bound_with_crlf_split_between_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batches, "CHUNK", 4)
    path = tmp_path / "f.csv"
    path.write_bytes(b"abc\r\nde\r\nfgh\r\n")  # the first CRLF straddles bytes 4 and 5
    assert batches.digest_file(path).records_at_most == 2


@given(st.text(max_size=12))
@settings(max_examples=300, deadline=None)
def test_canonical_tests_accept_only_values_sql_resolves_as_the_lookup_does(text: str) -> None:
    """What the single pass accepts, it stores exactly as the lookup would have."""
    candidates = [text, "8N", "8n", "008/N", "1/4.1/4.10/4.2", "E01000001", "e01000001",
                  "street", "Street", " street", "W01999999 ", "P-1", " P-1",
                  "P-1\u3000", "2024-01", "2024-13", "2024-00", "1799-12", " 2024-01",
                  "\u0662\u0660\u0662\u0664-\u0660\u0661", "X99", "x99", "X99.0", "X990",
                  "W25", "X\u0669\u0669", "Y09.9", "Y10"]  # fmt: skip
    con = duckdb.connect()
    checks = (HoCode(), Lsoa(), LOCATION_TYPE, Identifier(), Month(), Icd10(),
              Icd10(assault_only=True))  # fmt: skip
    for check in checks:
        sql = check_sql(check)
        sql.prepare(con)
        accepted = dict(
            con.execute(
                f"SELECT x, {sql.canonical_value('x')} FROM unnest($values::VARCHAR[]) t(x) "
                f"WHERE {sql.canonical('x')}",
                {"values": candidates},
            ).fetchall()
        )
        answers = check.lookup(candidates)
        assert accepted == {value: answers[value] for value in accepted}
        if isinstance(check, Identifier | Month):  # converted even when clean; "" is empty
            assert set(accepted) == {value for value in candidates if value == value.strip()
                                     != "" and answers[value] is not None}  # fmt: skip
        else:
            assert set(accepted) == {value for value in candidates if answers[value] == value}


PEOPLE_COLUMNS = ["crime_ref", "person_id", "role", "age", "sex", "ethnicity"]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["P-1", "P-2", " P-3", "P-4\t", "", "Q\u3000", "é"]),
            st.sampled_from(["victim", "suspect", "Victim", "witness"]),
            st.sampled_from(["", "17", "130", "x"]),
        ),
        max_size=12,
    )
)
@pytest.mark.slow
def test_people_single_pass_and_careful_way_store_the_same_pseudonyms(rows: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(PEOPLE_COLUMNS)
            writer.writerows([f"C{n}", pid, role, age, "F", "White"]
                             for n, (pid, role, age) in enumerate(rows))  # fmt: skip
        fast = refusal_or_result(import_source, "police-people", path, Path(tmp) / "fast.duckdb")
        careful = refusal_or_result(
            _careful_import, "police-people", path, Path(tmp) / "careful.duckdb"
        )
        assert _contents(Path(tmp) / "fast.duckdb") == _contents(Path(tmp) / "careful.duckdb")
        if isinstance(fast, str):
            assert fast == careful and "nothing loaded" in fast
            return
        assert (fast.rows_read, fast.rows_loaded) == (careful.rows_read, careful.rows_loaded)


def test_sql_strips_what_python_strips() -> None:
    assert set(STRIPPED) == {c for c in map(chr, range(0x110000)) if c.isspace()}
