"""Where svduty keeps its files: the ``SVDUTY_HOME`` data directory and what lives in it."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_HOME = "svduty-data"


def home() -> Path:
    """The data directory: ``$SVDUTY_HOME`` or ``./svduty-data``; created on first use."""
    path = Path(os.environ.get("SVDUTY_HOME") or DEFAULT_HOME).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def warehouse_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The DuckDB warehouse: ``--warehouse`` when given, else ``$SVDUTY_HOME/warehouse.duckdb``."""
    if override:
        path = Path(override).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    return home() / "warehouse.duckdb"


def app_database_path() -> Path:
    """The web application's SQLite file, used when no ``DATABASE_URL`` is set."""
    return home() / "app.sqlite3"


def uploads_dir() -> Path:
    """Where uploaded partner extracts are kept until imported."""
    path = home() / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pseudonym_key_path() -> Path:
    """The file holding the partnership's pseudonymisation key when the environment has none."""
    return home() / "pseudonym.key"
