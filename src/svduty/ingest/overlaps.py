"""A new batch that covers what a live batch of the same source already holds.

The duplicate check (``batches.find_duplicate``) is on the files' SHA-256 only, so the same
year of crimes with one more line would load every crime again and double the needs
assessment. Before a batch commits, the live batches of its source are compared with it:

- **period**: their months overlap, within the same scope when the contract names one (two
  emergency departments' returns for one quarter, two forces' months, are not an overlap);
- **record keys**: the new batch loaded a key (a force's crime reference) they hold.

An overlap refuses the import unless the person chose ``--replace`` (the overlapped batches
go, ``replace_batches``) or ``--append`` (rows whose key is already loaded are dropped from
the new batch, ``skip_loaded_keys``; a table without keys loads whole).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import duckdb

from svduty.errors import SvdutyError
from svduty.ingest.contract import FileContract
from svduty.warehouse.sql import identifier


@dataclass(frozen=True)
class Overlap:
    """A live batch the new one overlaps, and how many of the new batch's keys it holds."""

    batch_id: int
    files: list[str]
    period_start: date | None
    period_end: date | None
    shared_keys: int

    def describe(self) -> str:
        period = ""
        if self.period_start is not None:
            period = f", {self.period_start:%Y-%m} to {self.period_end:%Y-%m}"
        files = ", ".join(self.files[:2]) + (" …" if len(self.files) > 2 else "")
        return f"batch {self.batch_id} ({files}{period})"


class OverlapError(SvdutyError):
    """The import overlaps live batches and the person chose neither replace nor append."""

    HINT = "Use --replace to replace it, or --append to load only records not yet loaded"

    def __init__(self, file: str, overlaps: list[Overlap], keys_named: str) -> None:
        self.overlaps = overlaps
        first = overlaps[0]
        held = ""
        if first.shared_keys:
            held = f", which already holds {first.shared_keys:,} of its records ({keys_named})"
        more = f" and {len(overlaps) - 1} more" if len(overlaps) > 1 else ""
        #: what overlaps, without the command-line hint (the web app gives its own)
        self.summary = f"{file}: overlaps {first.describe()}{held}{more}; nothing loaded."
        super().__init__(f"{self.summary} {self.HINT}")


def find_overlaps(
    con: duckdb.DuckDBPyConnection,
    source: str,
    batch_id: int,
    period: tuple[date | None, date | None],
    identities: Mapping[str, FileContract],
    tables: set[str],
) -> list[Overlap]:
    """The live batches of ``source`` that the new batch ``batch_id`` overlaps, oldest first.

    ``tables`` are the tables the new batch loaded; ``identities`` their contracts that name a
    key or a scope."""
    live = [
        row
        for row in con.execute(
            "SELECT batch_id, files, period_start, period_end FROM batches "
            "WHERE source = ? AND replaced_by IS NULL AND batch_id <> ? ORDER BY batch_id",
            [source, batch_id],
        ).fetchall()
    ]
    if not live:
        return []
    lo, hi = period
    by_period = {
        b for b, _, start, end in live if lo is not None and start is not None
        and start <= hi and end >= lo
    }  # fmt: skip
    scoped = {t: identities[t].scope for t in tables if t in identities and identities[t].scope}
    overlapping: set[int] = set()
    if by_period and (not tables or len(scoped) < len(tables)):
        overlapping |= by_period  # a table without a scope: the period alone decides
    elif by_period:
        for table, scope in scoped.items():
            overlapping |= _same_scope(con, table, scope, batch_id, sorted(by_period))
    shared = {}
    for table, contract in identities.items():
        if contract.key and table in tables:
            for b, n in _shared_keys(con, table, contract.key, batch_id, [row[0] for row in live]):
                shared[b] = shared.get(b, 0) + n
    overlapping |= set(shared)
    return [
        Overlap(b, list(files), start, end, shared.get(b, 0))
        for b, files, start, end in live
        if b in overlapping
    ]


def _same_scope(
    con: duckdb.DuckDBPyConnection,
    table: str,
    scope: tuple[str, ...],
    batch_id: int,
    candidates: list[int],
) -> set[int]:
    """Candidates with rows in ``table`` in a scope (an ED site, a force) the new batch has."""
    columns = ", ".join(identifier(c) for c in scope)
    same = " AND ".join(f"o.{identifier(c)} IS NOT DISTINCT FROM n.{identifier(c)}" for c in scope)
    rows = con.execute(
        f"SELECT DISTINCT o.batch_id FROM {identifier(table)} o SEMI JOIN "
        f"(SELECT DISTINCT {columns} FROM {identifier(table)} WHERE batch_id = ?) n ON {same} "
        "WHERE list_contains(?::INTEGER[], o.batch_id)",
        [batch_id, candidates],
    ).fetchall()
    return {row[0] for row in rows}


def _shared_keys(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: tuple[str, ...],
    batch_id: int,
    live: list[int],
) -> list[tuple[int, int]]:
    """Per live batch, how many of the new batch's keys in ``table`` it holds."""
    columns = ", ".join(identifier(c) for c in key)
    present = " AND ".join(f"{identifier(c)} IS NOT NULL" for c in key)
    return con.execute(
        f"SELECT o.batch_id, count(*) FROM {identifier(table)} o SEMI JOIN "
        f"(SELECT DISTINCT {columns} FROM {identifier(table)} WHERE batch_id = ? AND {present}) n "
        f"USING ({columns}) WHERE list_contains(?::INTEGER[], o.batch_id) GROUP BY 1",
        [batch_id, live],
    ).fetchall()


def skip_loaded_keys(
    con: duckdb.DuckDBPyConnection,
    batch_id: int,
    identities: Mapping[str, FileContract],
    overlaps: list[Overlap],
) -> int:
    """``--append``: drop the new batch's rows whose key an overlapped batch holds; how many."""
    older = [o.batch_id for o in overlaps]
    skipped = 0
    for table, contract in identities.items():
        if not contract.key:
            continue
        match = " AND ".join(f"n.{identifier(c)} = o.{identifier(c)}" for c in contract.key)
        skipped += con.execute(
            f"DELETE FROM {identifier(table)} n WHERE n.batch_id = ? AND EXISTS (SELECT 1 FROM "
            f"{identifier(table)} o WHERE list_contains(?::INTEGER[], o.batch_id) AND {match})",
            [batch_id, older],
        ).fetchall()[0][0]
    return skipped
