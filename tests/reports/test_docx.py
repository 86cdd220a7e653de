"""``sna.docx``: the same report in Word, marked, with its headings, tables and figures."""

from __future__ import annotations

import re

import docx
import pytest

from tests.reports.test_report import _body_rows, _parse

pytestmark = pytest.mark.slow


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_the_full_report_in_word_has_every_section_table_and_figure(
    full_report, section_results
) -> None:
    _, results = section_results
    document = docx.Document(full_report.files["docx"])
    html = _parse(full_report.files["html"])

    assert _headings(document, 1) == [
        "Contents",
        "Executive summary",
        "Introduction",
        "Key findings",
        *[f"{n}. {r.title}" for n, r in enumerate(results, start=1)],
        "Recommendations",
        "Appendix: tables",
        "Glossary",
    ]
    second = _headings(document, 2)
    start = second.index("The Serious Violence Duty")
    assert second[start : start + 4] == [
        "The Serious Violence Duty",
        "The partnership and its area",
        "The local definition and why",
        "How the figures were made",
    ]
    cover = document.tables[0]
    facts = {row.cells[0].text: row.cells[1].text for row in cover.rows}
    assert facts["Protective marking"] == "OFFICIAL-SENSITIVE"
    assert set(facts) == {"Area", "Period", "Definition", "Produced", "Status",
                          "Protective marking"}  # fmt: skip
    assert facts["Status"] == "Draft"
    # one Word table per report table, in order, with as many rows as the HTML shows
    data_tables = document.tables[1:]
    assert len(data_tables) == len(html.tables)
    for table, name in zip(data_tables, html.tables, strict=True):
        assert len(table.rows) - 1 == len(_body_rows(html, name)), name
    figures = sum(1 for i in html.ids if re.fullmatch(r"figure-\d+", i))
    assert figures > 0 and len(document.inline_shapes) == figures
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert next(c for c in captions if c.startswith("Figure ")).startswith("Figure 1: ")
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered == [
        "R1 Extend the hospital navigator scheme to weekend nights. Pillar: Respond. "
        "Owner: Integrated care board.",
        "R2 Fund detached youth work in the two hot-spot neighbourhoods.",
    ]
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert section.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert 'TOC \\o "1-2"' in document.element.xml
    assert round(section.page_width.cm, 1) == 21.0  # A4


def test_the_public_report_in_word_is_marked_official_with_its_notice(public_report) -> None:
    document = docx.Document(public_report.files["docx"])
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "a number from 1 to 4 is not shown: it is replaced by [c]" in text
    html = public_report.files["html"].read_text(encoding="utf-8")
    assert '<p class="protective-marking" id="protective-marking">OFFICIAL</p>' in html


def test_the_full_report_in_html_and_pdf_carries_its_marking(full_report) -> None:
    html = full_report.files["html"].read_text(encoding="utf-8")
    assert '<p class="protective-marking" id="protective-marking">OFFICIAL-SENSITIVE</p>' in html
    assert "<dt>Protective marking</dt><dd>OFFICIAL-SENSITIVE</dd>" in html
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(full_report.files["pdf"]))
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in (1, len(pdf) - 1)]
    finally:
        pdf.close()
    for text in pages:  # every page after the cover is marked at its head and its foot
        assert text.count("OFFICIAL-SENSITIVE") == 2, text[:300]


def test_the_cover_names_the_partnership_owner_version_and_status(tmp_path) -> None:
    from svduty.reports.document import Cover, build_report
    from svduty.reports.docx import write_docx
    from svduty.reports.html import render_html

    cover = Cover("Northby Community Safety Partnership", "Community safety team", "2.1",
                  "Approved by the Northby board on 5 May 2026")  # fmt: skip
    report = build_report(
        [], area="Northby", period="January 2024 to December 2024", definition="home-office-core",
        definition_title="Home Office core", key_findings=[], recommendations=[],
        recommendations_statement="None recorded.", cover=cover,
    )  # fmt: skip
    html = render_html(report)
    for label, value in [("Partnership", cover.partnership), ("Version", "2.1"),
                         ("Status", cover.status), ("Owner", cover.owner)]:  # fmt: skip
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html
    assert '<p class="cover-kicker">Northby Community Safety Partnership</p>' in html
    document = docx.Document(write_docx(report, tmp_path / "sna.docx"))
    facts = [(row.cells[0].text, row.cells[1].text) for row in document.tables[0].rows]
    assert [label for label, _ in facts] == [
        "Partnership", "Area", "Period", "Definition", "Produced", "Version", "Status", "Owner",
        "Protective marking",
    ]  # fmt: skip
    assert document.paragraphs[0].text == "Northby Community Safety Partnership"


def test_the_executive_summary_follows_its_rule_in_every_format(
    full_report, section_results
) -> None:
    from svduty.analysis.findings import key_findings
    from svduty.analysis.summary import executive_summary

    _, results = section_results
    expected = executive_summary(key_findings(results), [r.key for r in results])
    assert 1 <= len(expected.points) <= 8
    document = docx.Document(full_report.files["docx"])
    shown = [p.text for p in document.paragraphs if p.style.name == "List Number 2"]
    assert shown == [point.finding.text for point in expected.points]
    meanings = [p.text for p in document.paragraphs if p.text.startswith("What it means: ")]
    assert meanings == [f"What it means: {p.meaning}" for p in expected.points if p.meaning]
    # the summary ranks by effect size, not by section order
    effects = [p.finding.effect or 0 for p in expected.points]
    assert effects == sorted(effects, reverse=True)
    html = full_report.files["html"].read_text(encoding="utf-8")
    start = html.index('id="executive-summary"')
    assert start < html.index('id="key-findings"')
    assert html.count('<p class="meaning">', start) == len(meanings)


def test_the_introduction_sets_out_the_duty_and_the_definition_and_why(full_report) -> None:
    from svduty.definitions import load_definition
    from svduty.reports.introduction import GLOSSARY, METHODS

    definition = load_definition(full_report.definition)
    document = docx.Document(full_report.files["docx"])
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Police, Crime, Sentencing and Courts Act 2022, Part 2 Chapter 1" in text
    assert f"Serious violence here means: {definition.title}." in text
    assert " ".join(definition.source.quote.split()) in text
    html = full_report.files["html"].read_text(encoding="utf-8")
    assert html.index('id="introduction"') < html.index('id="key-findings"')
    for term, _ in GLOSSARY:
        assert f"{term}: " in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert set(METHODS) <= set(bullets)
    terms = [term for term, _ in GLOSSARY]
    assert terms[-1] == "[c]" and terms[:-1] == sorted(terms[:-1], key=str.casefold)


def test_bulk_tables_sit_in_the_appendix_and_their_sections_point_there(full_report) -> None:
    import html as markup

    from svduty.reports.document import BODY_ROWS

    page = full_report.files["html"].read_text(encoding="utf-8")
    appendix = page.index('id="appendix"')
    pointers = re.findall(r'<p class="in-appendix">Table (\d+) \((.*?)\) is in the', page)
    assert pointers
    blocks = {
        int(m.group(1)): m.start()
        for m in re.finditer(r'<div class="table-block[^"]*" id="table-(\d+)"', page)
    }
    for number, _ in pointers:  # each pointed-at table is drawn in the appendix, once
        assert blocks[int(number)] > appendix
    for number, start in blocks.items():  # what stays in a section is short and narrow
        if start < appendix:
            block = page[start : page.index("</table>", start)]
            assert block.count("<tr>") - 1 <= BODY_ROWS and block.count("<th ") <= 7, number
    document = docx.Document(full_report.files["docx"])
    shown = [p.text for p in document.paragraphs if p.text.endswith("appendix of tables.")]
    assert shown == [
        f"Table {n} ({markup.unescape(title)}) is in the appendix of tables."
        for n, title in pointers
    ]
