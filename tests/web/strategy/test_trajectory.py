"""The measures' trajectory (straight line, one step a quarter) and RAG rule, on plain values."""

from __future__ import annotations

import datetime as dt

import pytest

from svduty.web.common.periods import FinancialQuarter as Q
from svduty.web.strategy.trajectory import (
    HIGHER,
    LOWER,
    Plan,
    Status,
    assess,
    quarters_between,
    rag,
)

#: Baseline 100 in 2024/25 Q1, target 80 in 2025/26 Q1: four quarters, 5 a quarter; tolerance 2.
FALLING = Plan(Q(2024, 1), 100.0, Q(2025, 1), 80.0, LOWER)
#: Baseline 40 in 2024/25 Q1, target 60 in 2025/26 Q1: 5 more a quarter; tolerance 2.
RISING = Plan(Q(2024, 1), 40.0, Q(2025, 1), 60.0, HIGHER)
LATER = dt.date(2026, 1, 1)


def test_quarters_between_counts_across_financial_years():
    assert quarters_between(Q(2024, 3), Q(2025, 2)) == 3
    assert quarters_between(Q(2024, 1), Q(2024, 1)) == 0
    assert quarters_between(Q(2025, 1), Q(2024, 4)) == -1


def test_trajectory_is_a_straight_line_from_baseline_to_target_then_holds():
    assert FALLING.expected(Q(2023, 4)) is None
    assert FALLING.expected(Q(2024, 1)) == 100
    assert FALLING.expected(Q(2024, 2)) == 95
    assert FALLING.expected(Q(2024, 4)) == 85
    assert FALLING.expected(Q(2025, 1)) == 80
    assert FALLING.expected(Q(2026, 3)) == 80
    assert RISING.expected(Q(2024, 3)) == 50
    uneven = Plan(Q(2024, 1), 10.0, Q(2024, 4), 0.0, LOWER)
    assert uneven.expected(Q(2024, 2)) == pytest.approx(10 - 10 / 3)


def test_tolerance_is_a_share_of_the_gap_or_of_the_baseline_when_holding_the_line():
    assert FALLING.tolerance == pytest.approx(2.0)
    assert Plan(Q(2024, 1), 100.0, Q(2025, 1), 80.0, LOWER, tolerance_pct=25).tolerance == 5
    assert Plan(Q(2024, 1), 30.0, Q(2025, 1), 30.0, LOWER).tolerance == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (90.0, Status.GREEN),  # on the trajectory: 2024/25 Q3 expects 90
        (85.0, Status.GREEN),
        (91.0, Status.AMBER),
        (92.0, Status.AMBER),  # exactly the tolerance worse: still Amber
        (92.01, Status.RED),
        (120.0, Status.RED),
    ],
)
def test_lower_is_better(value, status):
    result = assess(FALLING, {Q(2024, 3): value}, LATER)
    assert result.status is status
    assert result.period == Q(2024, 3)
    assert result.expected == 90
    assert result.shortfall == pytest.approx(value - 90)


@pytest.mark.parametrize(
    ("value", "status"),
    [(50.0, Status.GREEN), (55.0, Status.GREEN), (48.0, Status.AMBER), (47.9, Status.RED)],
)
def test_higher_is_better(value, status):
    assert assess(RISING, {Q(2024, 3): value}, LATER).status is status


def test_the_latest_figure_is_judged_and_a_later_quarter_can_be_excluded():
    values = {Q(2024, 2): 120.0, Q(2024, 3): 89.0, Q(2024, 4): None}
    latest = assess(FALLING, values, LATER)
    assert (latest.period, latest.actual, latest.status) == (Q(2024, 3), 89.0, Status.GREEN)
    earlier = assess(FALLING, values, LATER, up_to=Q(2024, 2))
    assert (earlier.period, earlier.expected, earlier.status) == (Q(2024, 2), 95, Status.RED)


def test_no_figure_after_the_baseline_is_not_yet_due_then_no_data():
    only_baseline = {Q(2024, 1): 100.0}
    # 2024/25 Q2 (July to September) is the first quarter a figure is due for.
    assert assess(FALLING, only_baseline, dt.date(2024, 9, 30)).status is Status.NOT_YET_DUE
    assert assess(FALLING, only_baseline, dt.date(2024, 10, 1)).status is Status.NO_DATA
    assert assess(FALLING, {Q(2024, 2): float("nan")}, LATER).status is Status.NO_DATA
    assert assess(FALLING, {}, LATER).actual is None


def test_rag_allows_float_rounding_at_the_edges():
    assert rag(0.1 + 0.2 - 0.3, 0.0) is Status.GREEN
    assert rag(2.0000000000001, 2.0) is Status.AMBER


def test_a_plan_refuses_a_target_before_its_baseline_or_an_unknown_direction():
    with pytest.raises(ValueError, match="after the baseline"):
        Plan(Q(2024, 2), 1.0, Q(2024, 2), 0.0)
    with pytest.raises(ValueError, match="direction"):
        Plan(Q(2024, 1), 1.0, Q(2024, 2), 0.0, "sideways")
    assert Status.NOT_YET_DUE.label == "Not yet due"
    assert Status.AMBER.tag == "govuk-tag--orange"
