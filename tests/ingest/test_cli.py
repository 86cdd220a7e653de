"""`svduty import` and `svduty warehouse info` as a person uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from svduty.errors import SvdutyError
from svduty.ingest import commands as ingest_commands
from svduty.warehouse import commands as warehouse_commands

from .conftest import FIXTURES, REPO


@pytest.fixture
def app() -> typer.Typer:
    """Just our commands (the full CLI also loads every other package's)."""
    app = typer.Typer()
    ingest_commands.register(app)
    warehouse_commands.register(app)
    return app


def test_import_prints_a_summary_then_skips_a_duplicate(app: typer.Typer, warehouse: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "200"})
    args = ["import", "police-crimes", str(FIXTURES / "police_crimes_small.csv"),
            "--warehouse", str(warehouse)]  # fmt: skip
    first = runner.invoke(app, args, catch_exceptions=False)
    assert first.exit_code == 0
    assert "Batch 1 (police-crimes, 2024-01 to 2024-03)" in first.stdout
    assert "6 rows loaded, 4 quarantined of 10 read" in first.stdout
    assert "not a known Home Office offence code" in first.stdout
    second = runner.invoke(app, args, catch_exceptions=False)
    assert second.exit_code == 0
    assert "Already imported" in second.stdout and "batch 1; nothing added" in second.stdout

    info = runner.invoke(app, ["warehouse", "info", "--warehouse", str(warehouse)])
    assert info.exit_code == 0
    lines = info.stdout.splitlines()
    assert any("crimes" in line and line.rstrip().endswith("6 │") for line in lines)
    assert any("quarantine" in line and line.rstrip().endswith("9 │") for line in lines)
    assert "police-crimes" in info.stdout and "2024-01 to 2024-03" in info.stdout


def test_mapping_and_replace_options(app: typer.Typer, warehouse: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "200"})
    profile = REPO / "examples" / "mapping" / "northshire-police.yaml"
    export = FIXTURES / "northshire_crimeview.csv"
    result = runner.invoke(
        app,
        ["import", "police-crimes", str(export), "--warehouse", str(warehouse),
         "--mapping", str(profile), "--replace"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0 and "3 rows loaded, 2 quarantined" in result.stdout


def test_bad_input_is_an_svduty_error_not_a_traceback(app: typer.Typer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("hello\n")
    result = CliRunner().invoke(app, ["import", "police-crimes", str(bad)])
    assert isinstance(result.exception, SvdutyError)  # cli.main prints it as one line, exit 2
    assert str(result.exception).startswith("bad.csv: not a police-crimes file: missing required")


def test_main_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01")
    code = (
        "import sys, typer\n"
        "from svduty.errors import SvdutyError\n"
        "from svduty.ingest import commands\n"
        "app = typer.Typer(); commands.register(app)\n"
        "try:\n    app(standalone_mode=False)\n"
        "except SvdutyError as e:\n    print(f'Error: {e}', file=sys.stderr); sys.exit(2)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "import", "police-crimes", str(bad)],
        capture_output=True,
        text=True,
        env={
            "PYTHONPATH": str(REPO / "src"),
            "SVDUTY_HOME": str(tmp_path / "home"),
            "PATH": "/usr/bin:/bin",
        },
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "Error: bad.csv: binary content, not a CSV text file"


def test_info_without_a_warehouse_is_one_line(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["warehouse", "info", "--warehouse", str(tmp_path / "x.db")])
    assert isinstance(result.exception, SvdutyError)
    assert "no warehouse there yet" in str(result.exception)


def test_import_help_lists_every_source_with_its_summary(app: typer.Typer) -> None:
    from svduty.ingest.registry import readers

    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["import", "--help"])
    assert result.exit_code == 0
    listed = [line.strip() for line in result.stdout.splitlines()]
    known = readers()
    assert len(known) >= 13
    for name, reader in known.items():
        assert f"{name}: {reader.summary}" in listed
    assert "e.g." not in result.stdout
