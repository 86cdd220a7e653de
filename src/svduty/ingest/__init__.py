"""Partner data in: one reader per source, validated in SQL, quarantined, pseudonymised, atomic.

See docs/ingest-framework.md for how a reader is declared and docs/data-contracts.md for what
each source accepts. Names are imported lazily so ``svduty --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from svduty.ingest.runner import ImportResult, import_source

__all__ = ["ImportResult", "import_source"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from svduty.ingest import runner  # on first use: `svduty --help` imports this package

        return getattr(runner, name)
    raise AttributeError(name)
