"""``svduty sna`` on the command line: user errors are one line, exit 2."""

from __future__ import annotations

import sys

import pytest

from svduty import cli


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["svduty", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out, captured.err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2023-13"], "--from '2023-13' is not a month"),
        (["--to", "March 2023"], "--to 'March 2023' is not a month"),
        (["--from", "2023-06", "--to", "2023-01"], "the period starts (2023-06) after it ends"),
    ],
)
def test_bad_months_are_one_line_errors(monkeypatch, capsys, tmp_path, extra, message) -> None:
    code, _, err = _run(
        monkeypatch,
        capsys,
        "sna",
        "--definition",
        "northamptonshire",
        "--out",
        str(tmp_path),
        *extra,
    )
    assert code == 2
    assert err.startswith("Error: ") and message in err and err.count("\n") == 1


def test_missing_warehouse_and_unknown_definition(monkeypatch, capsys, tmp_path) -> None:
    missing = tmp_path / "nowhere.duckdb"
    code, _, err = _run(
        monkeypatch,
        capsys,
        "sna",
        "--definition",
        "northamptonshire",
        "--warehouse",
        str(missing),
        "--out",
        str(tmp_path / "out"),
    )
    assert code == 2 and "no warehouse there yet" in err and str(missing) in err
    code, _, err = _run(
        monkeypatch, capsys, "sna", "--definition", "no-such-area", "--out", str(tmp_path)
    )
    assert code == 2 and err.startswith("Error: ") and "no-such-area" in err


def test_malformed_recommendations_name_the_file(monkeypatch, capsys, tmp_path) -> None:
    bad = tmp_path / "recs.yaml"
    bad.write_text("- id: R1\n  txt: misspelt field\n", encoding="utf-8")
    code, _, err = _run(
        monkeypatch,
        capsys,
        "sna",
        "--definition",
        "northamptonshire",
        "--recommendations",
        str(bad),
        "--out",
        str(tmp_path / "out"),
    )
    assert code == 2 and str(bad) in err and err.count("\n") == 1


def test_help_lists_the_options() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli.app, ["sna", "--help"])
    assert result.exit_code == 0
    for option in (
        "--definition",
        "--area",
        "--from",
        "--to",
        "--warehouse",
        "--recommendations",
        "--out",
        "--public",
        "--partnership",
        "--owner",
        "--version",
        "--status",
    ):
        assert option in result.output
