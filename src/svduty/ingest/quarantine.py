"""Quarantine of a CSV file's bad rows: one row per bad cell, numbered as a spreadsheet numbers.

Row numbers are spreadsheet rows: the header is row 1, so the first data row is 2. Rows set
aside for their number of fields (``_ragged_lines``) are quarantined whole and counted back
into the numbering of the others.
"""

from __future__ import annotations

import duckdb

from svduty.ingest.check_sql import CheckSql
from svduty.ingest.contract import FileContract
from svduty.ingest.job import ImportJob
from svduty.ingest.validation import Validation

FIRST_DATA_ROW = 2  # spreadsheet numbering: header on row 1


def quarantine_ragged(job: ImportJob, display: str, contract: FileContract, header: int) -> None:
    """One quarantine row per row with the wrong number of fields: its text (NULL when the
    file carries person identifiers) and e.g. '2 fields where the header has 8'."""
    identifiers = any(column.check.identifier for column in contract.columns)
    text = "NULL" if identifiers else "left(text, 1000)"
    job.con.execute(
        f"INSERT INTO quarantine SELECT ?, ?, line, NULL, {text}, "
        "coalesce(fields::VARCHAR || ?, 'a different number of fields from the header') "
        "FROM _ragged_lines ORDER BY line",
        [job.batch_id, display, f" fields where the header has {header}"],
    )


def renumber_past_ragged_rows(con: duckdb.DuckDBPyConnection) -> None:
    """``_bad._row`` counted only the rows that had the right number of fields; add the
    ragged rows above each one. The j-th ragged row (1-based, by line) sits after
    ``line - FIRST_DATA_ROW - (j - 1)`` good rows, so a good row at position p has as many
    ragged rows above it as the largest j whose position is <= p."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ragged_pos AS SELECT pos, max(k) AS k FROM ("
        f"SELECT line - {FIRST_DATA_ROW} - (row_number() OVER (ORDER BY line) - 1) AS pos, "
        "row_number() OVER (ORDER BY line) AS k FROM _ragged_lines) GROUP BY pos"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _bad_numbered AS "
        "SELECT b.* REPLACE (b._row + coalesce(p.k, 0) AS _row) FROM _bad b "
        f"ASOF LEFT JOIN _ragged_pos p ON b._row - {FIRST_DATA_ROW} >= p.pos"
    )
    con.execute("DROP TABLE _bad")
    con.execute("ALTER TABLE _bad_numbered RENAME TO _bad")
    con.execute("DROP TABLE _ragged_pos")


def quarantine_cells(
    job: ImportJob,
    display: str,
    contract: FileContract,
    compiled: list[CheckSql],
    source: str,
    validation: Validation,
    ragged: int,
) -> None:
    """Materialise the file with row numbers and write one quarantine row per bad cell."""
    con = job.con
    con.execute(f"CREATE OR REPLACE TEMP TABLE _stg AS SELECT * FROM {source}")
    # Inside a transaction DuckDB numbers new rows from a large offset, in file order: subtract it.
    first_rowid = con.execute("SELECT min(rowid) FROM _stg").fetchall()[0][0] or 0
    row_number = f"s.rowid + ({FIRST_DATA_ROW - first_rowid})"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _bad AS SELECT * FROM "
        f"{validation.checked('_stg', row_number)} WHERE NOT ({validation.all_ok})"
    )
    if ragged:
        renumber_past_ragged_rows(con)
    for i, (column, sql) in enumerate(zip(contract.columns, compiled, strict=True)):
        value = "NULL" if sql.check.identifier else f"r{i}"
        con.execute(
            "INSERT INTO quarantine SELECT ?, ?, _row, ?, "
            f"{value}, CASE WHEN e{i} THEN 'missing value' ELSE ? END "
            f"FROM _bad WHERE NOT {validation.ok[i]}",
            [job.batch_id, display, column.name, sql.check.reason],
        )
    con.execute("DROP TABLE _bad")
    con.execute("DROP TABLE _stg")
