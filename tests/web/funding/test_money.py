"""The pure money rules: exact pence, and the wording of each refusal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from svduty.web.funding import money


def test_pounds_formats_exact_pence():
    assert money.pounds(Decimal("83506.3")) == "£83,506.30"
    assert money.pounds(Decimal("311679.57")) == "£311,679.57"


def test_total_is_exact_where_float_is_not():
    # 0.1 + 0.2 != 0.3 in binary floating point; Decimal keeps pence exact.
    assert money.total([Decimal("83506.30"), Decimal("0.01"), Decimal("0.02")]) == Decimal(
        "83506.33"
    )
    assert money.total([Decimal("0.10")] * 3) == Decimal("0.30")
    assert money.total([]) == Decimal("0.00")


def test_overspend_refusal_at_the_penny():
    assert (
        money.overspend_refusal("x", Decimal("100.00"), Decimal("99.99"), Decimal("0.01")) is None
    )
    refusal = money.overspend_refusal("x", Decimal("100.00"), Decimal("99.99"), Decimal("0.02"))
    assert refusal == (
        "This spend of £0.02 would exceed x: £100.00 allocated, £99.99 already spent, £0.01 left."
    )


def test_date_refusal_uses_the_uk_financial_year():
    assert money.date_refusal(dt.date(2024, 3, 31), 2023) is None
    assert money.date_refusal(dt.date(2023, 4, 1), 2023) is None
    assert "does not carry over" in money.date_refusal(dt.date(2024, 4, 1), 2023)
    assert "earlier year" in money.date_refusal(dt.date(2023, 3, 31), 2023)


def test_cost_type_refusal():
    assert money.cost_type_refusal("Labour", "Labour", "p") is None
    assert money.cost_type_refusal("Labour", "Non-labour", "the project P") == (
        "Labour spend cannot be charged to the project P, which is non-labour money."
    )
