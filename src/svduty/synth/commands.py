"""CLI: ``svduty synth`` — write the synthetic Sample County (or force, or England) data set."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class ScaleChoice(StrEnum):
    county = "county"
    force = "force"
    national = "national"


class FormatChoice(StrEnum):
    csv = "csv"
    parquet = "parquet"


def register(app: typer.Typer) -> None:
    """Add ``synth`` to the svduty app."""
    app.command("synth")(synth_command)


def synth_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the files to.")],
    scale: Annotated[
        ScaleChoice, typer.Option(help="county (~400 LSOAs), force (~3x) or national (England).")
    ] = ScaleChoice.county,
    years: Annotated[int, typer.Option(help="Whole calendar years ending with --end-year.")] = 5,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives identical files.")
    ] = 2024,
    end_year: Annotated[int, typer.Option(help="Last (complete) year of the period.")] = 2024,
    file_format: Annotated[
        FormatChoice,
        typer.Option("--format", help="Format of the partner extracts (lookups stay CSV)."),
    ] = FormatChoice.csv,
    check: Annotated[
        bool,
        typer.Option(
            "--check/--no-check", help="Recompute the calibration figures into the manifest."
        ),
    ] = True,
) -> None:
    """Generate realistic synthetic partnership data, deterministic for a seed."""
    import time

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from svduty.synth.generate import check_options, generate

    check_options(
        out, scale=scale.value, years=years, seed=seed, end_year=end_year, fmt=file_format.value
    )
    console = Console(stderr=True)
    started = time.perf_counter()
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("Sample County", total=1)

        def report(step: str, done: int, total: int) -> None:
            progress.update(task, description=step, completed=done, total=total)

        manifest = generate(
            out,
            scale=scale.value,
            years=years,
            seed=seed,
            end_year=end_year,
            fmt=file_format.value,
            progress=report,
            measure=check,
        )
    elapsed = time.perf_counter() - started

    table = Table(
        title=f"{manifest['area']}: {manifest['period']['start']} to {manifest['period']['end']}"
    )
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, rows in manifest["files"].items():
        table.add_row(name, f"{rows:,}")
    Console().print(table)
    unmet = manifest.get("unmet_targets", [])
    note = f"; calibration targets missed: {', '.join(unmet)}" if unmet else ""
    checked = "; calibration checked" if manifest["achieved"] and not unmet else ""
    typer.echo(f"Wrote {out} in {elapsed:.1f} s (seed {seed}){checked}{note}")
