"""police-people: pseudonymised person keys, vocabularies, quarantine without raw ids."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from svduty.ingest import import_source

from .conftest import FIXTURES, query

PEOPLE = FIXTURES / "police_people_small.csv"
KEY = b"test-partnership-secret"  # set by the autouse fixture in conftest


def _hmac(raw: str) -> str:
    return hmac.new(KEY, raw.encode(), hashlib.sha256).hexdigest()


def test_people_load_with_keyed_hashes(warehouse: Path) -> None:
    result = import_source("police-people", PEOPLE, warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (8, 5, 3)
    rows = query(
        warehouse,
        "SELECT crime_ref, person_key, role, age, sex, ethnicity, source FROM crime_people "
        "ORDER BY crime_ref, role DESC",
    )
    assert rows == [
        ("NS/001", _hmac("P-0001"), "victim", 17, "M", "Black", "police-people"),
        ("NS/001", _hmac("P-0002"), "suspect", 19, "M", "White", "police-people"),
        ("NS/002", _hmac("P-0003"), "victim", 34, "F", "Not stated", "police-people"),
        ("NS/004", _hmac("P-0001"), "victim", 18, "M", "Black", "police-people"),
        ("NS/007", _hmac("P-0006"), "suspect", None, None, None, "police-people"),
    ]


def test_quarantine_never_holds_a_raw_identifier(warehouse: Path) -> None:
    import_source("police-people", PEOPLE, warehouse)
    rows = query(
        warehouse,
        'SELECT row_number, "column", value, reason FROM quarantine ORDER BY row_number, "column"',
    )
    assert rows == [
        (6, "role", "witness", "not a known role (expected victim, suspect)"),
        (7, "person_id", None, "missing value"),
        (8, "age", "130", "not a whole number between 0 and 120"),
        (8, "ethnicity", "Martian",
         "not an ONS ethnic group (Asian, Black, Mixed, White, Other, Not stated)"),
        (8, "sex", "Q", "not a known sex (F, M, X or U)"),
    ]  # fmt: skip


def test_raw_ids_never_reach_the_warehouse_file(warehouse: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    raw_ids = [f"RAWPERSON{n:06d}XYZ" for n in range(300)]
    lines = ["crime_ref,person_id,role,age,sex,ethnicity"]
    lines += [f"C{n},{pid},victim,{20 + n % 50},F,White" for n, pid in enumerate(raw_ids)]
    lines += ["C999,RAWPERSON999999XYZ,witness,20,F,White"]  # quarantined row: id withheld
    people.write_text("\n".join(lines) + "\n")
    import_source("police-people", people, warehouse)
    assert query(warehouse, "SELECT count(DISTINCT person_key) FROM crime_people") == [(300,)]
    assert query(warehouse, "SELECT count(*) FROM quarantine WHERE value LIKE 'RAW%'") == [(0,)]
    stored = b"".join(p.read_bytes() for p in warehouse.parent.glob(warehouse.name + "*"))
    assert stored  # the file (and any WAL) exists and was read
    assert b"RAWPERSON" not in stored
    assert _hmac(raw_ids[0]).encode() in stored or query(
        warehouse, "SELECT count(*) FROM crime_people WHERE person_key = ?", [_hmac(raw_ids[0])]
    ) == [(1,)]


def test_a_ragged_row_is_quarantined_without_its_text(warehouse: Path, tmp_path: Path) -> None:
    """The row's text would carry the raw person id: only the reason is kept."""
    extract = tmp_path / "people.csv"
    extract.write_text(
        "crime_ref,person_id,role,age,sex,ethnicity\n"
        "C1,SECRET-1,victim,17,M,White\n"
        "C2,SECRET-2,victim\n"
    )
    result = import_source("police-people", extract, warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (2, 1, 1)
    assert query(warehouse, 'SELECT row_number, "column", value, reason FROM quarantine') == [
        (3, None, None, "3 fields where the header has 6")
    ]
    assert b"SECRET-2" not in warehouse.read_bytes()
