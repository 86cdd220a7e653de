"""Lookup columns: how each is resolved in a pass, and the TEMP tables of their answers.

A lookup column's check needs Python (a code list, a pseudonym) or the profile maps its values;
Python sees only the column's DISTINCT values, and the answers are joined back in SQL.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from svduty.ingest.check_sql import CheckSql

#: How a lookup column is resolved in a pass. FAST: values the check's ``canonical`` test
#: accepts, converted in SQL (``canonical_value``), others fail. MIXED: the same, and the rest
#: through a join to a lookup table of the values FAST does not accept. IDENTITY: every DISTINCT
#: value was already canonical (no join). JOIN: every value through the lookup table.
FAST, MIXED, IDENTITY, JOIN = "fast", "mixed", "identity", "join"


def create_lookup(
    con: duckdb.DuckDBPyConnection,
    i: int,
    distinct: list[str],
    value_map: dict[str, str] | None,
    sql: CheckSql,
    always: bool = False,
) -> bool:
    """TEMP table ``_lk{i}(raw, mapped, value)`` for a column's DISTINCT values.

    ``mapped`` is the value after the profile's value map (NULL when mapped to empty);
    ``value`` is the check's lookup answer (or ``mapped`` when the check is plain SQL).
    Returns True, creating nothing, when every value maps to itself (the common case of a
    clean extract), so the caller can skip the join; with ``always`` the table is made anyway.
    """
    mapped = {
        raw: (value_map.get(raw.strip().casefold(), raw) if value_map else raw).strip() or None
        for raw in distinct
    }
    converted: dict[str, str | None] = dict(mapped)
    lookup = sql.check.lookup
    if lookup is not None:
        present = sorted({m for m in mapped.values() if m is not None})
        answers = lookup(present) if present else {}
        converted = {raw: answers.get(m) if m else None for raw, m in mapped.items()}
    if not always and all(converted[raw] == raw and mapped[raw] == raw for raw in mapped):
        return True
    table = pa.table(
        {
            "raw": pa.array(list(mapped), pa.string()),
            "mapped": pa.array(list(mapped.values()), pa.string()),
            "value": pa.array([converted[raw] for raw in mapped], pa.string()),
        }
    )
    con.register("_lookup_arrow", table)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _lk{i} AS SELECT * FROM _lookup_arrow")
    con.unregister("_lookup_arrow")
    return False
