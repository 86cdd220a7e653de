"""Delivery-plan progress at a quarter: status carried forward, overdue at the quarter end."""

from __future__ import annotations

import datetime as dt

from svduty.web.boardreport.progress import ActionFacts, overdue_at, progress, status_at
from svduty.web.common.periods import FinancialQuarter as Q


def _action(ref, updates=(), start=dt.date(2024, 4, 1), due=dt.date(2026, 3, 31), done=None):
    return ActionFacts(ref, f"Action {ref}", start, due, done, tuple(updates))


def test_status_is_the_latest_update_in_or_before_the_quarter():
    updates = [(Q(2024, 1), "red"), (Q(2024, 3), "green")]
    assert status_at(updates, Q(2023, 4)) == "none"
    assert status_at(updates, Q(2024, 2)) == "red"
    assert status_at(updates, Q(2024, 3)) == "green"
    assert status_at(updates, Q(2025, 1)) == "green"


def test_overdue_is_judged_at_the_quarter_end():
    period = Q(2024, 2)  # July–September 2024
    assert overdue_at(dt.date(2024, 9, 29), None, period)
    assert not overdue_at(dt.date(2024, 9, 30), None, period)
    assert not overdue_at(dt.date(2024, 8, 1), dt.date(2024, 9, 1), period)
    assert overdue_at(dt.date(2024, 8, 1), dt.date(2024, 10, 2), period)


def test_counts_changes_and_movements():
    actions = [
        _action("1", [(Q(2024, 1), "red"), (Q(2024, 2), "amber")]),
        _action("2", [(Q(2024, 1), "green")]),
        _action("3", [(Q(2024, 1), "green"), (Q(2024, 2), "red")], due=dt.date(2024, 8, 31)),
        _action("4", [(Q(2024, 2), "amber")]),
        _action("5", start=dt.date(2024, 7, 1)),  # starts this quarter, no update yet
        _action("6", start=dt.date(2025, 1, 1)),  # not started: left out
    ]
    result = progress(actions, Q(2024, 2))
    assert dict(result.counts) == {"amber": 2, "green": 1, "red": 1, "none": 1}
    assert dict(result.previous_counts) == {"red": 1, "green": 2, "none": 1}
    assert (
        result.change("amber") == 2 and result.change("green") == -1 and result.change("red") == 0
    )
    assert [a.reference for a in result.overdue] == ["3"]
    assert result.previous_overdue == 0
    moves = {m.reference: (m.before, m.after, m.direction) for m in result.movements}
    assert moves == {
        "1": ("red", "amber", "improved"),
        "3": ("green", "red", "worsened"),
        "4": ("none", "amber", "first update"),
    }
