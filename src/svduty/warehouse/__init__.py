"""The analytics warehouse: one DuckDB file, versioned schema, Ibis access for analysis.

Every connection is opened here: ``connect`` (DuckDB, for ingest), ``ibis_connect`` (Ibis, for
analysis) and ``scratch_connection`` (an Ibis database of its own for one job). SQL text is
written with ``svduty.warehouse.sql``.

Names load on first use (PEP 562): the command line imports this package for its
``commands`` module, and must start without loading DuckDB or Ibis.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svduty.warehouse.connection import connect
    from svduty.warehouse.ibis_backend import ibis_connect, scratch_connection
    from svduty.warehouse.migrations import SCHEMA_VERSION, schema_version

_MODULES = {
    "svduty.warehouse.connection": ("connect",),
    "svduty.warehouse.ibis_backend": ("ibis_connect", "scratch_connection"),
    "svduty.warehouse.migrations": ("SCHEMA_VERSION", "schema_version"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = ["SCHEMA_VERSION", "connect", "ibis_connect", "schema_version", "scratch_connection"]


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)  # on first use: see the docstring
    globals()[name] = value
    return value
