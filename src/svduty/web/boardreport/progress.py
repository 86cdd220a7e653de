"""Delivery-plan progress at a quarter, as pure functions over (action, updates) data.

An action's status at a quarter is its latest quarterly update in or before that quarter (a status
stands until the next update); "change since last quarter" compares that with the quarter before.
A Green does not stand past the action's due date without an override reason: such an action
shows ``lapsed_green`` (see :mod:`svduty.web.strategy.status`), never Green.

A quarter is judged on its last day, or on today while it is still running, so the report for the
current quarter does not call an action overdue before its due date has passed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from svduty.web.common.periods import FinancialQuarter
from svduty.web.strategy.status import LAPSED_GREEN, overdue_on, shown_status

#: Worst to best, for "improved" and "worsened".
RAG_ORDER = ("red", "amber", "green", "complete")
NO_UPDATE = "none"
COMPLETE = "complete"


class Update(NamedTuple):
    """One quarterly update: the quarter it rates, its RAG, and any reason for a late Green."""

    period: FinancialQuarter
    rag: str
    green_reason: str = ""


def latest_update(updates, period: FinancialQuarter) -> Update | None:
    """The latest update in or before ``period`` (``None`` without one)."""
    earlier = [Update(*update) for update in updates if update[0] <= period]
    return max(earlier, key=lambda update: update.period) if earlier else None


def status_at(updates, period: FinancialQuarter) -> str:
    """The RAG of the latest update in or before ``period`` (``"none"`` without one)."""
    latest = latest_update(updates, period)
    return latest.rag if latest else NO_UPDATE


def judged_on(period: FinancialQuarter, today: dt.date | None = None) -> dt.date:
    """The day a quarter is judged on: its last day, or ``today`` if that comes first."""
    return period.end if today is None else min(period.end, today)


def overdue_at(
    due_date: dt.date,
    completed_on: dt.date | None,
    period: FinancialQuarter,
    today: dt.date | None = None,
) -> bool:
    """Past due on the day the quarter is judged on and not completed by then."""
    return overdue_on(due_date, completed_on, judged_on(period, today))


@dataclass(frozen=True)
class Movement:
    reference: str
    title: str
    before: str
    after: str

    @property
    def direction(self) -> str:
        if self.before == NO_UPDATE:
            return "first update"
        if self.after == NO_UPDATE:
            return "no update"
        if self.after == LAPSED_GREEN:
            return "past its due date with no reason for Green"
        if self.before == LAPSED_GREEN:
            return "rated again after its due date"
        return (
            "improved" if RAG_ORDER.index(self.after) > RAG_ORDER.index(self.before) else "worsened"
        )


@dataclass(frozen=True)
class ActionFacts:
    reference: str
    title: str
    start_date: dt.date
    due_date: dt.date
    completed_on: dt.date | None
    updates: tuple[tuple, ...]
    owner: str = ""
    lead: str = ""


@dataclass(frozen=True)
class OverdueAction:
    """A row of the report's overdue table."""

    reference: str
    title: str
    owner: str
    lead: str
    due_date: dt.date
    days_overdue: int
    status: str
    green_reason: str


@dataclass
class Progress:
    period: FinancialQuarter
    judged_on: dt.date | None = None
    counts: Counter = field(default_factory=Counter)
    previous_counts: Counter = field(default_factory=Counter)
    overdue: list[OverdueAction] = field(default_factory=list)
    previous_overdue: int = 0
    complete: int = 0
    movements: list[Movement] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Actions started by the day the quarter is judged on."""
        return sum(self.counts.values())

    @property
    def under_way(self) -> int:
        """Started and not complete: neither rated Complete nor completed by then."""
        return self.total - self.complete

    def change(self, status: str) -> int:
        return self.counts.get(status, 0) - self.previous_counts.get(status, 0)


def _shown(
    action: ActionFacts, period: FinancialQuarter, day: dt.date
) -> tuple[str, Update | None]:
    """The status the report shows for ``action`` at ``period`` judged on ``day``."""
    latest = latest_update(action.updates, period)
    if latest is None:
        return NO_UPDATE, None
    overdue = overdue_on(action.due_date, action.completed_on, day)
    return shown_status(latest.rag, latest.green_reason, overdue), latest


def progress(
    actions: list[ActionFacts], period: FinancialQuarter, today: dt.date | None = None
) -> Progress:
    """Status counts now and last quarter, overdue actions, and each action whose status moved.

    ``today`` (``None``: after the quarter) caps the day the quarter is judged on.
    """
    previous = period.previous()
    day, previous_day = judged_on(period, today), judged_on(previous, today)
    result = Progress(period=period, judged_on=day)
    for action in actions:
        if action.start_date > day:
            continue
        now, latest = _shown(action, period, day)
        result.counts[now] += 1
        if now == COMPLETE or (action.completed_on is not None and action.completed_on <= day):
            result.complete += 1
        if action.start_date <= previous_day:
            before, _ = _shown(action, previous, previous_day)
            result.previous_counts[before] += 1
            if overdue_on(action.due_date, action.completed_on, previous_day):
                result.previous_overdue += 1
            if before != now:
                result.movements.append(Movement(action.reference, action.title, before, now))
        if overdue_on(action.due_date, action.completed_on, day):
            result.overdue.append(
                OverdueAction(
                    reference=action.reference,
                    title=action.title,
                    owner=action.owner,
                    lead=action.lead,
                    due_date=action.due_date,
                    days_overdue=(day - action.due_date).days,
                    status=now,
                    green_reason=latest.green_reason if latest and now == "green" else "",
                )
            )
    return result
