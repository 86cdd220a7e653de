"""Each funding rule refuses with a clear message, on the model and through the service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from svduty.web.funding import services
from svduty.web.funding.models import CostType, SpendLine
from tests.web.funding.factories import (
    GrantAllocationFactory,
    ProjectAllocationFactory,
    SpendLineFactory,
)

pytestmark = pytest.mark.django_db


def _refusal(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def test_spend_up_to_the_penny_of_the_non_labour_allocation_is_allowed():
    allocation = GrantAllocationFactory()  # Warwickshire 2023/24: £180,000 / £83,506.30
    services.record_spend(
        allocation,
        cost_type=CostType.NON_LABOUR,
        amount=Decimal("83506.29"),
        spent_on=dt.date(2024, 3, 1),
        description="Mentoring contract",
    )
    services.record_spend(
        allocation,
        cost_type=CostType.NON_LABOUR,
        amount=Decimal("0.01"),
        spent_on=dt.date(2024, 3, 31),
        description="Last penny",
    )
    assert allocation.spent(CostType.NON_LABOUR) == Decimal("83506.30")


def test_spend_beyond_the_allocation_is_refused():
    allocation = GrantAllocationFactory()
    SpendLineFactory(
        allocation=allocation, cost_type=CostType.NON_LABOUR, amount=Decimal("83506.29")
    )
    with pytest.raises(ValidationError) as caught:
        services.record_spend(
            allocation,
            cost_type=CostType.NON_LABOUR,
            amount=Decimal("0.02"),
            spent_on=dt.date(2023, 9, 1),
            description="One penny too many",
        )
    assert _refusal(caught.value, "amount") == (
        f"This spend of £0.02 would exceed the non-labour allocation of {allocation}: "
        "£83,506.30 allocated, £83,506.29 already spent, £0.01 left."
    )
    assert SpendLine.objects.count() == 1


def test_labour_spend_against_a_non_labour_project_is_refused():
    allocation = GrantAllocationFactory()
    project = ProjectAllocationFactory(allocation=allocation, name="Knife-crime education")
    with pytest.raises(ValidationError) as caught:
        services.record_spend(
            allocation,
            project=project,
            cost_type=CostType.LABOUR,
            amount=Decimal("500.00"),
            spent_on=dt.date(2023, 10, 1),
            description="Coordinator time",
        )
    assert _refusal(caught.value, "cost_type") == (
        "Labour spend cannot be charged to the project Knife-crime education, "
        "which is non-labour money."
    )


def test_non_labour_spend_against_a_labour_only_year_is_refused():
    allocation = GrantAllocationFactory(
        financial_year=2022, labour_amount=Decimal("30000.00"), non_labour_amount=Decimal("0")
    )
    with pytest.raises(ValidationError) as caught:
        services.record_spend(
            allocation,
            cost_type=CostType.NON_LABOUR,
            amount=Decimal("100.00"),
            spent_on=dt.date(2022, 10, 1),
            description="Bleed kits",
        )
    assert _refusal(caught.value, "cost_type") == (
        f"The {allocation} allocation has no non-labour money: record this spend elsewhere."
    )


def test_spend_dated_after_the_financial_year_is_refused():
    allocation = GrantAllocationFactory()
    with pytest.raises(ValidationError) as caught:
        services.record_spend(
            allocation,
            cost_type=CostType.LABOUR,
            amount=Decimal("10.00"),
            spent_on=dt.date(2024, 4, 1),
            description="April invoice",
        )
    assert _refusal(caught.value, "spent_on") == (
        "The 2023/24 allocation ended on 31 March 2024: unspent money does not carry over, "
        "so spend dated 1 April 2024 cannot be charged to it."
    )


def test_the_rules_hold_even_when_clean_is_skipped():
    """``save()`` re-checks under a lock: no path writes a refused spend."""
    allocation = GrantAllocationFactory()
    line = SpendLine(
        allocation=allocation,
        cost_type=CostType.LABOUR,
        amount=Decimal("180000.01"),
        spent_on=dt.date(2023, 5, 1),
        description="Too much",
    )
    with pytest.raises(ValidationError):
        line.save()
    assert not SpendLine.objects.exists()


def test_spend_beyond_a_project_is_refused_within_the_allocation():
    allocation = GrantAllocationFactory()
    project = ProjectAllocationFactory(allocation=allocation, amount=Decimal("20000.00"))
    SpendLineFactory(
        allocation=allocation,
        project=project,
        cost_type=CostType.NON_LABOUR,
        amount=Decimal("19999.99"),
    )
    with pytest.raises(ValidationError) as caught:
        services.record_spend(
            allocation,
            project=project,
            cost_type=CostType.NON_LABOUR,
            amount=Decimal("0.02"),
            spent_on=dt.date(2023, 7, 1),
            description="Over the project",
        )
    assert f"would exceed the project {project.name}: £20,000.00 allocated" in _refusal(
        caught.value, "amount"
    )


def test_changing_a_spend_line_does_not_count_itself_twice():
    allocation = GrantAllocationFactory(labour_amount=Decimal("100.00"))
    line = SpendLineFactory(allocation=allocation, amount=Decimal("100.00"))
    line.description = "Corrected description"
    line.full_clean()
    line.save()
    assert allocation.spent(CostType.LABOUR) == Decimal("100.00")


def test_project_allocations_cannot_exceed_the_cost_type_money():
    allocation = GrantAllocationFactory()
    ProjectAllocationFactory(allocation=allocation, amount=Decimal("83506.30"))
    project = ProjectAllocationFactory.build(allocation=allocation, amount=Decimal("0.01"))
    with pytest.raises(ValidationError) as caught:
        project.full_clean()
    assert "£0.00 left" in _refusal(caught.value, "amount")


def test_an_allocation_cannot_shrink_below_its_spend():
    allocation = GrantAllocationFactory()
    SpendLineFactory(allocation=allocation, amount=Decimal("5000.00"))
    allocation.labour_amount = Decimal("4999.99")
    with pytest.raises(ValidationError) as caught:
        allocation.full_clean()
    assert _refusal(caught.value, "labour_amount") == (
        "Labour money cannot go below £5,000.00, which is already spent or given to projects."
    )


def test_spend_against_allocation_by_stream_and_cost_type_is_exact():
    allocation = GrantAllocationFactory()
    for amount in ("0.10", "0.20", "83000.00"):
        SpendLineFactory(
            allocation=allocation, cost_type=CostType.NON_LABOUR, amount=Decimal(amount)
        )
    SpendLineFactory(
        allocation=allocation, amount=Decimal("45000.00"), spent_on=dt.date(2023, 5, 1)
    )
    SpendLineFactory(allocation=allocation, amount=Decimal("1.00"), spent_on=dt.date(2024, 1, 15))
    rows = services.spend_against_allocation(allocation.partnership, 2023)
    by_type = {row.cost_type: row for row in rows}
    assert by_type[CostType.NON_LABOUR].spent == Decimal("83000.30")
    assert by_type[CostType.NON_LABOUR].remaining == Decimal("506.00")
    assert by_type[CostType.LABOUR].spent == Decimal("45001.00")
    assert by_type[CostType.LABOUR].percent_spent == Decimal("25.0")
    up_to_december = services.spend_against_allocation(
        allocation.partnership, 2023, up_to=dt.date(2023, 12, 31)
    )
    assert {r.cost_type: r.spent for r in up_to_december}[CostType.LABOUR] == Decimal("45000.00")
    assert services.totals(rows)["allocated"] == Decimal("263506.30")
