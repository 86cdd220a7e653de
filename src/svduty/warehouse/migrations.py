"""Versioned schema migrations: ordered SQL files in ``schema/``, applied in place.

A warehouse records its version in ``schema_version``; opening an older file runs the missing
migrations in one transaction, so a partner's existing data survives an upgrade of svduty.
Add a migration by dropping ``NNNN_what.sql`` into ``schema/`` (never edit a released one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import duckdb

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One schema step: ``version`` is the number in the file name."""

    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every shipped migration in version order."""
    found = []
    for entry in resources.files("svduty.warehouse").joinpath("schema").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    return found


SCHEMA_VERSION = migrations()[-1].version


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version a warehouse is at; 0 for an empty file."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'schema_version' AND table_schema = 'main'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchall()[0]
    return int(row[0] or 0)


def migrate(con: duckdb.DuckDBPyConnection, target: int | None = None) -> list[int]:
    """Apply the missing migrations up to ``target`` (default: latest); return those applied."""
    target = SCHEMA_VERSION if target is None else target
    current = schema_version(con)
    pending = [m for m in migrations() if current < m.version <= target]
    if not pending:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        for migration in pending:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, now()::TIMESTAMP)",
                [migration.version, migration.name],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return [m.version for m in pending]
