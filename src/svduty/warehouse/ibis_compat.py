"""Let Ibis 12's DuckDB backend run on DuckDB 2.0.

Ibis 12 calls ``fetch_arrow_table()`` / ``fetch_record_batch()`` on a DuckDB connection after
``execute``; DuckDB 2.0 renamed them ``to_arrow_table()`` / ``to_arrow_reader()``. Adding the old
names as aliases (only when missing) makes every Ibis expression executable. The backends of
``svduty.warehouse.ibis_backend`` call ``ensure_ibis_duckdb_compat()`` before connecting.
Remove this module once Ibis supports DuckDB 2.0.
"""

from __future__ import annotations

import warnings

import duckdb


def _fetch_arrow_table(self: duckdb.DuckDBPyConnection, *args: object, **kwargs: object):
    return self.to_arrow_table(*args, **kwargs)


def _fetch_record_batch(self: duckdb.DuckDBPyConnection, rows_per_batch: int = 1_000_000):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "extra copy" advice aimed at new code
        return self.to_arrow_reader(rows_per_batch)


def ensure_ibis_duckdb_compat() -> None:
    """Add the DuckDB 1.x arrow method names Ibis uses, if this DuckDB lacks them."""
    connection = duckdb.DuckDBPyConnection
    if not hasattr(connection, "fetch_arrow_table") and hasattr(connection, "to_arrow_table"):
        connection.fetch_arrow_table = _fetch_arrow_table
    if not hasattr(connection, "fetch_record_batch") and hasattr(connection, "to_arrow_reader"):
        connection.fetch_record_batch = _fetch_record_batch
