"""One door to the DuckDB warehouse for the web process.

DuckDB lets one process hold either a writable or read-only handle on a file, and another
process's writer locks it, so every warehouse access in this process (the worker's imports, the
dashboards' reads) goes through :data:`LOCK`. The warehouse *state* (file size and modification
times) keys the dashboards' cache: an import changes it, so cached sections are never stale.
"""

from __future__ import annotations

import threading
from pathlib import Path

from svduty import config

LOCK = threading.RLock()


def path() -> Path:
    return config.warehouse_path(None)


def state() -> tuple[int, ...] | None:
    """A cheap fingerprint of the warehouse files; ``None`` when nothing is imported yet."""
    target = path()
    if not target.exists():
        return None
    parts: list[int] = []
    for file in (target, target.with_name(target.name + ".wal")):
        if file.exists():
            info = file.stat()
            parts += [info.st_size, info.st_mtime_ns]
    return tuple(parts)
