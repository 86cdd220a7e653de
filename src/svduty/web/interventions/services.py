"""Intervention queries the register and the board report share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, Sum

from svduty.web.common.periods import FinancialQuarter
from svduty.web.interventions.models import Intervention


@dataclass(frozen=True)
class OutputRow:
    intervention: Intervention
    quarter_reached: int | None
    year_to_date: int
    previous_quarter_reached: int | None


def outputs_for_quarter(partnership, period: FinancialQuarter) -> list[OutputRow]:
    """Each intervention's people reached in ``period``, the previous quarter and the year to date.

    ``None`` means no output was reported for that quarter (not zero people).
    """
    previous = period.previous()
    in_quarter = Q(outputs__financial_year=period.year, outputs__quarter=period.quarter)
    in_previous = Q(outputs__financial_year=previous.year, outputs__quarter=previous.quarter)
    year_to_date = Q(outputs__financial_year=period.year, outputs__quarter__lte=period.quarter)
    interventions = (
        Intervention.objects.filter(partnership=partnership)
        .select_related("provider")
        .annotate(
            quarter_reached=Sum("outputs__people_reached", filter=in_quarter),
            previous_reached=Sum("outputs__people_reached", filter=in_previous),
            ytd=Sum("outputs__people_reached", filter=year_to_date),
        )
        .order_by("name")
    )
    return [
        OutputRow(
            intervention=item,
            quarter_reached=item.quarter_reached,
            year_to_date=item.ytd or 0,
            previous_quarter_reached=item.previous_reached,
        )
        for item in interventions
        if (
            item.start_date <= period.end
            and (item.end_date is None or item.end_date >= period.start)
        )
        or item.quarter_reached is not None
    ]
