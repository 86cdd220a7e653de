"""Helpers for readers whose file is not shaped like its target table (wide → long, lookups).

Such a reader validates the file with ``load_csv`` into a TEMP table shaped like the file
(so quarantine, row numbers and structural refusals are the framework's), then reshapes the
valid rows into the warehouse table with one ``INSERT … SELECT``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from svduty.errors import SvdutyError
from svduty.ingest.contract import FileContract
from svduty.ingest.csv_file import check_text_file, read_header
from svduty.ingest.job import FileOutcome, ImportJob
from svduty.ingest.loader import load_csv
from svduty.ingest.mapping import header_key
from svduty.warehouse.sql import identifier

STAGING_TABLE = "_svduty_wide"


def staged_types(contract: FileContract) -> dict[str, str]:
    """Target column -> SQL type for every target of ``contract`` (its check's type)."""
    return {
        target: column.check.sql_type
        for column in contract.columns
        for target in column.target_templates()
    }


def load_wide(
    job: ImportJob,
    contract: FileContract,
    path: Path,
    display: str,
    table: str,
    types: Mapping[str, str] | None = None,
) -> FileOutcome:
    """Validate ``path`` under ``contract`` into a fresh TEMP table named ``contract.table``.

    ``types`` overrides the SQL type of some targets. The batch's tally records the file against
    ``table`` (the real warehouse table). The caller reshapes the TEMP table, then drops it with
    ``drop_staging`` (before the batch ends: a TEMP table with ``batch_id`` would otherwise look
    like a data table to ``--replace``).
    """
    types = {**staged_types(contract), **(types or {})}
    columns = ", ".join(f"{identifier(n)} {t}" for n, t in {"batch_id": "INTEGER", **types}.items())
    job.con.execute(f"CREATE OR REPLACE TEMP TABLE {identifier(contract.table)} ({columns})")
    outcome = load_csv(job, contract, path, display)
    relabelled = dataclasses.replace(outcome, table=table)
    job.outcomes[job.outcomes.index(outcome)] = relabelled
    return relabelled


def drop_staging(job: ImportJob, contract: FileContract) -> None:
    job.con.execute(f"DROP TABLE IF EXISTS temp.{identifier(contract.table)}")


def header_keys(job: ImportJob, path: Path, display: str) -> list[str]:
    """The file's header names, trimmed, lower case and without a byte-order mark."""
    check_text_file(path, display)
    return [header_key(h) for h in read_header(job.con, path, display)]


def refuse_duplicates(job: ImportJob, table: str, key: str, display: str, what: str) -> None:
    """Refuse the file when ``key`` repeats in the staged rows (one line naming a repeat)."""
    row = job.con.execute(
        f"SELECT {identifier(key)}, count(*) FROM temp.{identifier(table)} "
        f"GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 1"
    ).fetchone()
    if row is not None:
        raise SvdutyError(f"{display}: {what} {row[0]} appears {row[1]} times; expected once")
