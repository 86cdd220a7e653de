"""The demo's measures framework: the three Home Office core measures, a needs-assessment
indicator and a reported measure with its quarterly figures."""

from __future__ import annotations

import datetime as dt

from svduty.web.common.periods import FinancialQuarter
from svduty.web.demo.context import DemoContext
from svduty.web.demo.data import Record, load
from svduty.web.strategy.models import Measure, MeasureValue, Priority


class MeasureRow(Record):
    name: str
    kind: str
    indicator: str = ""
    unit: str = ""
    direction: str = "lower"
    priority: int | None = None
    baseline: tuple[int, int]
    baseline_value: float | None = None
    target_value: float
    target_date: dt.date
    tolerance_pct: int = 10
    description: str = ""
    note: str = ""
    values: tuple[float, ...] = ()


class MeasuresData(Record):
    measures: tuple[MeasureRow, ...]


def seed_measures(context: DemoContext, today: dt.date) -> None:
    """The measures, and each reported figure of a quarter complete by ``today``."""
    p = context.partnership
    priorities = {priority.number: priority for priority in Priority.objects.filter(partnership=p)}
    last_quarter = FinancialQuarter.of(today).previous()
    for row in load("measures", MeasuresData).measures:
        measure = Measure(
            partnership=p,
            priority=priorities.get(row.priority) if row.priority else None,
            name=row.name,
            description=row.description,
            kind=row.kind,
            indicator=row.indicator,
            unit=row.unit,
            baseline_year=row.baseline[0],
            baseline_quarter=row.baseline[1],
            baseline_value=row.baseline_value,
            target_value=row.target_value,
            target_date=row.target_date,
            direction=row.direction,
            tolerance_pct=row.tolerance_pct,
        )
        measure.full_clean()
        measure.save()
        quarter = measure.baseline_period.next()
        for value in row.values:
            if quarter > last_quarter:
                break
            MeasureValue.objects.create(
                partnership=p,
                measure=measure,
                financial_year=quarter.year,
                quarter=quarter.quarter,
                value=value,
                note=row.note,
                entered_by=context.users["analyst"],
                entered_at=dt.datetime.combine(quarter.next().start, dt.time(9), dt.UTC),
            )
            quarter = quarter.next()
