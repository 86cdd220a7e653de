"""Overlapping imports never double-count: refused, replaced or appended, and keys once a file."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from svduty.errors import SvdutyError
from svduty.ingest import commands as ingest_commands
from svduty.ingest import import_source
from svduty.ingest.job import ImportJob
from svduty.ingest.loader import load_csv
from svduty.ingest.overlaps import OverlapError
from svduty.ingest.readers.police import POLICE_CRIMES
from svduty.warehouse import connect

from .conftest import query, snapshot
from .test_hypothesis import COLUMNS

HEADER = ",".join(COLUMNS)
CRIME = "{ref},8N,2024-{month:02d}-05 10:00,N,N,N,street,E01031116,-1.5,52.3,{outcome}"
ISTV_HEADER = (
    "site_code,reporting_period_start,reporting_period_end,arrival_at,assault_at,"
    "assault_method,assault_method_other,location_type,location_description,assault_lsoa,"
    "age_band,sex,residence_lsoa"
)


def crimes(path: Path, refs: list[str], month: int = 1, outcome: str = "x") -> Path:
    rows = [CRIME.format(ref=ref, month=month, outcome=outcome) for ref in refs]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def istv(path: Path, site: str, month: int, n: int) -> Path:
    day = f"2024-{month:02d}"
    row = f"{site},{day}-01,{day}-28,{day}-06 23:40,,body,,street,,E01000001,18-24,M,"
    path.write_text("\n".join([ISTV_HEADER, *[row] * n]) + "\n", encoding="utf-8")
    return path


def refs(n: int, start: int = 0) -> list[str]:
    return [f"NS/{i:05d}" for i in range(start, start + n)]


def test_the_same_file_with_one_more_line_is_refused_naming_the_batch(
    warehouse: Path, tmp_path: Path
) -> None:
    import_source("police-crimes", crimes(tmp_path / "year.csv", refs(500)), warehouse)
    before = snapshot(warehouse)
    again = crimes(tmp_path / "year-v2.csv", refs(501))
    with pytest.raises(OverlapError) as refused:
        import_source("police-crimes", again, warehouse)
    assert str(refused.value) == (
        "year-v2.csv: overlaps batch 1 (year.csv, 2024-01 to 2024-01), which already holds 500 "
        "of its records (same crime_ref); nothing loaded. Use --replace to replace it, or "
        "--append to load only records not yet loaded"
    )
    assert snapshot(warehouse) == before


def test_known_keys_in_another_period_are_an_overlap_too(warehouse: Path, tmp_path: Path) -> None:
    import_source("police-crimes", crimes(tmp_path / "jan.csv", refs(5), month=1), warehouse)
    redated = crimes(tmp_path / "feb.csv", refs(5, 3), month=2)  # NS/00003-4 again, re-dated
    with pytest.raises(OverlapError, match=r"which already holds 2 of its records"):
        import_source("police-crimes", redated, warehouse)


def test_a_new_period_with_new_keys_loads_without_a_choice(warehouse: Path, tmp_path: Path) -> None:
    import_source("police-crimes", crimes(tmp_path / "jan.csv", refs(5), month=1), warehouse)
    result = import_source("police-crimes", crimes(tmp_path / "feb.csv", refs(5, 5), 2), warehouse)
    assert (result.batch_id, result.rows_loaded) == (2, 5)
    assert query(warehouse, "SELECT count(*) FROM crimes") == [(10,)]


def test_replace_swaps_the_overlapped_batch(warehouse: Path, tmp_path: Path) -> None:
    import_source("police-crimes", crimes(tmp_path / "year.csv", refs(500)), warehouse)
    result = import_source(
        "police-crimes",
        crimes(tmp_path / "v2.csv", refs(501), outcome="y"),
        warehouse,
        replace=True,
    )
    assert result.replaced_batches == [1]
    assert query(warehouse, "SELECT count(*), min(outcome), max(outcome) FROM crimes") == [
        (501, "y", "y")
    ]
    assert query(warehouse, "SELECT batch_id, replaced_by FROM batches ORDER BY 1") == [
        (1, 2),
        (2, None),
    ]


def test_append_loads_only_new_records_and_says_how_many_it_skipped(
    warehouse: Path, tmp_path: Path
) -> None:
    import_source("police-crimes", crimes(tmp_path / "year.csv", refs(500)), warehouse)
    result = import_source(
        "police-crimes", crimes(tmp_path / "v2.csv", refs(501), outcome="y"), warehouse, append=True
    )
    assert (result.rows_read, result.rows_loaded, result.rows_skipped) == (501, 1, 500)
    assert query(warehouse, "SELECT outcome, count(*) FROM crimes GROUP BY 1 ORDER BY 1") == [
        ("x", 500),
        ("y", 1),
    ]
    assert query(warehouse, "SELECT batch_id, rows_read, rows_loaded FROM batches ORDER BY 1") == [
        (1, 500, 500),
        (2, 501, 1),
    ]


def test_append_with_nothing_new_adds_nothing(warehouse: Path, tmp_path: Path) -> None:
    import_source("police-crimes", crimes(tmp_path / "year.csv", refs(20)), warehouse)
    before = snapshot(warehouse)
    result = import_source(
        "police-crimes", crimes(tmp_path / "part.csv", refs(10)), warehouse, append=True
    )
    assert (result.nothing_new, result.duplicate_of, result.batch_id) == (True, 1, None)
    assert snapshot(warehouse) == before


def test_replace_and_append_together_are_refused(warehouse: Path, tmp_path: Path) -> None:
    with pytest.raises(SvdutyError, match="choose --replace or --append, not both"):
        import_source(
            "police-crimes", crimes(tmp_path / "a.csv", refs(2)), warehouse, replace=True,
            append=True,
        )  # fmt: skip


def test_a_key_twice_in_one_file_loads_once_and_the_repeat_is_quarantined(
    warehouse: Path, tmp_path: Path
) -> None:
    path = tmp_path / "dups.csv"
    lines = [
        HEADER,
        CRIME.format(ref="C1", month=1, outcome="first"),
        "a,broken,row",
        CRIME.format(ref="C2", month=1, outcome="x"),
        CRIME.format(ref=" C1 ", month=1, outcome="second"),  # the same reference, spaced
        CRIME.format(ref="C1", month=2, outcome="third"),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_source("police-crimes", path, warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (5, 2, 3)
    assert query(warehouse, "SELECT crime_ref, outcome FROM crimes ORDER BY 1") == [
        ("C1", "first"),
        ("C2", "x"),
    ]
    repeat = "the same crime_ref as an earlier row (the first is loaded)"
    assert query(
        warehouse, 'SELECT row_number, "column", value, reason FROM quarantine ORDER BY 1'
    ) == [
        (3, None, "a,broken,row", "3 fields where the header has 11"),
        (5, "crime_ref", "C1", repeat),
        (6, "crime_ref", "C1", repeat),
    ]


def test_a_key_in_two_files_of_one_batch_is_refused(warehouse: Path, tmp_path: Path) -> None:
    """No built-in reader loads two files into a keyed table yet; a reader that does (a
    force's extract split by district, say) is refused rather than guessing which is right."""
    con = connect(warehouse)
    con.execute("BEGIN TRANSACTION")
    job = ImportJob(con, 1, "police-crimes")
    load_csv(job, POLICE_CRIMES, crimes(tmp_path / "a.csv", ["C1", "C2"]))
    with pytest.raises(SvdutyError) as refused:
        load_csv(job, POLICE_CRIMES, crimes(tmp_path / "b.csv", ["C3", "C2"]))
    con.close()
    assert str(refused.value) == (
        "b.csv row 3: the same crime_ref as a row of an earlier file of this import; nothing "
        "loaded (import the files apart, or remove the repeated record)"
    )


def test_people_are_keyed_by_crime_person_and_role(warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "crime_ref,person_id,role,age,sex,ethnicity\n"
        "NS/1,P1,victim,17,M,Black\n"
        "NS/1,P1,suspect,17,M,Black\n"  # the same person in another role: a record of its own
        "NS/2,P1,victim,17,M,Black\n"
        "NS/1,P1,victim,17,M,Black\n",  # a repeat
        encoding="utf-8",
    )
    result = import_source("police-people", path, warehouse)
    assert (result.rows_loaded, result.rows_quarantined) == (3, 1)
    assert query(warehouse, 'SELECT row_number, "column", value, reason FROM quarantine') == [
        (5, "crime_ref", "NS/1", "the same crime_ref, person_id and role as an earlier row "
         "(the first is loaded)"),
    ]  # fmt: skip


def test_two_sites_returns_for_one_period_are_not_an_overlap(
    warehouse: Path, tmp_path: Path
) -> None:
    import_source("istv", istv(tmp_path / "rx1-jan.csv", "RX101", 1, 3), warehouse)
    result = import_source("istv", istv(tmp_path / "rx2-jan.csv", "RX102", 1, 4), warehouse)
    assert result.rows_loaded == 4
    with pytest.raises(OverlapError, match=r"^rx1-jan-v2.csv: overlaps batch 1 \(rx1-jan.csv"):
        import_source("istv", istv(tmp_path / "rx1-jan-v2.csv", "RX101", 1, 5), warehouse)
    replaced = import_source(
        "istv", istv(tmp_path / "rx1-jan-v2.csv", "RX101", 1, 5), warehouse, replace=True
    )
    assert replaced.replaced_batches == [1]  # RX102's return stays
    assert query(
        warehouse, "SELECT site_code, count(*) FROM ed_assaults GROUP BY 1 ORDER BY 1"
    ) == [
        ("RX101", 5),
        ("RX102", 4),
    ]


def test_the_command_line_refuses_then_appends(warehouse: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    ingest_commands.register(app)
    runner = CliRunner(env={"COLUMNS": "200"})
    first = crimes(tmp_path / "year.csv", refs(3))
    runner.invoke(app, ["import", "police-crimes", str(first), "--warehouse", str(warehouse)])
    more = str(crimes(tmp_path / "year-v2.csv", refs(4)))
    refused = runner.invoke(app, ["import", "police-crimes", more, "--warehouse", str(warehouse)])
    assert isinstance(refused.exception, OverlapError)  # the CLI prints it as one line, exit 2
    appended = runner.invoke(
        app, ["import", "police-crimes", more, "--warehouse", str(warehouse), "--append"]
    )
    assert appended.exit_code == 0
    assert "1 rows loaded, 3 skipped as already loaded, 0 quarantined of 4 read." in (
        " ".join(appended.stdout.split())
    )
    again = runner.invoke(
        app, ["import", "police-crimes", more, "--warehouse", str(warehouse), "--append"]
    )
    assert "Already imported: year-v2.csv (police-crimes) is batch 2; nothing added." in (
        " ".join(again.stdout.split())
    )
    part = str(crimes(tmp_path / "part.csv", refs(2)))
    nothing = runner.invoke(
        app, ["import", "police-crimes", part, "--warehouse", str(warehouse), "--append"]
    )
    assert "Nothing new: every record in part.csv (police-crimes) is already loaded (batch 1)" in (
        " ".join(nothing.stdout.split())
    )
