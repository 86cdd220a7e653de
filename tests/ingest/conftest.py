"""Helpers for ingest tests: a warehouse per test and a way to query it."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture(autouse=True)
def _pseudonym_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """A fixed key so pseudonyms are reproducible in assertions."""
    key = "test-partnership-secret"
    monkeypatch.setenv("SVDUTY_PSEUDONYM_KEY", key)
    return key


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: equal snapshots mean an unchanged warehouse."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        ]
        return {
            name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        con.close()


class RecordingProgress:
    """Progress that records the first word of each stage an import went through."""

    def __init__(self) -> None:
        self.names: list[str] = []

    @contextmanager
    def stage(self, description: str, total: int | None = None):
        self.names.append(description.split(" ")[0])
        yield self

    def advance(self, amount: int = 1) -> None:
        return None


def refusal_or_result(run, *args, **kwargs):
    """The import's result, or the one-line message it was refused with."""
    from svduty.errors import SvdutyError

    try:
        return run(*args, **kwargs)
    except SvdutyError as error:
        return str(error)
