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

#: DuckDB 2.0's advice when Arrow is read from an ``execute()`` result. Ibis reads only
#: catalogue queries that way (``list_tables``, schemas: a few rows), and its data results
#: through relations, so the copy costs nothing; unsilenced, it logged once per query.
_EXTRA_COPY = "Arrow output on a DB-API result makes an extra copy"


def _fetch_arrow_table(self: duckdb.DuckDBPyConnection, *args: object, **kwargs: object):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_EXTRA_COPY, category=UserWarning)
        return self.to_arrow_table(*args, **kwargs)


def _fetch_record_batch(self: duckdb.DuckDBPyConnection, rows_per_batch: int = 1_000_000):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_EXTRA_COPY, category=UserWarning)
        return self.to_arrow_reader(rows_per_batch)


def _relation_arrow_table(self: duckdb.DuckDBPyRelation, *args: object, **kwargs: object):
    return self.to_arrow_table(*args, **kwargs)


def _relation_record_batch(self: duckdb.DuckDBPyRelation, rows_per_batch: int = 1_000_000):
    return self.to_arrow_reader(rows_per_batch)


def ensure_ibis_duckdb_compat() -> None:
    """Give the DuckDB 1.x arrow method names Ibis calls their DuckDB 2.0 meaning.

    On a connection they are missing; on a relation they are deprecated and warn on every
    call. Either way the old name now runs the new method directly.
    """
    connection = duckdb.DuckDBPyConnection
    if not hasattr(connection, "fetch_arrow_table") and hasattr(connection, "to_arrow_table"):
        connection.fetch_arrow_table = _fetch_arrow_table
    if not hasattr(connection, "fetch_record_batch") and hasattr(connection, "to_arrow_reader"):
        connection.fetch_record_batch = _fetch_record_batch
    relation = duckdb.DuckDBPyRelation
    if hasattr(relation, "to_arrow_table"):
        relation.fetch_arrow_table = _relation_arrow_table
    if hasattr(relation, "to_arrow_reader"):
        relation.fetch_record_batch = _relation_record_batch
