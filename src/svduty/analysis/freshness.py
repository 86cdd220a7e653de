"""Data staleness: the latest month each dated source holds, against the date of the report.

A needs assessment read in December about data that ends in March says nothing about the
summer. For every dated source with an active (not replaced) import batch, the latest month is
the latest date among that source's rows in its table (the batch's recorded ``period_end`` when
the table holds none of its rows). ``months_behind`` counts calendar months from that month to the
month of the report date (last month's data is 1 behind); a source more than
:data:`STALE_AFTER_MONTHS` behind is stale and gets a warning sentence.

The report date is a parameter, so a test fixes "today"; callers pass ``date.today()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis.periods import describe_months, month_from_number, month_number

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

#: A source whose latest month is more than this many months before the report's is stale.
STALE_AFTER_MONTHS = 3
COLUMNS = ["source", "latest_month", "months_behind", "stale"]


def source_freshness(
    ctx: AnalysisContext, report_date: date, dated_sources: Mapping[str, tuple[str, str]]
) -> pd.DataFrame:
    """``source, latest_month, months_behind, stale`` for each dated source loaded.

    ``dated_sources`` maps a batch source to its table and dating column (``scope.DATED_SOURCES``:
    passed in, so that ``scope`` can call this without an import cycle). Sources are in
    alphabetical order; one with an active batch but no dated row or period is left out.
    """
    batches = ctx.con.table("batches")
    active = batches.filter(batches.replaced_by.isnull())
    loaded = active.group_by("source").aggregate(period_end=active.period_end.max()).to_pandas()
    period_end = dict(zip(loaded.source, loaded.period_end, strict=True))
    report_month = month_number(report_date)
    rows = []
    for source in sorted(set(period_end) & set(dated_sources)):
        table_name, column = dated_sources[source]
        latest = _latest_row_date(ctx, active, source, table_name, column)
        if latest is None:
            latest = _as_date(period_end[source])
        if latest is None:
            continue
        month = date(latest.year, latest.month, 1)
        behind = report_month - month_number(month)
        rows.append((source, month, behind, behind > STALE_AFTER_MONTHS))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"months_behind": "int64", "stale": "bool"})


def staleness_sentences(frame: pd.DataFrame) -> list[str]:
    """One warning per stale source of :func:`source_freshness`'s frame (none when fresh)."""
    sentences = []
    for row in frame[frame.stale].itertuples():
        latest = describe_months([row.latest_month])
        report = describe_months(
            [month_from_number(month_number(row.latest_month) + row.months_behind)]
        )
        sentences.append(
            f"The latest {row.source} data is for {latest}, {row.months_behind} months before "
            f"the month of this report ({report}): more than {STALE_AFTER_MONTHS} months "
            "behind, so the assessment cannot show what has happened since."
        )
    return sentences


def _latest_row_date(
    ctx: AnalysisContext, active: ir.Table, source: str, table_name: str, column: str
) -> date | None:
    """The latest ``column`` date among ``source``'s active-batch rows of ``table_name``."""
    if not ctx.has_rows(table_name):
        return None
    table = ctx.con.table(table_name)
    ours = active.filter(active.source == source).select(active_batch=active.batch_id)
    joined = table.inner_join(ours, table.batch_id == ours.active_batch)
    return _as_date(joined[column].cast("date").max().execute())


def _as_date(value: object) -> date | None:
    if value is None or pd.isna(value):
        return None
    if hasattr(value, "date"):
        return value.date()  # pandas Timestamp or datetime
    return value  # already a date
