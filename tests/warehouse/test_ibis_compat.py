"""Ibis on DuckDB 2.0: catalogue queries run without a warning per query (issue 16 item 17)."""

from __future__ import annotations

import warnings

from svduty.warehouse import connect, ibis_connect


def test_listing_tables_and_reading_schemas_warn_nothing(tmp_path) -> None:
    path = tmp_path / "warehouse.duckdb"
    connect(path).close()  # migrated, with every warehouse table
    con = ibis_connect(path, read_only=True)
    try:
        with warnings.catch_warnings():
            # DuckDB's per-query advice, not pandas 3's own deprecations inside Ibis.
            warnings.filterwarnings(
                "error", message=".*(extra copy|fetch_arrow_table|record_batch)"
            )
            tables = con.list_tables()
            schema = con.table("crimes").schema()
            rows = con.table("crimes").count().execute()
    finally:
        con.disconnect()
    assert "crimes" in tables and "areas" in tables
    assert "lsoa_code" in schema.names
    assert rows == 0
