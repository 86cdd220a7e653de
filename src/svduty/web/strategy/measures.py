"""The local measures framework: each measure's figures, trajectory and RAG, for the pages.

Reported figures come from :class:`MeasureValue`; core measures and indicators from the
warehouse through the dashboards' own computation (:func:`svduty.web.insight.sections.compute`,
cached per warehouse state and scope), so a measure shows exactly what the dashboards show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from svduty.errors import SvdutyError, WarehouseBusy
from svduty.web.common.periods import FinancialQuarter
from svduty.web.strategy.indicators import INDICATORS, quarterly_values
from svduty.web.strategy.models import Direction, Measure, MeasureKind
from svduty.web.strategy.trajectory import Assessment, Plan, Status, assess

#: Quarters shown in a measure's small trend table.
TREND_QUARTERS = 4


def warehouse_values(partnership, measure: Measure) -> dict[FinancialQuarter, float]:
    """The measure's figure for each full quarter in the warehouse ({} when there is none)."""
    from svduty.web.insight import dashboards, sections
    from svduty.web.insight.defaults import default_definition

    indicator = INDICATORS.get(measure.indicator)
    if indicator is None:
        return {}
    filters = dashboards.Filters(
        definition=default_definition(partnership), district=measure.area_code or None
    )
    try:
        computed = sections.compute(filters.scope())
    except WarehouseBusy:
        raise  # answered 503 by WarehouseBusyMiddleware, never a silent "No data"
    except SvdutyError:
        return {}
    if computed is None:
        return {}
    result = next((r for r in computed.results if r.key == indicator.section), None)
    if result is None or not result.available:
        return {}
    table = next((t for t in result.tables if t.name == indicator.table), None)
    return {} if table is None else quarterly_values(indicator, table.frame)


def reported_values(measure: Measure) -> dict[FinancialQuarter, float]:
    return {v.period: float(v.value) for v in measure.values.all()}


def values_of(partnership, measure: Measure) -> dict[FinancialQuarter, float]:
    if measure.kind == MeasureKind.MANUAL:
        return reported_values(measure)
    return warehouse_values(partnership, measure)


@dataclass
class TrendPoint:
    period: FinancialQuarter
    actual: float | None
    expected: float | None


@dataclass
class MeasureRow:
    """A measure as the pages show it."""

    measure: Measure
    baseline_value: float | None
    assessment: Assessment
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def status(self) -> Status:
        return self.assessment.status

    @property
    def kind_label(self) -> str:
        return MeasureKind(self.measure.kind).label

    @property
    def source_label(self) -> str:
        """The warehouse figure it reads, or "Reported by the partnership"."""
        indicator = INDICATORS.get(self.measure.indicator)
        if indicator is None:
            return "Reported by the partnership"
        area = f", {self.measure.area_code}" if self.measure.area_code else ""
        return f"{indicator.label}{area}"

    @property
    def direction_label(self) -> str:
        return Direction(self.measure.direction).label


def plan_of(measure: Measure, baseline_value: float) -> Plan:
    return Plan(
        baseline_period=measure.baseline_period,
        baseline_value=baseline_value,
        target_period=measure.target_period,
        target_value=float(measure.target_value),
        direction=measure.direction,
        tolerance_pct=measure.tolerance_pct,
    )


def row(
    partnership,
    measure: Measure,
    up_to: FinancialQuarter | None = None,
    today: dt.date | None = None,
    trend_quarters: int = TREND_QUARTERS,
) -> MeasureRow:
    """The measure's RAG as of ``up_to`` (default: the latest figure), judged on ``today``."""
    today = today or timezone.localdate()
    on = min(today, up_to.end) if up_to is not None else today
    values = values_of(partnership, measure)
    baseline = (
        float(measure.baseline_value)
        if measure.baseline_value is not None
        else values.get(measure.baseline_period)
    )
    if baseline is None:
        return MeasureRow(measure, None, Assessment(Status.NO_DATA))
    plan = plan_of(measure, baseline)
    assessment = assess(plan, values, on, up_to)
    last = assessment.period or up_to or FinancialQuarter.of(on)
    trend = []
    period = last
    for _ in range(trend_quarters):
        if period <= plan.baseline_period:
            break
        trend.append(TrendPoint(period, values.get(period), plan.expected(period)))
        period = period.previous()
    return MeasureRow(measure, baseline, assessment, list(reversed(trend)))


def rows(
    partnership,
    up_to: FinancialQuarter | None = None,
    today: dt.date | None = None,
    kinds: tuple[str, ...] | None = None,
) -> list[MeasureRow]:
    """Every measure of the partnership (of ``kinds``, if given), in name order."""
    measures = Measure.objects.filter(partnership=partnership).select_related("priority")
    if kinds:
        measures = measures.filter(kind__in=kinds)
    return [row(partnership, m, up_to, today) for m in measures.prefetch_related("values")]
