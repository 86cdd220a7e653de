"""Ibis DuckDB backends: the warehouse for analysis, and a scratch database for one job."""

from __future__ import annotations

import os

import duckdb
import ibis
from ibis.backends.duckdb import Backend

from svduty import config
from svduty.warehouse.connection import connect, open_error
from svduty.warehouse.ibis_compat import ensure_ibis_duckdb_compat


def ibis_connect(path: str | os.PathLike[str] | None = None, read_only: bool = True) -> Backend:
    """An Ibis DuckDB backend on the warehouse, for analysis expressions.

    The schema is brought up to date first, so analysis code can rely on every table existing.
    """
    ensure_ibis_duckdb_compat()
    connect(path, read_only=read_only).close()
    target = config.warehouse_path(path)
    try:
        return ibis.duckdb.connect(str(target), read_only=read_only)
    except duckdb.IOException as error:  # an import took the file between the two opens
        raise open_error(target, error) from None


def scratch_connection(path: str | os.PathLike[str] | None = None) -> Backend:
    """An Ibis DuckDB backend on a database of its own, not the warehouse.

    In memory by default; with ``path`` (a file in a temporary folder) DuckDB can spill to
    disk, so memory stays bounded for big inputs. The caller disconnects it.
    """
    ensure_ibis_duckdb_compat()
    return ibis.duckdb.connect(":memory:" if path is None else os.fspath(path))
