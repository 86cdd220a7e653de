"""Schema versions: a fresh warehouse is current; an older one is upgraded in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from svduty import config
from svduty.errors import SvdutyError
from svduty.warehouse import SCHEMA_VERSION, connect, ibis_connect, schema_version
from svduty.warehouse.migrations import migrate, migrations

V1_TABLES = {"batches", "quarantine", "areas", "area_indicators", "population", "crimes",
             "crime_people"}  # fmt: skip
V2_TABLES = {"police_uk_outcomes", "stop_and_search", "ed_assaults", "hospital_admissions",
             "yj_cases", "probation_cases", "education_events", "case_study_events"}  # fmt: skip


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    }


def test_versions_are_numbered_from_one_without_gaps() -> None:
    versions = [m.version for m in migrations()]
    assert versions == list(range(1, len(versions) + 1)) and SCHEMA_VERSION == versions[-1] >= 2


def test_fresh_warehouse_has_every_canonical_table(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    assert schema_version(con) == SCHEMA_VERSION
    assert _tables(con) == V1_TABLES | V2_TABLES | {"schema_version"}
    every_data_table_has_batch_id = con.execute(
        "SELECT count(DISTINCT table_name) FROM information_schema.columns "
        "WHERE column_name = 'batch_id'"
    ).fetchone()[0]
    assert every_data_table_has_batch_id == len(V1_TABLES | V2_TABLES)
    con.close()


def test_a_v1_warehouse_is_upgraded_in_place_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    assert migrate(old, target=1) == [1]
    assert _tables(old) == V1_TABLES | {"schema_version"}
    old.execute(
        "INSERT INTO crimes (batch_id, source, crime_ref, ho_code, occurred_month) "
        "VALUES (7, 'police-crimes', 'OLD/1', '8N', DATE '2019-04-01')"
    )
    old.close()

    con = connect(path)
    assert schema_version(con) == SCHEMA_VERSION
    assert _tables(con) >= V2_TABLES
    assert con.execute("SELECT batch_id, crime_ref, occurred_month FROM crimes").fetchall() == [
        (7, "OLD/1", dt.date(2019, 4, 1))
    ]
    assert [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()] \
        == list(range(1, SCHEMA_VERSION + 1))  # fmt: skip
    con.close()


def test_read_only_open_upgrades_an_old_file_first(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    migrate(old, target=1)
    old.close()
    con = connect(path, read_only=True)
    assert schema_version(con) == SCHEMA_VERSION
    con.close()


def test_missing_and_newer_warehouses_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(SvdutyError, match="no warehouse there yet"):
        connect(tmp_path / "absent.duckdb", read_only=True)
    path = tmp_path / "future.duckdb"
    con = connect(path)
    con.execute("INSERT INTO schema_version VALUES (999, '0999_future.sql', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(SvdutyError, match="schema v999 is newer than this svduty"):
        connect(path)


def test_not_a_duckdb_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "text.duckdb"
    path.write_text("hello, I am not a database\n" * 100)
    with pytest.raises(SvdutyError) as caught:
        connect(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)


def test_default_path_is_in_svduty_home_and_ibis_sees_the_tables() -> None:
    connect().close()
    assert config.warehouse_path(None).exists()
    backend = ibis_connect()
    assert {"crimes", "batches", "quarantine"} <= set(backend.list_tables())
    assert backend.table("crimes").count().execute() == 0
    backend.disconnect()


def test_ibis_expressions_execute_on_the_warehouse(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = connect(path)
    con.execute(
        "INSERT INTO crimes (batch_id, source, crime_ref, ho_code, occurred_month) VALUES "
        "(1, 'police-crimes', 'A', '8N', DATE '2024-01-01'), "
        "(1, 'police-crimes', 'B', '8N', DATE '2024-02-01'), "
        "(1, 'police-crimes', 'C', '34B', DATE '2024-02-01')"
    )
    con.close()
    backend = ibis_connect(path)
    crimes = backend.table("crimes")
    by_code = crimes.group_by("ho_code").agg(n=crimes.count()).order_by("ho_code").to_pyarrow()
    assert by_code.to_pylist() == [{"ho_code": "34B", "n": 1}, {"ho_code": "8N", "n": 2}]
    assert sum(b.num_rows for b in crimes.to_pyarrow_batches(chunk_size=2)) == 3
    backend.disconnect()
