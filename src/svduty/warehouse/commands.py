"""``svduty warehouse info``: what is in the warehouse."""

from __future__ import annotations

from pathlib import Path

import typer

warehouse_app = typer.Typer(help="Inspect the analytics warehouse.", no_args_is_help=True)


@warehouse_app.command("info")
def info(
    warehouse: Path | None = typer.Option(None, "--warehouse", help="Warehouse file."),
) -> None:
    """Print every table with its row count, then the import batches."""
    from rich.console import Console
    from rich.table import Table

    from svduty import config
    from svduty.warehouse import connect
    from svduty.warehouse.info import batch_rows, table_row_counts
    from svduty.warehouse.migrations import schema_version

    con = connect(warehouse, read_only=True)
    try:
        counts = table_row_counts(con)
        batches = batch_rows(con)
        version = schema_version(con)
    finally:
        con.close()
    console = Console()
    console.print(f"Warehouse {config.warehouse_path(warehouse)} (schema v{version})")
    tables = Table(title="Tables")
    tables.add_column("table")
    tables.add_column("rows", justify="right")
    for name, count in counts.items():
        tables.add_row(name, f"{count:,}")
    console.print(tables)
    listing = Table(title="Batches")
    for column in (
        "batch",
        "source",
        "files",
        "read",
        "loaded",
        "quarantined",
        "period",
        "by",
        "at",
    ):
        listing.add_column(
            column, justify="right" if column in {"read", "loaded", "quarantined"} else "left"
        )
    for b in batches:
        files = ", ".join(b["files"])
        if len(files) > 60:
            files = files[:57] + "..."
        period = (
            f"{b['period_start']:%Y-%m} to {b['period_end']:%Y-%m}" if b["period_start"] else ""
        )
        status = f" (replaced by {b['replaced_by']})" if b["replaced_by"] else ""
        listing.add_row(
            f"{b['batch_id']}{status}",
            b["source"],
            files,
            f"{b['rows_read']:,}",
            f"{b['rows_loaded']:,}",
            f"{b['rows_quarantined']:,}",
            period,
            b["imported_by"],
            f"{b['imported_at']:%Y-%m-%d %H:%M}",
        )
    if batches:
        console.print(listing)
    else:
        console.print("No batches yet: import data with `svduty import SOURCE PATH`.")


def register(app: typer.Typer) -> None:
    """Add ``svduty warehouse`` to the CLI."""
    app.add_typer(warehouse_app, name="warehouse")
