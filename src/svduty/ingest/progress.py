"""How the import core reports progress without knowing about terminals.

The core calls ``progress.stage(text, total)``; the CLI passes a Rich implementation and tests pass
nothing (``NullProgress``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Stage(Protocol):
    def advance(self, amount: int = 1) -> None: ...


class Progress(Protocol):
    def stage(self, description: str, total: int | None = None) -> Iterator[Stage]:
        """Context manager around one stage; ``total`` makes it a bar, else a spinner."""
        ...


class _NullStage:
    def advance(self, amount: int = 1) -> None:
        return None


class NullProgress:
    """Progress that shows nothing."""

    @contextmanager
    def stage(self, description: str, total: int | None = None) -> Iterator[Stage]:
        yield _NullStage()
