"""The public summary: no count from 1 to 4 anywhere, no person-level data, same layout."""

from __future__ import annotations

import re

from svduty.reports.disclosure import MARKER, mentions_small_count
from tests.reports.test_report import _body_rows, _parse


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def test_public_html_shows_no_count_from_1_to_4(public_report, section_results) -> None:
    tables, _ = section_results
    path = public_report.files["html"]
    assert path.name == "public-summary.html"
    parsed = _parse(path)
    swept = suppressed = 0
    for name in parsed.tables:
        for row in _body_rows(parsed, name):
            for value, classes in row:
                if "count" not in classes.split():
                    continue
                swept += 1
                if value == MARKER:
                    suppressed += 1
                    continue
                number = _number(value)
                assert number is None or not (1 <= number <= 4), (name, value)
    assert swept > 500 and suppressed > 0
    # The fixture has small counts (e.g. quarterly homicides): they are hidden, not dropped.
    assert "core_measures_quarterly" in parsed.tables
    # Person-level and operational tables are left out.
    assert "scope_sources" not in parsed.tables
    assert set(parsed.tables) < set(tables)
    html = path.read_text(encoding="utf-8")
    assert "This is the public summary" in html
    findings = [
        item
        for block in re.findall(r'<ul class="findings">(.*?)</ul>', html, re.S)
        for item in re.findall(r"<li>(.*?)</li>", block, re.S)
    ]
    assert findings
    for finding in findings:
        assert not mentions_small_count(finding), finding


def test_public_xlsx_shows_no_count_from_1_to_4(public_report, section_results) -> None:
    from openpyxl import load_workbook

    tables, _ = section_results
    workbook = load_workbook(public_report.files["xlsx"], read_only=True)
    checked = 0
    for name in workbook.sheetnames[1:]:
        rows = list(workbook[name].iter_rows(values_only=True))
        title = rows[0][0].split(": ", 1)[1]
        table = next(t for t in tables.values() if t.title == title)
        header = list(rows[6])
        for column in table.count_columns:
            j = header.index(column)
            for row in rows[7:]:
                value = row[j]
                checked += 1
                assert value == MARKER or value is None or not (1 <= value <= 4), (name, value)
    assert checked > 500


def test_every_public_chart_fits_a_page(public_report) -> None:
    """A label without coordinates once stretched a hot-spot map to 245,930 px tall."""
    import re

    html = public_report.files["html"].read_text(encoding="utf-8")
    sizes = [
        (float(w), float(h))
        for w, h in re.findall(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"', html)
    ]
    assert sizes and max(h for _, h in sizes) < 2000 and max(w for w, _ in sizes) < 2000, sizes
