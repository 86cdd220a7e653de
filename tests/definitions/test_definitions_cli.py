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
            [
                [name for name in HEADER if name != "location_type"],
                ["A1", "8N", "N", "N", "N", "20", "20", ""],
            ],
            "home-office-core",
            "missing column 'location_type', which definition home-office-core reads",
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
            "home-office-core",
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


def _classify(monkeypatch, capsys, tmp_path, rows, definition) -> tuple[int, str, str, Path]:
    source = _write(tmp_path / "in.csv", rows)
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(
        monkeypatch, capsys, "classify", "--definition", definition, str(source), "--out", str(out)
    )
    return code, stdout, stderr, out


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("moonbase", "location_type 'moonbase' is not a known location type"),
        ("public place", "location_type 'public place' is not a known location type"),
        ("", "location_type is empty; a location type is required"),
    ],
)
def test_an_unknown_or_empty_location_type_is_refused_naming_line_value_and_allowed(
    monkeypatch, capsys, tmp_path, value, says
):
    from svduty.reference import LOCATION_TYPES

    rows = [
        HEADER,
        ["A1", "8N", "N", "N", "N", "street", "20", "20", ""],
        ["A2", "8N", "N", "N", "N", value, "20", "20", ""],
    ]
    code, stdout, stderr, out = _classify(monkeypatch, capsys, tmp_path, rows, "home-office-core")
    assert code == 2
    assert stdout == ""
    assert stderr.strip() == (
        f"Error: {tmp_path / 'in.csv'} line 3 (crime_ref A2): {says} "
        f"(allowed: {', '.join(LOCATION_TYPES)})"
    )
    assert "street, public_transport" in stderr
    assert not out.exists()


def test_classify_accepts_exactly_the_location_types_the_importer_accepts(tmp_path):
    from svduty.definitions import classify_csv, load_definition
    from svduty.errors import SvdutyError
    from svduty.ingest.readers.police import POLICE_CRIMES

    importer = POLICE_CRIMES.column("location_type").check
    definition = load_definition("home-office-core")
    for i, value in enumerate(
        ["Street", " park_open_space ", "moonbase", "public place", "UNKNOWN"]
    ):
        source = _write(
            tmp_path / f"in{i}.csv", [HEADER, ["A1", "8N", "N", "N", "N", value, "20", "20", ""]]
        )
        imported = importer.canonical_spellings([value])[value] is not None
        try:
            summary = classify_csv(definition, source, tmp_path / f"out{i}.csv")
        except SvdutyError as error:
            assert not imported, f"{value!r}: importer accepts it, classify refused: {error}"
            assert f"location_type {value!r} is not a known location type" in str(error)
        else:
            assert imported, f"{value!r}: importer quarantines it, classify accepted it"
            public = value.strip().lower() != "unknown"
            assert summary.serious_violence == (1 if public else 0), value


def test_police_uk_crime_type_is_checked_and_matched_as_the_importer_does(
    monkeypatch, capsys, tmp_path
):
    from svduty.reference import POLICE_UK_CRIME_TYPES

    header = ["crime_ref", "police_uk_crime_type"]
    code, _, stderr, out = _classify(
        monkeypatch,
        capsys,
        tmp_path,
        [header, ["P1", "Robbery"], ["P2", "Mugging"]],
        "police-uk-proxy",
    )
    assert code == 2
    assert stderr.strip() == (
        f"Error: {tmp_path / 'in.csv'} line 3 (crime_ref P2): police_uk_crime_type 'Mugging' is "
        f"not a known data.police.uk crime type (allowed: {', '.join(POLICE_UK_CRIME_TYPES)})"
    )
    assert not out.exists()
    # Any case, trimmed, as the importer stores it; a row without a police.uk type (a force
    # record) may leave it empty and matches no crime type.
    code, stdout, _, out = _classify(
        monkeypatch, capsys, tmp_path, [header, ["P1", " robbery "], ["P2", ""]], "police-uk-proxy"
    )
    assert code == 0
    assert stdout.startswith("1 of 2 crimes")
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["police_uk_crime_type"], r["sv_categories"]) for r in rows] == [
        (" robbery ", "robbery"),
        ("", ""),
    ]


def test_the_demo_crimes_extract_classifies(monkeypatch, capsys, tmp_path, sample_county):
    from svduty.demo.pipeline import DEMO_DEFINITION, IMPORTS

    extract = sample_county(years=1, measure=False) / dict(IMPORTS)["police-crimes"]
    with extract.open(encoding="utf-8") as handle:
        crimes = list(csv.DictReader(handle))
    assert "youngest_victim_age" not in crimes[0]
    out = tmp_path / "classified.csv"
    code, stdout, stderr = run(
        monkeypatch, capsys, "classify", "-d", DEMO_DEFINITION, str(extract), "-o", str(out)
    )
    assert (code, stderr) == (0, "")
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["crime_ref"] for row in rows] == [row["crime_ref"] for row in crimes]
    serious = sum(1 for row in rows if row["is_serious_violence"] == "Y")
    assert 0 < serious < len(rows)
    assert {row["is_serious_violence"] for row in rows} == {"Y", "N"}
    assert stdout.startswith(f"{serious:,} of {len(rows):,} crimes")
    assert f"under {DEMO_DEFINITION}" in stdout


def test_a_column_no_rule_reads_may_be_missing(monkeypatch, capsys, tmp_path):
    rows = [
        ["ho_code", "knife", "firearm", "domestic_abuse"],
        ["8N", "Y", "N", "N"],
        ["8N", "N", "N", "N"],
    ]
    code, stdout, stderr, out = _classify(monkeypatch, capsys, tmp_path, rows, "northamptonshire")
    assert (code, stderr) == (0, "")
    assert stdout.startswith("1 of 2 crimes")
    with out.open(encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    assert [(row["knife"], row["sv_categories"]) for row in written] == [
        ("Y", "knife_enabled"),
        ("N", ""),
    ]


def test_a_missing_column_a_rule_reads_is_refused_by_name(monkeypatch, capsys, tmp_path):
    rows = [
        ["crime_ref", "ho_code", "knife", "firearm", "domestic_abuse", "location_type"],
        ["A1", "8N", "N", "N", "N", "street"],
    ]
    code, _, stderr, out = _classify(monkeypatch, capsys, tmp_path, rows, "home-office-core")
    assert code == 2
    assert stderr.strip() == (
        f"Error: {tmp_path / 'in.csv'}: missing column 'youngest_victim_age', which definition "
        "home-office-core reads (it reads ho_code, knife, firearm, location_type, "
        "youngest_victim_age, youngest_suspect_age)"
    )
    assert not out.exists()


def test_classify_help_lists_the_columns_the_default_definition_reads(monkeypatch, capsys):
    from svduty.definitions import DEFAULT_DEFINITION, load_definition, required_columns

    code, stdout, _ = run(monkeypatch, capsys, "classify", "--help")
    assert code == 0
    text = " ".join(stdout.split())
    reads = required_columns(load_definition(DEFAULT_DEFINITION))
    assert reads == ("ho_code", "knife", "firearm", "domestic_abuse")
    assert f"The default definition, {DEFAULT_DEFINITION}, reads {', '.join(reads)};" in text
    assert (
        "other definitions may read others (location_type, youngest_victim_age, "
        "youngest_suspect_age, police_uk_crime_type)"
    ) in text
