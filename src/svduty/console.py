"""What a long command shows its user: one Rich step bar on stderr, and no library chatter."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

#: ``report(step, done, total)``: the callback the pipelines take for their progress.
StepReport = Callable[[str, int, int], None]


def quiet_library_warnings() -> None:
    """Library chatter (Arrow copy notices, pandas deprecations) is not for the user."""
    warnings.filterwarnings("ignore", category=UserWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)


@contextmanager
def step_progress(first: str) -> Iterator[StepReport]:
    """A transient bar on stderr; yields the ``report(step, done, total)`` that moves it."""
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(first, total=1)

        def report(step: str, done: int, total: int) -> None:
            progress.update(task, description=step, completed=done, total=total)

        yield report
