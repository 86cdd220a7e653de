"""``svduty demo``: Sample County end to end into a folder that becomes a complete SVDUTY_HOME."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from svduty import cli


def test_help_lists_the_options() -> None:
    result = CliRunner().invoke(cli.app, ["demo", "--help"])
    assert result.exit_code == 0
    assert "--serve" in result.output and "--no-serve" in result.output
    assert "--out" in result.output and "--port" in result.output
    assert "--years" not in result.output  # hidden: for the test suite


@pytest.mark.slow
def test_demo_runs_end_to_end(tmp_path) -> None:
    """synth → import → sna into a fresh folder that becomes a complete SVDUTY_HOME."""
    home = tmp_path / "demo"
    svduty = Path(sys.executable).with_name("svduty")
    done = subprocess.run(
        [str(svduty), "demo", "--no-serve", "--out", str(home), "--years", "2"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"SVDUTY_HOME={home} " in done.stdout
    for name in ("sna.html", "sna.pdf", "sna.xlsx", "sna.docx"):
        assert (home / "reports" / name).stat().st_size > 10_000
    # The SNA's cover names the partnership the web demo seeds.
    import docx
    import yaml

    seeded = yaml.safe_load(
        (Path(__file__).parents[2] / "src/svduty/web/demo/data/partnership.yaml").read_text()
    )["partnership"]["name"]
    document = docx.Document(home / "reports" / "sna.docx")
    cover = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cover["Partnership"] == seeded == "Sample County Serious Violence Partnership"
    assert cover["Protective marking"] == "OFFICIAL-SENSITIVE"
    # ... and lists the recommendations the web demo keeps, in reference order
    import sqlite3

    with sqlite3.connect(home / "app.sqlite3") as app:
        kept = app.execute("SELECT reference, text FROM strategy_recommendation").fetchall()
    kept.sort(key=lambda r: (len(r[0]), r[0]))
    listed = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert kept and listed == [f"{reference} {text}" for reference, text in kept]
    assert (home / "warehouse.duckdb").exists() and (home / "pseudonym.key").exists()
    assert (home / "app.sqlite3").exists()
    # Every synthetic crime reached the warehouse, and the report counts all of them.
    with (home / "extracts" / "police_crimes.csv").open(encoding="utf-8") as handle:
        crimes_in_file = sum(1 for _ in csv.DictReader(handle))
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        (loaded,) = con.execute(
            "SELECT count(*) FROM crimes WHERE source = 'police-crimes'"
        ).fetchone()
    finally:
        con.close()
    assert loaded == crimes_in_file
    workbook = load_workbook(home / "reports" / "sna.xlsx", read_only=True)
    rows = list(workbook["profile_overall"].iter_rows(values_only=True))
    header = list(rows[6])
    assert rows[7][header.index("all_crime")] == crimes_in_file


def test_the_serve_hint_names_a_command_that_works_from_here(tmp_path, monkeypatch) -> None:
    from svduty.demo.commands import serve_command

    checkout = tmp_path / "checkout"
    python = checkout / ".venv" / "bin" / "python"
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    home = checkout / "svduty demo"
    assert serve_command(home, cwd=checkout) == f"SVDUTY_HOME='{home}' .venv/bin/svduty serve"
    assert serve_command(home, cwd=tmp_path / "elsewhere") == (
        f"SVDUTY_HOME='{home}' {checkout}/.venv/bin/svduty serve"
    )
    # On the PATH (an activated venv or an installed package): the plain name.
    python.parent.mkdir(parents=True)
    (python.parent / "svduty").write_text("#!/bin/sh\n")
    (python.parent / "svduty").chmod(0o755)
    monkeypatch.setenv("PATH", str(python.parent))
    assert serve_command(home, cwd=checkout) == f"SVDUTY_HOME='{home}' svduty serve"
