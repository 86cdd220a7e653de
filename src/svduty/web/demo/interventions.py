"""The demo's interventions: quarterly outputs up to last quarter, outcomes and evaluations.

People reached and sessions delivered are drawn from the context's seeded random generator.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from svduty.web.common.periods import FinancialQuarter
from svduty.web.demo.context import DemoContext
from svduty.web.demo.data import Record, load
from svduty.web.interventions.models import Evaluation, Intervention, Outcome, QuarterlyOutput
from svduty.web.strategy.models import Action

#: About how many people an intervention of each level reaches in a quarter.
QUARTERLY_REACH = {"universal": 220, "targeted": 45, "intensive": 12}


class EvaluationRow(Record):
    method: str
    evaluator: str
    result: str
    maryland_level: int | None = None
    eif_level: str = ""


class InterventionRow(Record):
    name: str
    provider: str
    pillar: str
    level: str
    target_cohort: str
    min_age: int | None = None
    max_age: int | None = None
    areas: str
    start_date: dt.date
    end_date: dt.date | None = None
    funded_from: Literal["home_office", "pcc", "round"]
    evaluation: EvaluationRow | None = None


class InterventionsData(Record):
    interventions: tuple[InterventionRow, ...]


def intervention_rows() -> tuple[InterventionRow, ...]:
    """The interventions as written (the funding seeder allocates grant money to them)."""
    return load("interventions", InterventionsData).interventions


def seed_interventions(context: DemoContext, today: dt.date) -> None:
    """Each intervention, linked to the actions it shares words with, and its outputs."""
    p, orgs, rng = context.partnership, context.organisations, context.rng
    last_quarter = FinancialQuarter.of(today).previous()
    actions = {a.title: a for a in Action.objects.filter(partnership=p)}
    for row in intervention_rows():
        start, end = row.start_date, row.end_date
        intervention = Intervention.objects.create(
            partnership=p,
            name=row.name,
            provider=orgs[row.provider],
            pillar=row.pillar,
            level=row.level,
            target_cohort=row.target_cohort,
            min_age=row.min_age,
            max_age=row.max_age,
            areas=row.areas,
            start_date=start,
            end_date=end,
            funding=context.funding["projects"].get(row.name),
            description=f"{row.name}, delivered by {orgs[row.provider].name}.",
        )
        words = set(row.name.lower().split())
        linked = [a for title, a in actions.items() if len(words & set(title.lower().split())) >= 2]
        intervention.actions.set(linked[:2])
        scale = QUARTERLY_REACH[row.level]
        quarter = FinancialQuarter.of(start)
        while quarter <= last_quarter and (end is None or quarter.start <= end):
            QuarterlyOutput.objects.create(
                partnership=p,
                intervention=intervention,
                financial_year=quarter.year,
                quarter=quarter.quarter,
                people_reached=max(1, int(scale * rng.uniform(0.6, 1.4))),
                sessions_delivered=rng.randrange(4, 30),
            )
            quarter = quarter.next()
        evaluation = row.evaluation
        if evaluation is not None:
            Evaluation.objects.create(
                partnership=p,
                intervention=intervention,
                method=evaluation.method,
                evaluator=evaluation.evaluator,
                completed_on=min(today, start + dt.timedelta(days=540)),
                result=evaluation.result,
                maryland_level=evaluation.maryland_level,
                eif_level=evaluation.eif_level,
            )
            Outcome.objects.create(
                partnership=p,
                intervention=intervention,
                measure="Headline outcome",
                result=evaluation.result.split(";")[0][:100],
                measured_on=min(today, start + dt.timedelta(days=500)),
            )
