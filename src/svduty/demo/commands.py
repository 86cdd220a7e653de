"""CLI: ``svduty demo`` (Sample County end to end, then serve it)."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the svduty app."""
    app.command("demo")(demo_command)


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
    from svduty.console import quiet_library_warnings, step_progress
    from svduty.demo.pipeline import run_demo
    from svduty.web.commands import prepare_environment
    from svduty.web.commands import serve as serve_web

    quiet_library_warnings()
    if serve:
        # Django is set up while seeding, before serving: give it the loopback settings
        # (plain HTTP, local hosts) that `svduty serve` would.
        prepare_environment("127.0.0.1")
    with step_progress("demo") as report:
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
        typer.echo(f"To serve the web app: {serve_command(home)}")
        return
    os.environ["SVDUTY_HOME"] = str(home)
    serve_web(host="127.0.0.1", port=port, threads=8, migrate=True)


def serve_command(home: Path, cwd: Path | None = None) -> str:
    """The command that serves ``home``, as it can be typed here.

    ``svduty`` is often not on a newcomer's PATH (it lives in the checkout's ``.venv/bin``), so
    name the executable that is running now, relative to the current folder when inside it.
    """
    cwd = cwd or Path.cwd()
    running = Path(sys.executable).with_name("svduty")
    on_path = shutil.which("svduty")
    if on_path and Path(on_path).resolve() == running.resolve():
        program = "svduty"
    else:
        program = str(running.relative_to(cwd) if running.is_relative_to(cwd) else running)
    return f"SVDUTY_HOME={shlex.quote(str(home))} {shlex.quote(program)} serve"
