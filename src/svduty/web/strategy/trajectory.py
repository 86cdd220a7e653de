"""A measure's trajectory and its RAG: how far the latest figure is from where the plan says it
should be by now.

A measure has a baseline (a financial-year quarter and its value) and a target (a value to reach
by the quarter holding the target date). Its **trajectory** is the straight line between them,
one step per quarter: after ``n`` of ``N`` quarters the expected value is
``baseline + (target - baseline) × n / N``; after the target quarter it stays at the target.

The **RAG** compares the latest actual figure after the baseline (up to the quarter judged) with
the trajectory for that same quarter:

- **Green**: on the trajectory or better (lower for a lower-is-better measure, higher otherwise);
- **Amber**: worse, but by no more than the tolerance;
- **Red**: worse by more than the tolerance;
- **Not yet due**: no figure after the baseline, and the first quarter after it has not ended;
- **No data**: no figure after the baseline although one is due.

The tolerance is a share (default 10%) of the distance between baseline and target, so it
scales with the ambition of the target and not with the size of the count; when the target is
the baseline itself (hold the line), it is that share of the baseline.

Plain values only (no Django, no warehouse), so the rule is tested on its own.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from svduty.web.common.periods import FinancialQuarter

LOWER = "lower"
HIGHER = "higher"
#: The tolerance, in per cent of the baseline-to-target gap, unless a measure sets its own.
DEFAULT_TOLERANCE_PCT = 10
#: Figures and trajectory values within this of each other count as equal (float rounding).
_EPSILON = 1e-9


class Status(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_YET_DUE = "not_yet_due"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def tag(self) -> str:
        """The GOV.UK tag class the status shows with."""
        return STATUS_TAGS[self]


STATUS_LABELS = {
    Status.GREEN: "Green",
    Status.AMBER: "Amber",
    Status.RED: "Red",
    Status.NOT_YET_DUE: "Not yet due",
    Status.NO_DATA: "No data",
}
STATUS_TAGS = {
    Status.GREEN: "govuk-tag--green",
    Status.AMBER: "govuk-tag--orange",
    Status.RED: "govuk-tag--red",
    Status.NOT_YET_DUE: "govuk-tag--grey",
    Status.NO_DATA: "govuk-tag--grey",
}


def quarters_between(start: FinancialQuarter, end: FinancialQuarter) -> int:
    """How many quarters ``end`` is after ``start`` (negative when before)."""
    return (end.year - start.year) * 4 + end.quarter - start.quarter


@dataclass(frozen=True)
class Plan:
    """A measure's baseline, target, direction and tolerance."""

    baseline_period: FinancialQuarter
    baseline_value: float
    target_period: FinancialQuarter
    target_value: float
    direction: str = LOWER
    tolerance_pct: float = DEFAULT_TOLERANCE_PCT

    def __post_init__(self) -> None:
        if self.direction not in (LOWER, HIGHER):
            raise ValueError(f"direction must be {LOWER!r} or {HIGHER!r}, not {self.direction!r}")
        if quarters_between(self.baseline_period, self.target_period) < 1:
            raise ValueError("the target quarter must come after the baseline quarter")
        if self.tolerance_pct < 0:
            raise ValueError("the tolerance cannot be negative")

    def expected(self, period: FinancialQuarter) -> float | None:
        """The trajectory's value for ``period``; ``None`` before the baseline."""
        done = quarters_between(self.baseline_period, period)
        if done < 0:
            return None
        steps = quarters_between(self.baseline_period, self.target_period)
        if done >= steps:
            return float(self.target_value)
        return self.baseline_value + (self.target_value - self.baseline_value) * done / steps

    @property
    def tolerance(self) -> float:
        """How much worse than the trajectory a figure may be and still be Amber."""
        gap = abs(self.target_value - self.baseline_value) or abs(self.baseline_value)
        return self.tolerance_pct / 100 * gap

    def shortfall(self, actual: float, expected: float) -> float:
        """How much worse than ``expected`` the ``actual`` figure is (negative: better)."""
        return actual - expected if self.direction == LOWER else expected - actual


@dataclass(frozen=True)
class Assessment:
    """The RAG of a measure, and the figures it rests on (``None`` without a figure)."""

    status: Status
    period: FinancialQuarter | None = None
    actual: float | None = None
    expected: float | None = None
    shortfall: float | None = None


def rag(shortfall: float, tolerance: float) -> Status:
    """Green on or better than the trajectory, Amber up to ``tolerance`` worse, Red beyond."""
    slack = _EPSILON * max(1.0, abs(tolerance))
    if shortfall <= slack:
        return Status.GREEN
    if shortfall <= tolerance + slack:
        return Status.AMBER
    return Status.RED


def assess(
    plan: Plan,
    values: Mapping[FinancialQuarter, float | None],
    on: dt.date,
    up_to: FinancialQuarter | None = None,
) -> Assessment:
    """The RAG of the latest figure after the baseline (and no later than ``up_to``) against the
    trajectory for its quarter, judged on the day ``on`` (for "Not yet due")."""
    after = {
        period: float(value)
        for period, value in values.items()
        if value is not None
        and not math.isnan(float(value))
        and period > plan.baseline_period
        and (up_to is None or period <= up_to)
    }
    if not after:
        first_due = plan.baseline_period.next()
        return Assessment(Status.NOT_YET_DUE if on <= first_due.end else Status.NO_DATA)
    period = max(after)
    actual = after[period]
    expected = plan.expected(period)
    assert expected is not None  # the period is after the baseline
    shortfall = plan.shortfall(actual, expected)
    return Assessment(rag(shortfall, plan.tolerance), period, actual, expected, shortfall)
