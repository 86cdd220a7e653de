"""Delivery-plan progress at a quarter, as pure functions over (action, updates) data.

An action's status at a quarter is its latest quarterly update in or before that quarter (a status
stands until the next update); "change since last quarter" compares that with the quarter before.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from svduty.web.common.periods import FinancialQuarter

#: Worst to best, for "improved" and "worsened".
RAG_ORDER = ("red", "amber", "green", "complete")
NO_UPDATE = "none"


def status_at(updates: list[tuple[FinancialQuarter, str]], period: FinancialQuarter) -> str:
    """The RAG of the latest update in or before ``period`` (``"none"`` without one)."""
    earlier = [(when, rag) for when, rag in updates if when <= period]
    return max(earlier)[1] if earlier else NO_UPDATE


def overdue_at(due_date: dt.date, completed_on: dt.date | None, period: FinancialQuarter) -> bool:
    """Past due by the quarter's last day and not completed by then."""
    return due_date < period.end and (completed_on is None or completed_on > period.end)


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
        return (
            "improved" if RAG_ORDER.index(self.after) > RAG_ORDER.index(self.before) else "worsened"
        )


@dataclass
class Progress:
    period: FinancialQuarter
    counts: Counter = field(default_factory=Counter)
    previous_counts: Counter = field(default_factory=Counter)
    overdue: list = field(default_factory=list)
    previous_overdue: int = 0
    movements: list[Movement] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def change(self, status: str) -> int:
        return self.counts.get(status, 0) - self.previous_counts.get(status, 0)


@dataclass(frozen=True)
class ActionFacts:
    reference: str
    title: str
    start_date: dt.date
    due_date: dt.date
    completed_on: dt.date | None
    updates: tuple[tuple[FinancialQuarter, str], ...]


def progress(actions: list[ActionFacts], period: FinancialQuarter) -> Progress:
    """RAG counts now and last quarter, overdue actions, and each action whose status moved."""
    previous = period.previous()
    result = Progress(period=period)
    for action in actions:
        if action.start_date > period.end:
            continue
        now = status_at(list(action.updates), period)
        result.counts[now] += 1
        if action.start_date <= previous.end:
            before = status_at(list(action.updates), previous)
            result.previous_counts[before] += 1
            if overdue_at(action.due_date, action.completed_on, previous):
                result.previous_overdue += 1
            if before != now:
                result.movements.append(Movement(action.reference, action.title, before, now))
        if overdue_at(action.due_date, action.completed_on, period):
            result.overdue.append(action)
    return result
