"""``svduty synth`` on the command line: files, a table of row counts, one-line errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svduty.cli import app, main


def test_synth_writes_files_and_prints_row_counts(tmp_path: Path) -> None:
    out = tmp_path / "county"
    result = CliRunner().invoke(
        app, ["synth", "--out", str(out), "--years", "1", "--seed", "9", "--no-check"]
    )
    assert result.exit_code == 0, result.output
    assert "police_crimes.csv" in result.output and "Wrote" in result.output
    assert (out / "manifest.json").exists() and (out / "boundaries.geojson").exists()
    crimes = (out / "police_crimes.csv").read_text().count("\n") - 1
    assert f"{crimes:,}" in result.output


def _svduty(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Run the real entry point (as the installed ``svduty`` script does): exit code, stderr."""
    monkeypatch.setattr(sys, "argv", ["svduty", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    return stopped.value.code, capsys.readouterr().err


def test_bad_years_is_a_one_line_error(tmp_path: Path, monkeypatch, capsys) -> None:
    code, err = _svduty(monkeypatch, capsys, "synth", "--out", str(tmp_path / "x"), "--years", "0")
    assert code == 2
    assert err.strip() == "Error: --years must be between 1 and 20, not 0"
    assert not (tmp_path / "x").exists()


def test_unknown_scale_is_rejected(tmp_path: Path, monkeypatch, capsys) -> None:
    code, err = _svduty(
        monkeypatch, capsys, "synth", "--out", str(tmp_path / "x"), "--scale", "galaxy"
    )
    assert code == 2
    assert "galaxy" in err and "Traceback" not in err


def test_output_that_is_a_file_is_rejected(tmp_path: Path, monkeypatch, capsys) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder")
    code, err = _svduty(monkeypatch, capsys, "synth", "--out", str(target), "--years", "1")
    assert code == 2
    assert err.strip() == f"Error: output {target} exists and is not a folder"
