"""The money rules of a grant allocation, as pure functions over ``Decimal`` amounts.

Kept apart from the ORM so each rule is one small function with one reason to change; the models'
``clean()`` methods gather the figures and call these. Each returns ``None`` when the spend is
allowed and a one-line, user-facing reason when it is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from svduty.web.common.periods import financial_year_bounds, financial_year_label

PENNY = Decimal("0.01")


def pounds(amount: Decimal) -> str:
    """``Decimal("83506.3")`` → ``"£83,506.30"`` (exact, never through float)."""
    return f"£{amount.quantize(PENNY):,}"


def total(amounts: Iterable[Decimal | None]) -> Decimal:
    """Sum of amounts as an exact ``Decimal`` (``None`` counts as nothing)."""
    return sum((amount for amount in amounts if amount is not None), Decimal("0.00"))


def overspend_refusal(
    what: str,
    available: Decimal,
    already_used: Decimal,
    amount: Decimal,
    *,
    noun: str = "spend",
    used: str = "already spent",
) -> str | None:
    """Refuse spend (or a project allocation: ``noun``/``used``) beyond the money ``what`` holds."""
    remaining = available - already_used
    if amount > remaining:
        return (
            f"This {noun} of {pounds(amount)} would exceed {what}: {pounds(available)} allocated, "
            f"{pounds(already_used)} {used}, {pounds(remaining)} left."
        )
    return None


def cost_type_refusal(
    spend_type_label: str, allowed_type_label: str | None, what: str
) -> str | None:
    """Refuse spend of one cost type against money given for the other (or for none)."""
    if allowed_type_label is None:
        return f"{what} has no {spend_type_label.lower()} money: record this spend elsewhere."
    if spend_type_label != allowed_type_label:
        return (
            f"{spend_type_label} spend cannot be charged to {what}, "
            f"which is {allowed_type_label.lower()} money."
        )
    return None


def date_refusal(spent_on: dt.date, financial_year: int) -> str | None:
    """Refuse spend dated outside the allocation's year: no carry-over, no spending ahead."""
    start, end = financial_year_bounds(financial_year)
    label = financial_year_label(financial_year)
    if spent_on > end:
        return (
            f"The {label} allocation ended on {end:%-d %B %Y}: unspent money does not carry over, "
            f"so spend dated {spent_on:%-d %B %Y} cannot be charged to it."
        )
    if spent_on < start:
        return (
            f"The {label} allocation starts on {start:%-d %B %Y}: spend dated "
            f"{spent_on:%-d %B %Y} belongs to an earlier year."
        )
    return None
