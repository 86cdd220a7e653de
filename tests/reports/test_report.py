"""sna.html, sna.pdf and sna.xlsx: every value equals its SectionTable; the documents are whole."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

import pytest

from svduty.reports.document import MAX_DOCUMENT_ROWS
from svduty.reports.formatting import raw_value
from svduty.reports.labels import shown_columns
from svduty.reports.sheets import MAX_SHEET_NAME, README
from svduty.reports.xlsx import HEADER_ROW
from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS


class _Tables(HTMLParser):
    """Collects every data table: name → rows of (data-value, class) cells; plus ids, URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[tuple[str, str]]]] = {}
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.urls: list[str] = []
        self._current: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("src", "href", "xlink:href", "action", "poster", "data"):
            if attrs.get(key):
                self.urls.append(attrs[key])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])
        if tag == "table" and "data-table" in attrs:
            self._current = attrs["data-table"]
            self.tables[self._current] = []
        elif tag == "tr" and self._current is not None:
            self.tables[self._current].append([])
        elif tag == "td" and self._current is not None:
            self.tables[self._current][-1].append(
                (attrs.get("data-value", ""), attrs.get("class") or "")
            )

    def handle_endtag(self, tag):
        if tag == "table":
            self._current = None


def _parse(path) -> _Tables:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _body_rows(parsed: _Tables, name: str) -> list[list[tuple[str, str]]]:
    return [row for row in parsed.tables[name] if row]  # the header row has no td


def test_html_values_equal_the_section_tables(full_report, section_results) -> None:
    tables, _ = section_results
    parsed = _parse(full_report.files["html"])
    assert set(parsed.tables) == set(tables)
    for name, table in tables.items():
        rows = _body_rows(parsed, name)
        frame = table.frame[shown_columns(table.frame.columns)]  # a code shows as its label
        assert len(rows) == min(len(frame), MAX_DOCUMENT_ROWS), name
        for row, record in zip(rows, frame.itertuples(index=False, name=None), strict=False):
            assert len(row) == len(frame.columns)
            for (value, _), expected, column in zip(row, record, frame.columns, strict=True):
                _assert_same(value, expected, f"{name}.{column}")


def _assert_same(shown: str, expected, where: str) -> None:
    from svduty.reports.document import cell_value

    expected = cell_value(expected)
    if expected is None:
        assert shown == "", where
    elif isinstance(expected, float) or (hasattr(expected, "dtype") and expected.dtype.kind == "f"):
        assert math.isclose(float(shown), float(expected), rel_tol=1e-12), where
    else:
        assert shown == raw_value(expected), where


def test_html_is_navigable_and_numbered(full_report, section_results) -> None:
    _, results = section_results
    html = full_report.files["html"].read_text(encoding="utf-8")
    parsed = _parse(full_report.files["html"])
    # Every in-page link lands on an element; every section is in the contents.
    assert parsed.links and all(target in parsed.ids for target in parsed.links)
    for result in results:
        assert f"section-{result.key.replace('_', '-')}" in parsed.links
    figures = [int(n) for n in re.findall(r"Figure (\d+):</span>", html)]
    tables = [int(n) for n in re.findall(r"Table (\d+):</span>", html)]
    assert figures == list(range(1, len(figures) + 1)) and len(figures) >= 25
    # each table once, numbered in section order; bulk tables are drawn in the appendix
    assert sorted(tables) == list(range(1, len(tables) + 1))
    appendix = html.index('id="appendix"')
    in_body = [int(n) for n in re.findall(r"Table (\d+):</span>", html[:appendix])]
    assert in_body == sorted(in_body) and len(in_body) < len(tables)
    assert html.count("<svg") == len(figures)
    # Commentary, findings and recommendations are all there.
    for result in results:
        for paragraph in result.commentary:
            assert _escaped(paragraph) in html
        for finding in result.findings:
            assert _escaped(finding.text) in html
    assert "Extend the hospital navigator scheme to weekend nights." in html
    assert "Owner: Integrated care board." in html


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_html_names_no_other_site(full_report) -> None:
    """Static check: no src/href/url() outside the page (the SVG namespace is not a request)."""
    html = full_report.files["html"].read_text(encoding="utf-8")
    parsed = _parse(full_report.files["html"])
    assert parsed.urls
    assert all(url.startswith("#") for url in parsed.urls), [
        u for u in parsed.urls if not u.startswith("#")
    ][:5]
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert not re.search(r"@import", html)
    assert not re.search(r"<(script|link|iframe|img)\b", html)


def test_no_recommendations_gives_the_plain_statement(tmp_path, report_warehouse) -> None:
    from svduty.analysis.recommendations import NONE_SUPPLIED
    from svduty.reports.sna import produce_sna

    warehouse, _ = report_warehouse
    output = produce_sna("police-uk-proxy", tmp_path, warehouse=warehouse, formats=("html",))
    html = output.files["html"].read_text(encoding="utf-8")
    assert NONE_SUPPLIED in html
    # The proxy data has no people and no times: those sections say so in one sentence and
    # carry nothing else.
    assert output.unavailable, "a police.uk proxy cannot support every section"
    for key, reason in output.unavailable.items():
        block = re.search(rf'data-section="{key}">(.*?)</section>', html, re.S).group(1)
        assert _escaped(reason) in block
        assert "<table" not in block and "<svg" not in block
    assert "Caveat:" in html


def test_xlsx_has_every_table_with_notes(full_report, section_results) -> None:
    from openpyxl import load_workbook

    tables, _ = section_results
    workbook = load_workbook(full_report.files["xlsx"], read_only=True)
    names = workbook.sheetnames
    assert names[0] == README
    assert len(names) == len(set(n.lower() for n in names)) == len(tables) + 1
    assert all(len(n) <= MAX_SHEET_NAME for n in names)
    by_title: dict[str, list] = {}
    for sheet_name in names[1:]:
        rows = list(workbook[sheet_name].iter_rows(values_only=True))
        labels = [row[0] for row in rows[1:5]]
        assert labels == ["Source", "Period", "Definition", "Notes"], sheet_name
        assert rows[2][1] == "January 2021 to December 2023"
        by_title[rows[0][0].split(": ", 1)[1]] = rows
    for table in tables.values():
        rows = by_title[table.title]
        header = [c for c in rows[HEADER_ROW - 1] if c is not None]
        assert header == [str(c) for c in table.frame.columns]
        body = rows[HEADER_ROW:]
        assert len(body) == len(table.frame), table.name
        for row, record in zip(body, table.frame.itertuples(index=False, name=None), strict=True):
            for got, expected in zip(row, record, strict=False):
                _assert_excel_same(got, expected, table.name)


def _assert_excel_same(got, expected, where: str) -> None:
    import datetime as dt

    from svduty.reports.document import cell_value

    expected = cell_value(expected)
    if expected is None:
        assert got is None, where
    elif isinstance(expected, bool):
        assert got == expected, where
    elif isinstance(expected, int | float) or hasattr(expected, "dtype"):
        assert math.isclose(float(got), float(expected), rel_tol=1e-12), where
    elif isinstance(expected, dt.date) and not isinstance(expected, dt.datetime):
        assert got.date() == expected, where
    elif isinstance(expected, list):
        assert got == ", ".join(str(v) for v in expected), where
    else:
        assert got == expected, where


def _page_texts(pdf) -> list[str]:
    return [" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]


def _ink(page) -> float:
    """Share of the page's pixels that are not white."""
    import numpy as np

    image = np.asarray(page.render(scale=0.5).to_pil().convert("L"))
    return float((image < 240).mean())


def test_pdf_renders_cover_contents_and_charts(full_report) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(full_report.files["pdf"]))
    texts = _page_texts(pdf)
    try:
        _check_pdf(pdf, texts)
    finally:
        pdf.close()


def _check_pdf(pdf, texts: list[str]) -> None:
    assert len(pdf) > 10
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert "Serious violence strategic needs assessment" in texts[0]
    assert _ink(pdf[0]) > 0.005
    # Footer page numbers, and a contents page whose numbers point at the right pages.
    assert "Page 3 of" in texts[2]
    contents = texts[1]
    match = re.search(r"3\. Trends[ .]*?(\d+)", contents)
    assert match, contents[:400]
    page = int(match.group(1))
    assert "3. Trends" in texts[page - 1]
    # A chart page is drawn, not blank: the page holding Figure 1 has plenty of ink.
    chart_page = next(i for i, text in enumerate(texts) if "Figure 1:" in text)
    assert _ink(pdf[chart_page]) > 0.02


@pytest.mark.browser
def test_html_makes_no_external_request(full_report) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page()

            def intercept(route):
                url = route.request.url
                if not url.startswith(("file:", "data:", "about:")):
                    requests.append(url)
                    route.abort()
                else:
                    route.continue_()

            page.route("**/*", intercept)
            page.on(
                "request",
                lambda request: (
                    requests.append(request.url)
                    if not request.url.startswith(("file:", "data:", "about:"))
                    else None
                ),
            )
            page.goto(full_report.files["html"].as_uri(), wait_until="networkidle")
            charts = page.locator("figure.chart svg")
            assert charts.count() >= 25
            box = charts.first.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 50
            # The contents links jump within the page.
            page.click("a[href='#section-trends']")
            assert page.evaluate("location.hash") == "#section-trends"
        finally:
            browser.close()
    assert requests == []


def test_area_scope_names_the_area_and_limits_the_tables(tmp_path, report_warehouse) -> None:
    from openpyxl import load_workbook

    from svduty.reports.sna import produce_sna

    warehouse, definition = report_warehouse
    output = produce_sna(
        str(definition),
        tmp_path,
        warehouse=warehouse,
        area="E06000901",
        start="2022-01",
        end="2022-12",
        formats=("html", "xlsx"),
    )
    html = output.files["html"].read_text(encoding="utf-8")
    assert "West Sample" in html and "January 2022 to December 2022" in html
    rows = list(
        load_workbook(output.files["xlsx"], read_only=True)["place_lsoa"].iter_rows(
            values_only=True
        )
    )
    header = list(rows[HEADER_ROW - 1])
    districts = {row[header.index("district_name")] for row in rows[HEADER_ROW:]}
    assert districts == {"West Sample"}
    assert len(rows) - HEADER_ROW == 18  # the district's half of the 6 x 6 grid
