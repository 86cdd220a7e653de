"""``svduty classify`` and ``svduty definitions list|show`` through the real entry point."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CRIMES = HERE / "crimes.csv"


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run ``svduty ARGS`` in-process via ``svduty.cli.main``; return (exit code, out, err)."""
    from svduty.cli import main

    monkeypatch.setattr(sys, "argv", ["svduty", *args])
    try:
        main()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_classify_writes_the_output_and_a_one_line_summary(monkeypatch, capsys, tmp_path):
    out = tmp_path / "out.csv"
    code, stdout, _ = run(
        monkeypatch,
        capsys,
        "classify",
        "--definition",
        "northamptonshire",
        str(CRIMES),
        "--out",
        str(out),
    )
    assert code == 0
    with (HERE / "expected.csv").open(encoding="utf-8") as handle:
        serious = sum(1 for row in csv.DictReader(handle) if row["northamptonshire"])
    assert stdout.strip().startswith(f"{serious} of 54 crimes")
    assert len(stdout.strip().splitlines()) == 1
    with out.open(encoding="utf-8") as handle:
        assert (
            sum(1 for row in csv.DictReader(handle) if row["is_serious_violence"] == "Y") == serious
        )


def test_classify_with_a_yaml_path_and_the_proxy_label(monkeypatch, capsys, tmp_path):
    out = tmp_path / "out.csv"
    code, stdout, _ = run(
        monkeypatch,
        capsys,
        "classify",
        "--definition",
        "police-uk-proxy",
        str(CRIMES),
        "--out",
        str(out),
    )
    assert code == 0
    assert "4 of 54" in stdout
    assert "COARSE PROXY" in stdout


def test_definitions_list_and_show(monkeypatch, capsys):
    code, stdout, _ = run(monkeypatch, capsys, "definitions", "list")
    assert code == 0
    for name in (
        "home-office-core",
        "warwickshire",
        "thames-valley",
        "avon-and-somerset",
        "northamptonshire",
        "police-uk-proxy",
    ):
        assert name in stdout
    proxy_line = next(line for line in stdout.splitlines() if "police-uk-proxy" in line)
    assert "COARSE PROXY" in proxy_line
    code, stdout, _ = run(monkeypatch, capsys, "definitions", "show", "thames-valley")
    assert code == 0
    assert "county lines drug dealing" in stdout
    assert (
        "drugs_supply_county_lines: offence is codes 92A (Trafficking in controlled drugs)"
        in stdout
    )
    code, stdout, _ = run(monkeypatch, capsys, "definitions", "show", "police-uk-proxy")
    assert "COARSE PROXY" in stdout


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


HEADER = [
    "crime_ref",
    "ho_code",
    "knife",
    "firearm",
    "domestic_abuse",
    "location_type",
    "youngest_victim_age",
    "youngest_suspect_age",
    "police_uk_crime_type",
]


@pytest.mark.parametrize(
    ("rows", "definition", "message"),
    [
        (None, "nowhere", "unknown definition 'nowhere'"),
        (
            [HEADER[:-1], ["A1", "8N", "N", "N", "N", "street", "20", "20"]],
            "warwickshire",
            "missing column 'police_uk_crime_type'",
        ),
        (
            [
                HEADER,
                ["A1", "8N", "N", "N", "N", "street", "20", "20", ""],
                ["A2", "8Z", "N", "N", "N", "street", "20", "20", ""],
            ],
            "warwickshire",
            "line 3 (crime_ref A2): ho_code '8Z' is not a Home Office offence code",
        ),
        (
            [HEADER, ["A1", "8N", "maybe", "N", "N", "street", "20", "20", ""]],
            "warwickshire",
            "line 2 (crime_ref A1): knife 'maybe' must be Y, N or empty",
        ),
        (
            [HEADER, ["A1", "8N", "N", "N", "N", "street", "twenty", "20", ""]],
            "warwickshire",
            "line 2 (crime_ref A1): youngest_victim_age 'twenty' must be a whole number",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path, rows, definition, message):
    source = _write(tmp_path / "in.csv", rows) if rows else CRIMES
    code, _, stderr = run(
        monkeypatch,
        capsys,
        "classify",
        "--definition",
        definition,
        str(source),
        "--out",
        str(tmp_path / "out.csv"),
    )
    assert code == 2
    assert stderr.startswith("Error: ")
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists()


def test_malformed_yaml_definition_exits_2(monkeypatch, capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nrules: [\n", encoding="utf-8")
    code, _, stderr = run(
        monkeypatch,
        capsys,
        "classify",
        "--definition",
        str(bad),
        str(CRIMES),
        "--out",
        str(tmp_path / "out.csv"),
    )
    assert code == 2
    assert f"Error: {bad}: malformed YAML" in stderr
    code, _, stderr = run(monkeypatch, capsys, "definitions", "show", "nowhere")
    assert code == 2
    assert "unknown definition 'nowhere'" in stderr


def test_installed_entry_point_refuses_in_one_line(tmp_path):
    import subprocess

    executable = Path(sys.executable).parent / "svduty"
    if not executable.exists():
        pytest.skip(f"no installed svduty script next to {sys.executable}")
    done = subprocess.run(
        [str(executable), "classify", "--definition", "nowhere", str(CRIMES)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Error: unknown definition 'nowhere'")
    assert "Traceback" not in done.stderr
