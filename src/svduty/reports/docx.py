"""``sna.docx``: the report as a Word document, for the narrative councils edit before a cabinet.

The same ``Report`` the HTML and PDF come from, so numbering, captions and values agree: the
cover facts, a contents field Word fills in when the file opens, the key findings, each section
(its source, commentary, findings, figures as PNG and tables as Word tables), then the
recommendations. The protective marking heads and foots every page.
"""

from __future__ import annotations

import re
from pathlib import Path

from svduty.reports.document import SUMMARY_RULE, DocumentFigure, DocumentTable, Report

#: Figure width and the tallest figure on an A4 page with 2 cm margins, in centimetres.
FIGURE_WIDTH_CM = 16.0
PAGE_HEIGHT_CM = 23.0
#: The font of names a reader types or looks up (the spreadsheet's sheet names).
CODE_FONT = "Consolas"
#: The most pixels a figure's PNG has along either side.
LONGEST_SIDE_PX = 4000
PUBLIC_NOTICE = (
    "This is the public summary. It holds counts only for groups of people or events, never "
    "about any one person. To protect people's privacy, a number from 1 to 4 is not shown: it "
    "is replaced by [c], and so is any other number that would let it be worked out (from a "
    "total, for example) and any rate or share calculated from it."
)


def write_docx(report: Report, path: Path) -> Path:
    """Write ``report`` to ``path`` as DOCX (python-docx); the path written."""
    import docx

    document = docx.Document()
    _page_setup(document, report.marking)
    _cover(document, report)
    _contents(document)
    _executive_summary(document, report)
    _introduction(document, report)
    document.add_heading("Key findings", level=1)
    if report.key_findings:
        for finding in report.key_findings:
            document.add_paragraph(finding.text, style="List Bullet")
    else:
        document.add_paragraph("No finding passed its statistical test for this area and period.")
    for section in report.sections:
        document.add_heading(f"{section.number}. {section.title}", level=1)
        if section.unavailable:
            document.add_paragraph(f"Not available: {section.unavailable}")
            continue
        if section.source:
            document.add_paragraph().add_run(f"Source: {section.source}.").italic = True
        for paragraph in section.commentary:
            document.add_paragraph(paragraph)
        if section.findings:
            document.add_heading("What this shows", level=2)
            for finding in section.findings:
                document.add_paragraph(finding.text, style="List Bullet")
        for block in section.blocks:
            if isinstance(block, DocumentFigure):
                _figure(document, block)
            elif block.appendix:
                document.add_paragraph(
                    f"Table {block.number} ({block.table.title}) is in the appendix of tables."
                )
            else:
                _table(document, block)
    _recommendations(document, report)
    if report.appendix_tables:
        document.add_heading("Appendix: tables", level=1)
        document.add_paragraph(
            "The larger tables the sections refer to, numbered as they are there. The "
            "spreadsheet holds every row of every table."
        )
        for block in report.appendix_tables:
            _table(document, block)
    document.add_heading("Glossary", level=1)
    for term, meaning in report.glossary:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{term}: ").bold = True
        paragraph.add_run(meaning)
    document.save(path)
    return path


def _page_setup(document, marking: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        paragraph.text = marking
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.runs[0].bold = True


def _cover(document, report: Report) -> None:
    document.core_properties.title = f"{report.title}: {report.area}"
    document.core_properties.subject = report.marking
    document.add_paragraph(report.cover.partnership or report.area)
    document.add_heading(report.title, level=0)
    known = dict(report.cover.facts())
    facts = [
        *([("Partnership", known.pop("Partnership"))] if "Partnership" in known else []),
        ("Area", report.area),
        ("Period", report.period),
        ("Definition", report.definition_title),
        ("Produced", f"{report.generated:%d %B %Y %H:%M} UTC with svduty"),
        *known.items(),
        ("Protective marking", report.marking),
    ]
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in facts:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    if report.caveat:
        paragraph = document.add_paragraph()
        paragraph.add_run("Caveat: ").bold = True
        paragraph.add_run(report.caveat)
    if report.public:
        document.add_paragraph(PUBLIC_NOTICE)
    document.add_page_break()


def _executive_summary(document, report: Report) -> None:
    summary = report.executive_summary
    document.add_heading("Executive summary", level=1)
    if summary.points:
        document.add_paragraph(SUMMARY_RULE)
        for point in summary.points:
            document.add_paragraph(point.finding.text, style="List Number 2")
            if point.meaning:
                paragraph = document.add_paragraph()
                paragraph.add_run("What it means: ").bold = True
                paragraph.add_run(point.meaning)
    else:
        document.add_paragraph(
            "No result passed the tests that a key finding needs, so there is nothing to summarise."
        )
    if summary.about_data:
        document.add_heading("Read with care", level=2)
        for finding in summary.about_data:
            document.add_paragraph(finding.text, style="List Bullet")
    document.add_heading("Recommendations", level=2)
    if report.recommendations:
        for recommendation in report.recommendations:
            paragraph = document.add_paragraph(style="List Bullet 2")
            paragraph.add_run(f"{recommendation.id} ").bold = True
            paragraph.add_run(recommendation.text)
    else:
        document.add_paragraph(report.recommendations_statement or "")
    document.add_page_break()


def _introduction(document, report: Report) -> None:
    introduction = report.introduction
    if introduction is None:
        return
    document.add_heading("Introduction", level=1)
    for heading, paragraphs in (
        ("The Serious Violence Duty", [introduction.duty]),
        ("The partnership and its area", [introduction.partnership]),
        ("The local definition and why", [introduction.definition, introduction.definition_basis]),
    ):
        document.add_heading(heading, level=2)
        for text in paragraphs:
            document.add_paragraph(text)
    document.add_heading("How the figures were made", level=2)
    for method in introduction.methods:
        document.add_paragraph(method, style="List Bullet")


def _contents(document) -> None:
    """A TOC field over headings 1–2, which Word fills in as the file opens (updateFields)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document.add_heading("Contents", level=1)
    paragraph = document.add_paragraph()
    begin, separate, end = (OxmlElement("w:fldChar") for _ in range(3))
    instruction = OxmlElement("w:instrText")
    begin.set(qn("w:fldCharType"), "begin")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate):
        paragraph.add_run()._r.append(element)
    paragraph.add_run("The contents appear when the document is opened in Word.")
    paragraph.add_run()._r.append(end)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)
    document.add_page_break()


def _figure(document, block: DocumentFigure) -> None:
    import io

    import vl_convert
    from docx.shared import Cm

    width, height = _svg_size(block.svg)
    # Twice the pixels for print, but never more than LONGEST_SIDE_PX along either side: a
    # chart of small multiples can be 245,930 px tall, 23 GB as a PNG at scale 2.
    scale = min(2.0, LONGEST_SIDE_PX / max(width, height, 1))
    png = vl_convert.svg_to_png(block.svg, scale=scale)
    if height / max(width, 1) > PAGE_HEIGHT_CM / FIGURE_WIDTH_CM:  # taller than the page
        document.add_picture(io.BytesIO(png), height=Cm(PAGE_HEIGHT_CM))
    else:
        document.add_picture(io.BytesIO(png), width=Cm(FIGURE_WIDTH_CM))
    document.add_paragraph(f"Figure {block.number}: {block.caption}", style="Caption")


def _svg_size(svg: str) -> tuple[float, float]:
    """The ``width`` and ``height`` of the root ``<svg>`` element, in pixels."""
    root = re.search(r"<svg\b[^>]*>", svg)
    sizes = {
        name: float(value)
        for name, value in re.findall(r'\b(width|height)="([\d.]+)', root.group(0) if root else "")
    }
    return sizes.get("width", 800.0), sizes.get("height", 600.0)


def _table(document, block: DocumentTable) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.add_paragraph(f"Table {block.number}: {block.table.title}", style="Caption")
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, block.columns, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value.text
            if value.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if block.table.notes:
        document.add_paragraph(block.table.notes)
    if block.truncated:
        paragraph = document.add_paragraph(
            f"The first {len(block.rows)} of {block.total_rows:,} rows; every row is in the "
            "spreadsheet (sheet "
        )
        paragraph.add_run(block.sheet).font.name = CODE_FONT  # a name to find, as <code> in HTML
        paragraph.add_run(").")


def _recommendations(document, report: Report) -> None:
    document.add_heading("Recommendations", level=1)
    if not report.recommendations:
        document.add_paragraph(report.recommendations_statement or "")
        return
    for recommendation in report.recommendations:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(f"{recommendation.id} ").bold = True
        paragraph.add_run(recommendation.text)
        meta = [
            f"{label}: {value}."
            for label, value in (
                ("Theme", getattr(recommendation, "theme", None)),
                ("Pillar", getattr(recommendation, "pillar", None)),
                ("Owner", getattr(recommendation, "owner", None)),
            )
            if value
        ]
        if meta:
            paragraph.add_run(" " + " ".join(meta)).italic = True
