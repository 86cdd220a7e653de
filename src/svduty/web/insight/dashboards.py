"""Dashboard pages: a section's tables, filtered, with the report's Altair specs.

Year and district narrow the analysis scope (so every number is recomputed for them); category
and age band narrow the rows of the tables that carry a ``category`` or ``age_band`` column (the
sections do not break everything down by them). Pages are cached per warehouse state and filters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import pandas as pd

from svduty.reports.charts import ChartInputs, figures_for
from svduty.reports.formatting import cell_value, format_cell
from svduty.reports.labels import column_headings, shown_columns
from svduty.web.insight import sections
from svduty.web.insight.sections import ScopeKey

#: Rows shown in a dashboard table (the downloadable report has every row).
MAX_ROWS = 30
#: As Django's json_script: the JSON can sit in a <script type="application/json"> safely.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
#: Sections that are not dashboards (the scope is shown on every page's caption).
HIDDEN = {"scope"}


@dataclass(frozen=True)
class Filters:
    definition: str
    year: int | None = None
    district: str | None = None
    category: str | None = None
    age_band: str | None = None

    def scope(self) -> ScopeKey:
        start = end = None
        if self.year is not None:
            start, end = sections.financial_year_months(self.year)
        return ScopeKey(self.definition, self.district, start, end)


@dataclass
class TableView:
    name: str
    title: str
    notes: str
    columns: list[str]
    rows: list[list[str]]
    total_rows: int
    charts: list[dict] = field(default_factory=list)  # {"id", "caption", "spec" (JSON text)}


@dataclass
class SectionView:
    key: str
    title: str
    unavailable: str | None
    commentary: list[str]
    findings: list[str]
    tables: list[TableView]


def section_menu(computed: sections.Computed | None) -> list[tuple[str, str]]:
    if computed is None:
        return []
    return [(r.key, r.title) for r in computed.results if r.key not in HIDDEN]


def section_view(filters: Filters, key: str) -> tuple[sections.Computed | None, SectionView | None]:
    """The computed scope and the page for section ``key`` (``None``: no such section)."""
    computed = sections.compute(filters.scope())
    if computed is None:
        return None, None
    state = sections.warehouse.state()
    view = sections.cached(("page", state, filters, key), lambda: _build(computed, filters, key))
    return computed, view


def _build(computed: sections.Computed, filters: Filters, key: str) -> SectionView | None:
    result = next((r for r in computed.results if r.key == key), None)
    if result is None:
        return None
    inputs = ChartInputs(boundaries=computed.boundaries)
    tables = []
    for table in result.tables:
        table = filter_table(table, filters)
        charts = []
        for number, figure in enumerate(figures_for(table, inputs)):
            spec = figure.spec(validate=False)
            charts.append(
                {
                    "id": f"chart-{table.name}-{number}",
                    "caption": figure.caption,
                    "spec": json.dumps(spec, default=str).translate(_SCRIPT_ESCAPES),
                }
            )
        columns, rows = table_rows(table)
        tables.append(
            TableView(table.name, table.title, table.notes, columns, rows, len(table.frame), charts)
        )
    return SectionView(
        key=result.key,
        title=result.title,
        unavailable=result.unavailable,
        commentary=list(result.commentary),
        findings=[f.text for f in result.findings],
        tables=tables,
    )


def filter_table(table, filters: Filters):
    """The table's rows for the chosen category and age band, where it has those columns."""
    frame = table.frame
    for column, value in (("category", filters.category), ("age_band", filters.age_band)):
        if value and column in frame.columns:
            frame = frame[frame[column].astype(str) == value]
    return table if frame is table.frame else replace(table, frame=frame.reset_index(drop=True))


def table_rows(table, limit: int = MAX_ROWS) -> tuple[list[str], list[list[str]]]:
    """Column labels and formatted cells, as the report prints them."""
    frame = table.frame.head(limit)
    frame = frame[shown_columns(frame.columns)]
    integral = {c: _integral(frame[c]) for c in frame.columns}
    rows = [
        [
            format_cell(cell_value(v), c, integral[c])
            for c, v in zip(frame.columns, row, strict=True)
        ]
        for row in frame.itertuples(index=False)
    ]
    return column_headings(table.frame.columns), rows


def _integral(series: pd.Series) -> bool:
    if not pd.api.types.is_float_dtype(series):
        return False
    values = series.dropna()
    return bool(len(values)) and bool((values == values.round()).all())
