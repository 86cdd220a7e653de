"""Delivery-plan progress at a quarter: status carried forward, overdue at the quarter end."""

from __future__ import annotations

import datetime as dt

from svduty.web.boardreport.progress import (
    ActionFacts,
    Update,
    judged_on,
    overdue_at,
    progress,
    status_at,
)
from svduty.web.common.periods import FinancialQuarter as Q
from svduty.web.strategy.status import LAPSED_GREEN


def _action(ref, updates=(), start=dt.date(2024, 4, 1), due=dt.date(2026, 3, 31), done=None):
    return ActionFacts(ref, f"Action {ref}", start, due, done, tuple(updates))


Q_GREEN_WITH_REASON = Update(Q(2024, 2), "green", "Extension agreed by the board.")


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


def test_a_green_given_before_the_due_date_lapses_once_the_action_is_overdue():
    """1.10: Green in Q1, due 31 August, no Q2 update: it shows as a lapsed Green in Q2.
    1.9: Green in Q2 with a reason: it stays Green. Days overdue count to 30 September."""
    due = dt.date(2024, 8, 31)
    actions = [
        _action("1.9", [(Q(2024, 1), "green"), Q_GREEN_WITH_REASON], due=due),
        _action("1.10", [(Q(2024, 1), "green")], due=due),
    ]
    result = progress(actions, Q(2024, 2))
    assert dict(result.counts) == {"green": 1, LAPSED_GREEN: 1}
    assert dict(result.previous_counts) == {"green": 2}
    overdue = [(a.reference, a.days_overdue, a.status, a.green_reason) for a in result.overdue]
    assert overdue == [
        ("1.9", 30, "green", "Extension agreed by the board."),
        ("1.10", 30, LAPSED_GREEN, ""),
    ]
    [move] = result.movements
    assert (move.reference, move.before, move.after) == ("1.10", "green", LAPSED_GREEN)
    assert move.direction == "past its due date with no reason for Green"
    again = progress(
        [_action("1.10", [(Q(2024, 1), "green"), (Q(2024, 3), "amber")], due=due)], Q(2024, 3)
    )
    assert again.movements[0].direction == "rated again after its due date"


def test_a_running_quarter_is_judged_on_today():
    period = Q(2024, 2)
    today = dt.date(2024, 8, 15)
    assert judged_on(period, today) == today and judged_on(period) == dt.date(2024, 9, 30)
    assert not overdue_at(dt.date(2024, 8, 31), None, period, today)
    assert overdue_at(dt.date(2024, 8, 31), None, period)
    actions = [
        _action("1", due=dt.date(2024, 8, 31)),  # not yet due on 15 August
        _action("2", due=dt.date(2024, 8, 1)),  # 14 days overdue on 15 August
        _action("3", start=dt.date(2024, 9, 1)),  # starts after today: not yet counted
    ]
    result = progress(actions, period, today)
    assert result.judged_on == today and result.total == 2
    assert [(a.reference, a.days_overdue) for a in result.overdue] == [("2", 14)]


def test_under_way_leaves_out_what_is_complete():
    actions = [
        _action("1", [(Q(2024, 1), "amber")]),
        _action("2", [(Q(2024, 2), "complete")], done=dt.date(2024, 9, 1)),
        _action("3", [(Q(2024, 2), "complete")]),  # rated Complete, no date recorded
        _action("4", [(Q(2024, 1), "green")], done=dt.date(2024, 8, 1)),  # date, not yet rated
        _action("5", [(Q(2024, 1), "green")], done=dt.date(2024, 12, 1)),  # done after Q2
    ]
    result = progress(actions, Q(2024, 2))
    assert (result.total, result.complete, result.under_way) == (5, 3, 2)
