"""Exports keep text as text: no CSV or XLSX cell from data becomes a live formula (OWASP)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from svduty.analysis.result import SectionResult, SectionTable
from svduty.reports.cells import SafeCsvWriter, csv_cell
from svduty.reports.document import build_report
from svduty.reports.xlsx import HEADER_ROW, write_xlsx

HOSTILE = ["=cmd|' /C calc'!A0", '+HYPERLINK("http://evil.example","x")', "@SUM(A1:A9)", "-2+3"]


@pytest.mark.parametrize("text", [*HOSTILE, "\tTAB", "\rCR"])
def test_text_that_would_run_as_a_formula_gets_an_apostrophe(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Northampton", "a=b", "", -3, 2.5, None])
def test_other_cells_are_written_as_they_are(value):
    assert csv_cell(value) == value


def test_the_safe_writer_quotes_every_hostile_cell_and_leaves_numbers():
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    writer.writerow(["district", "count"])
    writer.writerows([[text, -1] for text in HOSTILE])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["district", "count"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in HOSTILE]
    assert {row[1] for row in rows[1:]} == {"-1"}


def test_a_partner_district_name_in_sna_xlsx_is_text_not_a_formula(tmp_path):
    from openpyxl import load_workbook

    frame = pd.DataFrame({"district": HOSTILE, "crimes": [1, 2, 3, 4]})
    result = SectionResult("place", "Place", tables=[SectionTable("place_district", "By", frame)])
    report = build_report(
        [result],
        area='=HYPERLINK("http://evil.example","Sample")',
        period="2024",
        definition="home-office-core",
        definition_title="Home Office core",
        key_findings=[],
        recommendations=[],
        recommendations_statement=None,
    )
    path = write_xlsx(report, tmp_path / "sna.xlsx")
    sheet = load_workbook(path)[report.tables[0].sheet]
    cells = [sheet.cell(HEADER_ROW + i, 1) for i in range(1, 5)]
    assert [c.value for c in cells] == HOSTILE
    assert {c.data_type for c in cells} == {"s"}
    assert [sheet.cell(HEADER_ROW + i, 2).value for i in range(1, 5)] == [1, 2, 3, 4]
    xml = _sheet_xml(path)
    assert "<f>" not in xml  # no cell anywhere in the workbook is stored as a formula


def _sheet_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        )


def test_every_export_writes_through_the_safe_helpers():
    """A new ``csv.writer`` or workbook elsewhere would bypass the rule; the synthetic
    extracts (inputs, not exports) are the one exception."""
    source = Path(__file__).parents[2] / "src" / "svduty"
    allowed = {source / "reports" / "cells.py", source / "synth" / "writers.py"}
    offenders = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if path not in allowed
        and re.search(r"csv\.(writer|DictWriter)\(|\bWorkbook\(\)", path.read_text("utf-8"))
        and not (
            path == source / "reports" / "xlsx.py"
            and "text_stays_text(workbook)" in path.read_text("utf-8")
        )
    ]
    assert offenders == []
