"""``svduty import SOURCE PATH``: run a reader, show progress, print the batch summary."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.core import TyperCommand


class _ImportCommand(TyperCommand):
    """``svduty import``, whose help ends with every registered source, one line each.

    The list is built when help is shown, not when the CLI starts: loading every reader module
    costs half a second that other commands should not pay.
    """

    @property
    def epilog(self) -> str:
        from svduty.ingest.registry import readers

        lines = [f"{name}: {reader.summary}" for name, reader in readers().items()]
        return "Sources:\n" + "\n".join(lines)

    @epilog.setter
    def epilog(self, value: str | None) -> None:
        """Click sets the epilog in its constructor; ours is computed."""


def import_command(
    source: str = typer.Argument(..., help="Source format: one of those listed below."),
    path: Path = typer.Argument(..., help="The file (or folder / zip) to import."),
    warehouse: Path | None = typer.Option(None, "--warehouse", help="Warehouse file."),
    mapping: Path | None = typer.Option(
        None, "--mapping", help="Column-mapping profile (YAML) for a force's own export."
    ),
    replace: bool = typer.Option(
        False,
        "--replace",
        help="Replace the earlier batches of this source that this file overlaps.",
    ),
    append: bool = typer.Option(
        False,
        "--append",
        help="Load only the records no earlier batch holds (a file extending an earlier one).",
    ),
) -> None:
    """Validate and load a partner extract into the warehouse as one atomic batch.

    Bad rows go to quarantine (one row per bad cell) and the rest load. Importing the same file
    again adds nothing. A file covering months or records an earlier batch of the same source
    holds is refused unless --replace or --append says what to do.
    """
    from rich.console import Console

    from svduty.ingest import import_source
    from svduty.ingest.summary import RichProgress, print_summary

    console = Console(stderr=True)
    with RichProgress(console) as progress:
        result = import_source(source, path, warehouse, mapping, replace, progress, append=append)
    print_summary(result, Console())


def sources_command() -> None:
    """List the sources `svduty import` accepts."""
    from rich.console import Console
    from rich.table import Table

    from svduty.ingest.registry import readers

    table = Table(title="Import sources")
    table.add_column("source")
    table.add_column("what")
    table.add_column("warehouse table")
    table.add_column("mapping profile")
    for name, reader in readers().items():
        contract = getattr(reader, "contract", None)
        target = getattr(contract, "table", "") or ""
        table.add_row(name, reader.summary, target, "yes" if reader.accepts_mapping else "no")
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``svduty import`` and ``svduty import-sources`` to the CLI."""
    app.command("import", cls=_ImportCommand)(import_command)
    app.command("import-sources")(sources_command)
