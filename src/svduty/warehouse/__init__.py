"""The analytics warehouse: one DuckDB file, versioned schema, Ibis access for analysis.

Names are imported lazily so ``svduty --help`` does not load DuckDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from svduty.warehouse.connection import connect, ibis_connect
    from svduty.warehouse.migrations import SCHEMA_VERSION, schema_version

__all__ = ["SCHEMA_VERSION", "connect", "ibis_connect", "schema_version"]


def __getattr__(name: str) -> Any:
    if name in ("connect", "ibis_connect"):
        from svduty.warehouse import connection

        return getattr(connection, name)
    if name in ("SCHEMA_VERSION", "schema_version"):
        from svduty.warehouse import migrations

        return getattr(migrations, name)
    raise AttributeError(name)
