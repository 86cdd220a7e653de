"""The Duty requirements calendar: statutory milestones and whether each is done or overdue.

Pure functions over dates so the rules are tested without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: Strategic needs assessment and published strategy were due by 31 January 2024.
FIRST_STRATEGY_DEADLINE = dt.date(2024, 1, 31)
#: "Due soon" window for the calendar.
DUE_SOON_DAYS = 30


class Status:
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"


STATUS_LABELS = {
    Status.DONE: "Done",
    Status.OVERDUE: "Overdue",
    Status.DUE_SOON: "Due soon",
    Status.UPCOMING: "Upcoming",
}
STATUS_TAGS = {
    Status.DONE: "govuk-tag--green",
    Status.OVERDUE: "govuk-tag--red",
    Status.DUE_SOON: "govuk-tag--yellow",
    Status.UPCOMING: "govuk-tag--grey",
}


def requirement_status(due_date: dt.date, completed_on: dt.date | None, today: dt.date) -> str:
    """Done once completed (even late); else overdue after the due date, due soon within 30 days."""
    if completed_on is not None:
        return Status.DONE
    if due_date < today:
        return Status.OVERDUE
    if (due_date - today).days <= DUE_SOON_DAYS:
        return Status.DUE_SOON
    return Status.UPCOMING


@dataclass(frozen=True)
class Milestone:
    kind: str
    title: str
    due_date: dt.date


def standard_milestones(first_year: int, last_year: int) -> list[Milestone]:
    """The Duty's recurring milestones for strategy years ``first_year``..``last_year``.

    The first year carries the needs assessment, strategy publication and Home Office submission
    due 31 January 2024 (or 31 January of ``first_year + 1`` for later starters); each later year an
    annual review of the strategy (and refreshed needs assessment) due 31 January.
    """
    milestones: list[Milestone] = []
    first_due = max(FIRST_STRATEGY_DEADLINE, dt.date(first_year + 1, 1, 31))
    milestones.append(Milestone("needs_assessment", "Strategic needs assessment", first_due))
    milestones.append(Milestone("strategy_publication", "Strategy published", first_due))
    milestones.append(
        Milestone("home_office_submission", "Strategy submitted to the Home Office", first_due)
    )
    for year in range(first_due.year + 1, last_year + 2):
        milestones.append(
            Milestone(
                "annual_review", f"Annual review of the strategy {year}", dt.date(year, 1, 31)
            )
        )
    return milestones


def review_dates(start: dt.date, end: dt.date, months: int) -> list[dt.date]:
    """Agreement review dates every ``months`` months after ``start``, up to ``end``."""
    dates = []
    step = 1
    while True:
        total = start.month - 1 + months * step
        year, month = start.year + total // 12, total % 12 + 1
        day = min(start.day, _days_in_month(year, month))
        when = dt.date(year, month, day)
        if when > end:
            return dates
        dates.append(when)
        step += 1


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
