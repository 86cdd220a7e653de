"""Terminal side of an import: Rich progress for the stages and the closing summary table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from svduty.ingest.runner import ImportResult


class _Task:
    def __init__(self, progress: Progress, task_id: int) -> None:
        self._progress, self._task_id = progress, task_id

    def advance(self, amount: int = 1) -> None:
        self._progress.advance(self._task_id, amount)


class RichProgress:
    """A spinner per stage, a bar when the stage knows its total; finished stages stay listed."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )

    def __enter__(self) -> RichProgress:
        self._progress.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._progress.__exit__(kind, error, trace)

    @contextmanager
    def stage(self, description: str, total: int | None = None) -> Iterator[_Task]:
        task_id = self._progress.add_task(description, total=total)
        try:
            yield _Task(self._progress, task_id)
        finally:
            self._progress.remove_task(task_id)


def print_summary(result: ImportResult, console: Console) -> None:
    """What was loaded, quarantined (with the top reasons) or skipped as a duplicate."""
    if result.nothing_new:
        console.print(
            f"Nothing new: every record in {', '.join(result.files)} ({result.source}) is "
            f"already loaded (batch {result.duplicate_of}); nothing added."
        )
        return
    if result.duplicate_of is not None:
        console.print(
            f"Already imported: {', '.join(result.files)} ({result.source}) is batch "
            f"{result.duplicate_of}; nothing added."
        )
        return
    period = ""
    if result.period_start:
        period = f", {result.period_start:%Y-%m} to {result.period_end:%Y-%m}"
    console.print(
        f"Batch {result.batch_id} ({result.source}{period}) into {result.warehouse}: "
        f"{result.rows_loaded:,} rows loaded, "
        + (f"{result.rows_skipped:,} skipped as already loaded, " if result.rows_skipped else "")
        + f"{result.rows_quarantined:,} quarantined of {result.rows_read:,} read."
    )
    table = Table(
        title="Files"
        + (" (loaded: before --append skipped known records)" if result.rows_skipped else "")
    )
    for column in ("file", "table", "read", "loaded", "quarantined"):
        table.add_column(column, justify="left" if column in {"file", "table"} else "right")
    shown = result.outcomes[:30]
    for o in shown:
        table.add_row(
            o.file, o.table, f"{o.rows_read:,}", f"{o.rows_loaded:,}", f"{o.rows_quarantined:,}"
        )
    if len(result.outcomes) > len(shown):
        table.add_row(f"… and {len(result.outcomes) - len(shown)} more files", "", "", "", "")
    console.print(table)
    if result.top_reasons:
        reasons = Table(title="Quarantined cells: top reasons (see the quarantine table)")
        reasons.add_column("column")
        reasons.add_column("reason")
        reasons.add_column("cells", justify="right")
        for r in result.top_reasons:
            reasons.add_row(r.column or "", r.reason, f"{r.cells:,}")
        console.print(reasons)
    if result.replaced_batches:
        console.print(f"Replaced batch(es): {', '.join(map(str, result.replaced_batches))}.")
