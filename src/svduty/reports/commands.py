"""CLI: ``svduty sna`` (the needs assessment files) and ``svduty demo`` (Sample County)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add ``sna`` and ``demo`` to the svduty app."""
    app.command("sna")(sna_command)
    app.command("demo")(demo_command)


def _quiet() -> None:
    """Library chatter (Arrow copy notices, pandas deprecations) is not for the user."""
    import warnings

    warnings.filterwarnings("ignore", category=UserWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def sna_command(
    definition: Annotated[
        str, typer.Option("--definition", help="Definition preset name or YAML file.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the report files to.")],
    area: Annotated[
        str | None,
        typer.Option("--area", help="Area code (LSOA, district, CSP or force area)."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First month, YYYY-MM (default: the earliest).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last month, YYYY-MM (default: the latest).")
    ] = None,
    warehouse: Annotated[Path | None, typer.Option("--warehouse", help="Warehouse file.")] = None,
    recommendations: Annotated[
        Path | None,
        typer.Option("--recommendations", help="YAML list of recommendations (id, text, ...)."),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public",
            help="Write the public summary (public-summary.html/.pdf/.xlsx): counts 1-4 "
            "suppressed, no person-level data.",
        ),
    ] = False,
) -> None:
    """Produce the strategic needs assessment: sna.html, sna.pdf and sna.xlsx in --out."""
    from svduty.reports.sna import check_inputs, produce_sna

    _quiet()
    check_inputs(
        definition, start=start, end=end, warehouse=warehouse, recommendations=recommendations
    )
    with _progress() as progress:
        task = progress.add_task("needs assessment", total=1)

        def report(step: str, done: int, total: int) -> None:
            progress.update(task, description=step, completed=done, total=total)

        output = produce_sna(
            definition,
            out,
            area=area,
            start=start,
            end=end,
            warehouse=warehouse,
            recommendations=recommendations,
            public=public,
            progress=report,
        )
    for path in output.files.values():
        typer.echo(f"Wrote {path}")
    for key, reason in output.unavailable.items():
        typer.echo(f"Section {key}: {reason}")
    typer.echo(f"Done in {output.timings['total']:.1f} s")


def demo_command(
    out: Annotated[
        Path, typer.Option("--out", help="Folder that becomes the demo's SVDUTY_HOME.")
    ] = Path("svduty-demo"),
    serve: Annotated[
        bool,
        typer.Option("--serve/--no-serve", help="Serve the web app on 127.0.0.1:8000 afterwards."),
    ] = True,
    years: Annotated[int, typer.Option("--years", hidden=True)] = 5,
    port: Annotated[int, typer.Option("--port", help="Port to serve on.")] = 8000,
) -> None:
    """Sample County end to end: synthesise, import, write the needs assessment, then serve."""
    from svduty.reports.demo import run_demo

    _quiet()
    if serve:
        # Django is set up while seeding, before serving: give it the loopback settings
        # (plain HTTP, local hosts) that `svduty serve` would.
        from svduty.web.commands import prepare_environment

        prepare_environment("127.0.0.1")
    with _progress() as progress:
        task = progress.add_task("demo", total=1)

        def report(step: str, done: int, total: int) -> None:
            progress.update(task, description=step, completed=done, total=total)

        result = run_demo(out, years=years, step=report)
    home = result.home
    typer.echo(f"Sample County demo ready in {home}")
    for path in result.reports.values():
        typer.echo(f"  report: {path}")
    timing = ", ".join(f"{k} {v:.0f} s" for k, v in result.timings.items())
    typer.echo(f"  ({timing})")
    if result.logins:
        from svduty.web.demo import format_logins

        typer.echo(format_logins(result.logins))
    if result.web_note:
        typer.echo(f"Web app: {result.web_note}. Open {result.reports.get('html')}")
        return
    if not serve:
        typer.echo(f"To serve the web app: SVDUTY_HOME={home} svduty serve")
        return
    import os

    from svduty.web.commands import serve as serve_web

    os.environ["SVDUTY_HOME"] = str(home)
    serve_web(host="127.0.0.1", port=port, threads=8, migrate=True)
