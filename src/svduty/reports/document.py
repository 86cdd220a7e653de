"""The needs assessment as a document: numbered sections, figures and tables, ready to render.

Built once from the section results and rendered three ways (HTML, PDF, XLSX), so the numbering,
captions and values are the same in every format.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from svduty.analysis.result import Finding, SectionResult, SectionTable
from svduty.analysis.summary import ExecutiveSummary, executive_summary
from svduty.reports.charts import ChartInputs, figures_for
from svduty.reports.formatting import cell_value, format_cell, raw_value
from svduty.reports.introduction import GLOSSARY, Introduction
from svduty.reports.labels import column_headings, shown_columns
from svduty.reports.render import svg_from_spec
from svduty.reports.sheets import sheet_names

#: How the executive summary's findings were chosen, in the words the report prints.
SUMMARY_RULE = (
    "These are the most important findings, chosen by a stated rule rather than by the order "
    "of the sections: the largest effects first (how many times as common, or how concentrated, "
    "the violence is), findings a statistical test supports before descriptions, and at most "
    "two from any one section. Every finding is in the key findings and in its section."
)

#: Longest table kept in its section's body; longer (or wide) ones go to the appendix.
BODY_ROWS = 15

#: Rows a table shows in the HTML and PDF; the XLSX always holds every row.
MAX_DOCUMENT_ROWS = 30

#: Where each section's numbers come from (the XLSX notes block and the scope of each table).
SECTION_SOURCES = {
    "scope": "Warehouse batches and the local definition",
    "profile": "Police recorded crime",
    "trends": "Police recorded crime; resident population",
    "place": "Police recorded crime; resident population; LSOA boundaries and lookups",
    "deprivation": "Police recorded crime; resident population; English IoD 2019",
    "people": "Victims and suspects on police records; resident population",
    "time": "Police recorded crime with a recorded time",
    "health": "Emergency department assaults (ISTV); hospital admissions",
    "cohorts": "Youth justice and probation cohorts; school suspensions and exclusions",
    "triggers": "Case reviews (life-course events)",
    "core_measures": "Police recorded crime; hospital admissions",
}


@dataclass(frozen=True)
class Cell:
    text: str
    value: str
    numeric: bool
    count: bool


@dataclass
class DocumentTable:
    number: int
    anchor: str
    table: SectionTable
    columns: list[str]
    rows: list[list[Cell]]
    total_rows: int
    sheet: str = ""

    @property
    def truncated(self) -> bool:
        return self.total_rows > len(self.rows)

    @property
    def column_widths(self) -> list[float]:
        """Percent widths from the longest text in each column (print uses a fixed layout)."""
        weights = []
        for j, header in enumerate(self.columns):
            longest_word = max((len(word) for word in header.split()), default=1)
            cells = max((len(row[j].text) for row in self.rows), default=1)
            weights.append(min(max(longest_word, cells, 5), 45) + 2)  # + padding
        total = sum(weights) or 1
        return [round(100 * w / total, 2) for w in weights]

    @property
    def wide(self) -> bool:
        return len(self.columns) > 7

    @property
    def appendix(self) -> bool:
        """A bulk table (long or wide) sits in the appendix; its section points to it."""
        return self.total_rows > BODY_ROWS or self.wide


@dataclass
class DocumentFigure:
    number: int
    anchor: str
    caption: str
    svg: str
    table_name: str


@dataclass
class DocumentSection:
    number: int
    key: str
    anchor: str
    title: str
    source: str
    commentary: list[str]
    unavailable: str | None
    findings: list[Finding]
    blocks: list[DocumentFigure | DocumentTable] = field(default_factory=list)

    @property
    def figures(self) -> list[DocumentFigure]:
        return [b for b in self.blocks if isinstance(b, DocumentFigure)]

    @property
    def tables(self) -> list[DocumentTable]:
        return [b for b in self.blocks if isinstance(b, DocumentTable)]


@dataclass(frozen=True)
class Cover:
    """Who the document is for and where it stands, for its cover (a board is handed it)."""

    partnership: str | None = None
    owner: str | None = None
    version: str | None = None
    status: str = "Draft"

    def facts(self) -> list[tuple[str, str]]:
        """The cover's lines that are known, in cover order."""
        lines = [("Partnership", self.partnership), ("Version", self.version),
                 ("Status", self.status), ("Owner", self.owner)]  # fmt: skip
        return [(label, value) for label, value in lines if value]


@dataclass
class Report:
    """Everything a renderer needs; no renderer computes anything."""

    title: str
    area: str
    period: str
    definition: str
    definition_title: str
    generated: dt.datetime
    public: bool
    sections: list[DocumentSection]
    key_findings: list[Finding]
    recommendations: list[Any]
    recommendations_statement: str | None
    caveat: str | None = None
    cover: Cover = field(default_factory=Cover)
    executive_summary: ExecutiveSummary = field(default_factory=lambda: ExecutiveSummary([], []))
    introduction: Introduction | None = None
    glossary: tuple[tuple[str, str], ...] = GLOSSARY

    @property
    def figures(self) -> list[DocumentFigure]:
        return [f for s in self.sections for f in s.figures]

    @property
    def tables(self) -> list[DocumentTable]:
        return [t for s in self.sections for t in s.tables]

    @property
    def appendix_tables(self) -> list[DocumentTable]:
        return [t for t in self.tables if t.appendix]

    @property
    def marking(self) -> str:
        """The Government Security Classification: the full SNA holds small counts about
        people and places (OFFICIAL-SENSITIVE); the public one is disclosure-controlled."""
        return "OFFICIAL" if self.public else "OFFICIAL-SENSITIVE"


def build_report(
    results: list[SectionResult],
    *,
    area: str,
    period: str,
    definition: str,
    definition_title: str,
    key_findings: list[Finding],
    recommendations: list[Any],
    recommendations_statement: str | None,
    public: bool = False,
    chart_inputs: ChartInputs | None = None,
    caveat: str | None = None,
    on_section: Callable[[str], None] | None = None,
    generated: dt.datetime | None = None,
    cover: Cover | None = None,
    introduction: Introduction | None = None,
) -> Report:
    """Number the sections, draw their charts to SVG and lay out their tables."""
    title = (
        "Serious violence: public summary of the strategic needs assessment"
        if public
        else "Serious violence strategic needs assessment"
    )
    sections: list[DocumentSection] = []
    pending: list[tuple[DocumentFigure, dict[str, Any]]] = []
    figure_number = table_number = 0
    for number, result in enumerate(results, start=1):
        if on_section:
            on_section(result.title)
        section = DocumentSection(
            number=number,
            key=result.key,
            anchor=f"section-{_slug(result.key)}",
            title=result.title,
            source=SECTION_SOURCES.get(result.key, ""),
            commentary=list(result.commentary),
            unavailable=result.unavailable,
            findings=list(result.findings),
        )
        for table in result.tables if result.available else []:
            for figure in figures_for(table, chart_inputs):
                figure_number += 1
                block = DocumentFigure(
                    figure_number, f"figure-{figure_number}", figure.caption, "", table.name
                )
                pending.append((block, figure.spec(validate=False)))
                section.blocks.append(block)
            table_number += 1
            section.blocks.append(_document_table(table, table_number))
        sections.append(section)
    _draw(pending)
    for document_table, sheet in zip(
        (t for s in sections for t in s.tables),
        sheet_names([t.table.name for s in sections for t in s.tables]),
        strict=True,
    ):
        document_table.sheet = sheet
    return Report(
        title=title,
        area=area,
        period=period,
        definition=definition,
        definition_title=definition_title,
        generated=generated or dt.datetime.now(dt.UTC).replace(microsecond=0),
        public=public,
        sections=sections,
        key_findings=key_findings,
        recommendations=recommendations,
        recommendations_statement=recommendations_statement,
        caveat=caveat,
        cover=cover or Cover(),
        executive_summary=executive_summary(key_findings, [r.key for r in results]),
        introduction=introduction,
    )


def _draw(pending: list[tuple[DocumentFigure, dict[str, Any]]]) -> None:
    """Render the charts to SVG, two at a time (vl-convert releases the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    def draw(item: tuple[DocumentFigure, dict[str, Any]]) -> None:
        block, spec = item
        block.svg = svg_from_spec(spec, f"f{block.number}")

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(draw, pending))


def _document_table(table: SectionTable, number: int) -> DocumentTable:
    frame = table.frame
    shown = frame.head(MAX_DOCUMENT_ROWS)
    counts = set(table.count_columns)
    columns = shown_columns(frame.columns)
    shown = shown[columns]
    numeric = {c: pd.api.types.is_numeric_dtype(frame[c]) for c in columns}
    integral = {c: _integral(frame[c]) for c in columns}
    rows = []
    for record in shown.itertuples(index=False, name=None):
        row = []
        for column, value in zip(columns, record, strict=True):
            value = cell_value(value)
            row.append(
                Cell(
                    text=format_cell(value, column, integral[column]),
                    value=raw_value(value),
                    numeric=numeric[column] or isinstance(value, int | float),
                    count=column in counts,
                )
            )
        rows.append(row)
    return DocumentTable(
        number=number,
        anchor=f"table-{number}",
        table=table,
        columns=column_headings(frame.columns),
        rows=rows,
        total_rows=len(frame),
    )


def _integral(series: pd.Series) -> bool:
    """Is every value of a float column a whole number?"""
    if not pd.api.types.is_float_dtype(series):
        return False
    values = series.dropna()
    return bool(len(values)) and bool((values == values.round()).all())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
