"""What is in a warehouse: table row counts and the import batches."""

from __future__ import annotations

import duckdb

from svduty.warehouse.sql import identifier

# Tables that hold data rows (all carry batch_id); batches and quarantine are provenance.
DATA_TABLES = (
    "areas",
    "area_indicators",
    "population",
    "crimes",
    "crime_people",
    "police_uk_outcomes",
    "stop_and_search",
    "ed_assaults",
    "hospital_admissions",
    "yj_cases",
    "probation_cases",
    "education_events",
    "case_study_events",
)


def table_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every base table in the main schema, by name (schema_version excluded)."""
    names = [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' "
            "AND table_name <> 'schema_version' ORDER BY table_name"
        ).fetchall()
    ]
    return {
        name: con.execute(f"SELECT count(*) FROM {identifier(name)}").fetchall()[0][0]
        for name in names
    }


def data_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every base table with a ``batch_id`` column other than batches/quarantine."""
    return [
        row[0]
        for row in con.execute(
            "SELECT DISTINCT table_name FROM information_schema.columns "
            "WHERE table_schema = 'main' AND column_name = 'batch_id' "
            "AND table_name NOT IN ('batches', 'quarantine') ORDER BY table_name"
        ).fetchall()
    ]


def batch_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    """Every batch, oldest first, as plain dicts."""
    cursor = con.execute(
        "SELECT batch_id, source, files, rows_read, rows_loaded, rows_quarantined, "
        "period_start, period_end, imported_by, imported_at, replaced_by "
        "FROM batches ORDER BY batch_id"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
