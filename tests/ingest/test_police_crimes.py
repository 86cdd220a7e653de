"""police-crimes: values, quarantine cells with spreadsheet row numbers, period, duplicates."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from svduty.errors import SvdutyError
from svduty.ingest import import_source

from .conftest import FIXTURES, query

SMALL = FIXTURES / "police_crimes_small.csv"


def test_valid_rows_load_with_canonical_values(warehouse: Path) -> None:
    result = import_source("police-crimes", SMALL, warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (10, 6, 4)
    rows = query(
        warehouse,
        "SELECT crime_ref, ho_code, occurred_at, occurred_date, occurred_month, knife, firearm, "
        "domestic_abuse, location_type, lsoa_code, longitude, latitude, outcome, source, batch_id "
        "FROM crimes ORDER BY crime_ref",
    )
    t, d = dt.datetime, dt.date
    assert rows == [
        ("NS/001", "8N", t(2024, 1, 5, 22, 10), d(2024, 1, 5), d(2024, 1, 1), True, False, False,
         "street", "E01000001", -1.5, 52.3, "Charged", "police-crimes", 1),
        ("NS/002", "8N", None, d(2024, 1, 7), d(2024, 1, 1), False, False, True,
         "dwelling", "E01000002", None, None, None, "police-crimes", 1),
        ("NS/004", "34B", t(2024, 2, 1, 1, 0), d(2024, 2, 1), d(2024, 2, 1), False, False, False,
         "retail", "W01000003", -3.1, 51.5, "Under investigation", "police-crimes", 1),
        ("NS/005", "4/1", t(2024, 3, 15, 23, 59), d(2024, 3, 15), d(2024, 3, 1), False, True, False,
         "licensed_premises", "E01000004", -1.2, 52.9, None, "police-crimes", 1),
        ("NS/006", "1/4.1/4.10/4.2", None, d(2024, 3, 16), d(2024, 3, 1), True, False, False,
         "park_open_space", "E01000005", None, None, None, "police-crimes", 1),
        ("NS/010", "8N", t(2024, 3, 22, 9, 30), d(2024, 3, 22), d(2024, 3, 1), True, False, False,
         "public_transport", "E01000009", -1.4, 52.4, "Charged, later dropped", "police-crimes", 1),
    ]  # fmt: skip


def test_one_quarantine_row_per_bad_cell_with_spreadsheet_row(warehouse: Path) -> None:
    import_source("police-crimes", SMALL, warehouse)
    rows = query(
        warehouse,
        'SELECT batch_id, file, row_number, "column", value, reason FROM quarantine '
        'ORDER BY row_number, "column"',
    )
    f = "police_crimes_small.csv"
    assert rows == [
        (1, f, 4, "ho_code", "ZZ", "not a known Home Office offence code"),
        (1, f, 4, "knife", "X", "not a flag (expected Y or N)"),
        (1, f, 4, "location_type", "moon", "not a known location type"),
        (1, f, 4, "longitude", "-20", "longitude not inside the UK (-8.7 to 1.8)"),
        (1, f, 4, "lsoa_code", "E0100", "not an LSOA code (expected E01 or W01 and six digits)"),
        (1, f, 4, "occurred_at", "2024-02-31",
         "not a date-time (expected YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DD)"),
        (1, f, 8, "occurred_at", None, "missing value"),
        (1, f, 9, "crime_ref", None, "missing value"),
        (1, f, 10, "latitude", "61.5", "latitude not inside the UK (49.8 to 60.9)"),
    ]  # fmt: skip


def test_batch_record(warehouse: Path) -> None:
    import hashlib

    result = import_source("police-crimes", SMALL, warehouse)
    assert (result.period_start, result.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 3, 1))
    (row,) = query(
        warehouse,
        "SELECT batch_id, source, files, sha256, rows_read, rows_loaded, rows_quarantined, "
        "period_start, period_end, imported_by, imported_at FROM batches",
    )
    assert row[:9] == (
        1,
        "police-crimes",
        ["police_crimes_small.csv"],
        [hashlib.sha256(SMALL.read_bytes()).hexdigest()],
        10,
        6,
        4,
        dt.date(2024, 1, 1),
        dt.date(2024, 3, 1),
    )
    assert row[9]
    assert abs(row[10] - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=5)
    assert {(r.column, r.reason): r.cells for r in result.top_reasons}[
        ("occurred_at", "missing value")
    ] == 1


def test_same_file_again_adds_nothing(warehouse: Path, tmp_path: Path) -> None:
    import_source("police-crimes", SMALL, warehouse)
    copy = tmp_path / "renamed.csv"
    shutil.copy(SMALL, copy)  # same bytes under another name is still the same extract
    again = import_source("police-crimes", copy, warehouse)
    assert again.duplicate_of == 1 and again.batch_id is None and again.rows_loaded == 0
    assert query(warehouse, "SELECT count(*) FROM crimes") == [(6,)]
    assert query(warehouse, "SELECT count(*) FROM batches") == [(1,)]


def test_replace_swaps_in_a_reissue_for_the_same_period(warehouse: Path, tmp_path: Path) -> None:
    import_source("police-crimes", SMALL, warehouse)
    reissue = tmp_path / "reissue.csv"
    reissue.write_text(
        "crime_ref,ho_code,occurred_at,knife,firearm,domestic_abuse,location_type,lsoa_code\n"
        "NS/001,8N,2024-01-05 22:10,N,N,N,street,E01000001\n"
        "NS/011,8N,2024-02-05,N,N,N,street,E01000001\n"
        "NS/012,bad,2024-02-06,N,N,N,street,E01000001\n"
    )
    result = import_source("police-crimes", reissue, warehouse, replace=True)
    assert result.batch_id == 2 and result.replaced_batches == [1]
    assert query(warehouse, "SELECT crime_ref, knife, batch_id FROM crimes ORDER BY 1") == [
        ("NS/001", False, 2),
        ("NS/011", False, 2),
    ]
    assert query(warehouse, "SELECT DISTINCT batch_id FROM quarantine") == [(2,)]
    assert query(
        warehouse, "SELECT batch_id, replaced_by, replaced_batches FROM batches ORDER BY 1"
    ) == [(1, 2, None), (2, None, [1])]


def test_replace_keeps_batches_of_other_periods(warehouse: Path, tmp_path: Path) -> None:
    header = "crime_ref,ho_code,occurred_at,knife,firearm,domestic_abuse,location_type,lsoa_code\n"
    jan, feb = tmp_path / "jan.csv", tmp_path / "feb.csv"
    jan.write_text(header + "A,8N,2024-01-05,N,N,N,street,E01000001\n")
    feb.write_text(header + "B,8N,2024-02-05,N,N,N,street,E01000001\n")
    import_source("police-crimes", jan, warehouse)
    result = import_source("police-crimes", feb, warehouse, replace=True)
    assert result.replaced_batches == []
    assert query(warehouse, "SELECT crime_ref FROM crimes ORDER BY 1") == [("A",), ("B",)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\n\n", "the file is empty"),
        (b"PK\x03\x04rest-of-a-zip", "zip or Excel file, not a CSV"),
        ("crime_ref,ho_code\n".encode("utf-16"), "UTF-16"),
        (b"\x00\x01\x02binary\x00", "binary content"),
        (b"crime_ref,ho_code\nA,8N\xff\xfe\n", "not UTF-8 text"),
        (b"name,age\nAl,3\n", "missing required column(s) crime_ref, ho_code, occurred_at"),
        (
            b"crime_ref,ho_code,occurred_at,knife,firearm,domestic_abuse,location_type\n",
            "missing required column(s) lsoa_code",
        ),
        (
            b"crime_ref,ho_code,occurred_at,knife,firearm,domestic_abuse,location_type,lsoa_code\n"
            b'A,8N,"2024-01-01,N,N,N,street,E01000001\n',
            "not a well-formed CSV",
        ),
    ],
)
def test_structural_problems_refuse_the_file_in_one_line(
    warehouse: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "extract.csv"
    bad.write_bytes(content)
    with pytest.raises(SvdutyError) as caught:
        import_source("police-crimes", bad, warehouse)
    text = str(caught.value)
    assert message in text and text.startswith("extract.csv:") and "\n" not in text
    assert query(warehouse, "SELECT count(*) FROM batches") == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM crimes") == [(0,)]


def test_rows_with_the_wrong_number_of_fields_are_quarantined(
    warehouse: Path, tmp_path: Path
) -> None:
    """A short or long row is one bad row, not a bad file; later rows keep their row numbers
    (spreadsheet rows: a quoted line break does not start a new row)."""
    header = "crime_ref,ho_code,occurred_at,knife,firearm,domestic_abuse,location_type,lsoa_code"
    good = "8N,2024-01-01,N,N,N,street,E01000001"
    extract = tmp_path / "ragged.csv"
    extract.write_text(
        f"{header}\nA,{good}\nB,8N\nC,{good},extra\nD,8N,2024-13-01,N,N,N,street,E01000001\n"
        f'"E\nx",{good}\nF,9ZZ,2024-01-01,N,N,N,street,E01000001\nG,{good}\n'
    )
    result = import_source("police-crimes", extract, warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (7, 3, 4)
    assert query(warehouse, "SELECT crime_ref FROM crimes ORDER BY 1") == [
        ("A",),
        ("E\nx",),
        ("G",),
    ]
    assert query(
        warehouse, 'SELECT row_number, "column", value, reason FROM quarantine ORDER BY 1'
    ) == [
        (3, None, "B,8N", "2 fields where the header has 8"),
        (4, None, f"C,{good},extra", "9 fields where the header has 8"),
        (
            5,
            "occurred_at",
            "2024-13-01",
            "not a date-time (expected YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DD)",
        ),
        (7, "ho_code", "9ZZ", "not a known Home Office offence code"),
    ]
    again = import_source("police-crimes", extract, warehouse)
    assert again.duplicate_of == result.batch_id


def test_header_only_file_loads_nothing(warehouse: Path, tmp_path: Path) -> None:
    empty = tmp_path / "none.csv"
    empty.write_text(
        "crime_ref,ho_code,occurred_at,knife,firearm,domestic_abuse,location_type,lsoa_code\n"
    )
    with pytest.raises(SvdutyError, match=r"^none.csv: no data rows; nothing loaded$"):
        import_source("police-crimes", empty, warehouse)
    assert query(warehouse, "SELECT count(*) FROM batches") == [(0,)]


def test_a_file_whose_every_row_is_quarantined_loads_nothing(warehouse: Path, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "crime_ref,ho_code,occurred_at,knife,firearm,domestic_abuse,location_type,lsoa_code\n"
        "C1,XX,2024-01-05,N,N,N,Street,E01000001\n"
        "C2,8N,2024-13-05,N,N,N,Street,E01000001\n"
    )
    with pytest.raises(SvdutyError) as refused:
        import_source("police-crimes", bad, warehouse)
    message = str(refused.value)
    assert message.startswith("bad.csv: no row could be read; nothing loaded (2 rows quarantined")
    assert "first: bad.csv row 2, ho_code: " in message and "\n" not in message
    assert query(warehouse, "SELECT count(*) FROM batches") == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM quarantine") == [(0,)]


def test_unknown_source_and_missing_path(warehouse: Path) -> None:
    with pytest.raises(SvdutyError, match=r"unknown source .nope.; known sources: .*police-crimes"):
        import_source("nope", SMALL, warehouse)
    with pytest.raises(SvdutyError, match="no such file or folder"):
        import_source("police-crimes", SMALL.with_name("absent.csv"), warehouse)
