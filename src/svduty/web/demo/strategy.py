"""The demo strategy: recommendations, priorities and the delivery plan with quarterly updates.

Start and due dates, leads and each quarter's RAG rating are drawn from the context's seeded
random generator; updates run from each action's start to the last complete quarter.
"""

from __future__ import annotations

import datetime as dt

from svduty.web.common.periods import FinancialQuarter
from svduty.web.demo.context import DemoContext
from svduty.web.demo.data import Record, load
from svduty.web.strategy.definitions import definition_names
from svduty.web.strategy.models import (
    Action,
    Priority,
    QuarterlyUpdate,
    Recommendation,
    Strategy,
)

#: The definition the strategy measures by, if it is installed (else the first there is).
DEFINITION = "home-office-core"


class StrategyRow(Record):
    title: str
    period_start: dt.date
    period_end: dt.date
    published_on: dt.date
    summary: str


class PriorityRow(Record):
    title: str
    description: str


class ActionRow(Record):
    title: str
    pillar: str
    owner: str
    priorities: tuple[int, ...]
    recommendations: tuple[int, ...]


class StrategyData(Record):
    strategy: StrategyRow
    recommendation_source: str
    recommendations: tuple[str, ...]
    priorities: tuple[PriorityRow, ...]
    actions: tuple[ActionRow, ...]
    measures: str
    leads: tuple[str, ...]
    progress: dict[str, str]
    green_past_due_reason: str


def seed_strategy(context: DemoContext, today: dt.date) -> None:
    """The strategy, its recommendations, priorities, actions and their quarterly updates."""
    p, orgs, rng = context.partnership, context.organisations, context.rng
    data = load("strategy", StrategyData)
    names = definition_names()
    strategy = Strategy.objects.create(
        partnership=p,
        title=data.strategy.title,
        period_start=data.strategy.period_start,
        period_end=data.strategy.period_end,
        definition_name=DEFINITION if DEFINITION in names else names[0],
        published_on=data.strategy.published_on,
        summary=data.strategy.summary,
    )
    recommendations = [
        Recommendation.objects.create(
            partnership=p,
            strategy=strategy,
            reference=f"R{n}",
            text=text,
            source=data.recommendation_source,
        )
        for n, text in enumerate(data.recommendations, start=1)
    ]
    priorities = [
        Priority.objects.create(
            partnership=p, strategy=strategy, number=n, title=row.title, description=row.description
        )
        for n, row in enumerate(data.priorities, start=1)
    ]
    last_quarter = FinancialQuarter.of(today).previous()
    counters: dict[int, int] = {}
    for row in data.actions:
        main = row.priorities[0]
        counters[main] = counters.get(main, 0) + 1
        start = dt.date(2024, 4, 1) + dt.timedelta(days=91 * rng.randrange(0, 3))
        due = start + dt.timedelta(days=rng.choice([273, 365, 456, 547, 730, 912]))
        action = Action.objects.create(
            partnership=p,
            strategy=strategy,
            reference=f"{main}.{counters[main]}",
            title=row.title,
            pillar=row.pillar,
            owner_organisation=orgs[row.owner],
            lead=rng.choice(data.leads),
            start_date=start,
            due_date=due,
            measures=data.measures,
        )
        action.priorities.set([priorities[n - 1] for n in row.priorities])
        action.recommendations.set([recommendations[n - 1] for n in row.recommendations])
        quarter, finished, late_greens = FinancialQuarter.of(start), False, 0
        while quarter <= last_quarter and not finished:
            reason = ""
            if quarter.end >= due and rng.random() < 0.6:
                rag, finished = "complete", True
            else:
                rag = rng.choices(["green", "amber", "red"], weights=[6, 3, 1])[0]
            if rag == "green" and action.overdue_on(quarter.end):
                # A Green past the due date needs a reason: the first such quarter has one (a
                # short extension agreed), later ones are rated Amber.
                late_greens += 1
                if late_greens == 1:
                    reason = data.green_past_due_reason
                else:
                    rag = "amber"
            QuarterlyUpdate.objects.create(
                partnership=p,
                action=action,
                financial_year=quarter.year,
                quarter=quarter.quarter,
                rag=rag,
                green_override_reason=reason,
                progress=data.progress[rag],
                submitted_by=context.users["coordinator"],
            )
            quarter = quarter.next()
        if finished:
            action.completed_on = min(due, last_quarter.end)
            action.save()
