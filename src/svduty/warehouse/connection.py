"""Open the warehouse: a DuckDB connection, schema up to date (Ibis backends build on it)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from svduty import config
from svduty.errors import SvdutyError, WarehouseBusy
from svduty.warehouse.migrations import SCHEMA_VERSION, migrate, schema_version


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        raise open_error(path, error) from None
    except duckdb.Error as error:
        first = str(error).splitlines()[0]
        raise SvdutyError(f"{path}: not a readable DuckDB warehouse ({first})") from None


def open_error(path: str | os.PathLike[str], error: duckdb.IOException) -> SvdutyError:
    """The one-line error for a file DuckDB could not open: :class:`WarehouseBusy` when locked."""
    first = str(error).splitlines()[0]
    if "lock" in first.lower():
        return WarehouseBusy(
            f"{path}: the warehouse is in use by another svduty process; try again when it ends"
        )
    return SvdutyError(f"{path}: cannot open the warehouse ({first})")


def connect(
    path: str | os.PathLike[str] | None = None, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse at ``config.warehouse_path(path)``, schema up to date.

    A writable open creates the file and applies missing migrations. A read-only open of an
    older file upgrades it first (briefly writable), and refuses a missing file.
    """
    target = config.warehouse_path(path)
    if read_only:
        if not target.exists():
            raise SvdutyError(f"{target}: no warehouse there yet; import some data first")
        con = _open(target, read_only=True)
        version = _known_version(con, target)
        if version == SCHEMA_VERSION:
            return con
        con.close()
        _open_writable_and_migrate(target).close()
        return _open(target, read_only=True)
    return _open_writable_and_migrate(target)


def _known_version(con: duckdb.DuckDBPyConnection, target: Path) -> int:
    """The file's schema version; refuses (closing ``con``) one newer than this svduty knows."""
    version = schema_version(con)
    if version > SCHEMA_VERSION:
        con.close()
        raise SvdutyError(
            f"{target}: warehouse schema v{version} is newer than this svduty "
            f"(v{SCHEMA_VERSION}); upgrade svduty"
        )
    return version


def _open_writable_and_migrate(target: Path) -> duckdb.DuckDBPyConnection:
    con = _open(target, read_only=False)
    _known_version(con, target)
    migrate(con)
    return con
