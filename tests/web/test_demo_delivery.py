"""The demo's funding, bidding, interventions, training and consultation obey the app's rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from svduty.web.common.periods import financial_year_bounds
from svduty.web.consultation.models import ConsultationResponse
from svduty.web.demo import seed_demo
from svduty.web.funding.models import (
    Application,
    BiddingRound,
    CostType,
    GrantAllocation,
    Scorecard,
    SpendLine,
)
from svduty.web.funding.services import spend_against_allocation
from svduty.web.interventions.models import Evaluation, Intervention
from svduty.web.organisations.models import User
from svduty.web.partnership.models import Board
from svduty.web.training.models import Attendance, TrainingSession

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 11, 1)


def test_demo_funding_obeys_the_rules():
    """One seeding (it takes seconds) checked for figures, spend rules and the bidding round."""
    seed_demo(TODAY)
    _home_office_grant_uses_warwickshire_figures()
    _demo_spend_obeys_every_funding_rule()
    _bidding_round_is_scored_moderated_and_awarded_within_budget()


def test_demo_delivery_records_and_pages(client):
    seed_demo(TODAY)
    _interventions_training_and_consultation()
    _demo_pages_render(client)


def _home_office_grant_uses_warwickshire_figures():
    figures = {
        a.financial_year: (a.labour_amount, a.non_labour_amount)
        for a in GrantAllocation.objects.filter(stream__kind="home_office_svd")
    }
    assert figures == {
        2022: (Decimal("30000.00"), Decimal("0.00")),
        2023: (Decimal("180000.00"), Decimal("83506.30")),
        2024: (Decimal("77041.71"), Decimal("234637.86")),
    }
    assert GrantAllocation.objects.filter(stream__kind="pcc_community_safety").count() == 3


def _demo_spend_obeys_every_funding_rule():
    rows = spend_against_allocation(GrantAllocation.objects.first().partnership)
    assert rows and all(Decimal("0") <= row.spent <= row.allocated for row in rows)
    assert all(row.committed <= row.allocated for row in rows)
    for line in SpendLine.objects.select_related("allocation", "project"):
        start, end = financial_year_bounds(line.allocation.financial_year)
        assert start <= line.spent_on <= min(end, TODAY)
        assert line.allocation.amount_for(line.cost_type) > 0
        assert line.project is None or line.project.cost_type == line.cost_type
    assert not SpendLine.objects.filter(
        allocation__financial_year=2022, cost_type=CostType.NON_LABOUR
    ).exists()


def _bidding_round_is_scored_moderated_and_awarded_within_budget():
    bidding_round = BiddingRound.objects.get()
    assert bidding_round.criteria.count() == 4
    assert sum(c.weight for c in bidding_round.criteria.all()) == 100
    assert Application.objects.count() == 5 and Scorecard.objects.count() == 15
    awarded = Application.objects.filter(outcome="awarded")
    assert awarded.count() == 4
    assert bidding_round.awarded_total() <= bidding_round.budget
    assert all(a.project and a.project.amount == a.amount_awarded for a in awarded)


def _interventions_training_and_consultation():
    assert Intervention.objects.count() == 12
    assert all(i.outputs.exists() for i in Intervention.objects.all())
    assert Evaluation.objects.count() == 6
    assert TrainingSession.objects.count() >= 8
    for session in TrainingSession.objects.all():
        assert 0 < session.attended() <= session.capacity
    assert Attendance.objects.values("organisation").distinct().count() >= 5
    kinds = set(ConsultationResponse.objects.values_list("consultee_kind", flat=True))
    assert {"relevant_authority", "young_people", "community"} <= kinds


def _demo_pages_render(client):
    client.force_login(User.objects.get(username="coordinator"))
    slug = {"partnership": "sample-county"}
    for name in (
        "funding:overview",
        "interventions:register",
        "training:overview",
        "consultation:list",
        "boardreport:report",
    ):
        assert client.get(reverse(name, kwargs=slug)).status_code == 200, name
    board = Board.objects.get(kind="strategic_board")
    page = client.get(
        reverse("boardreport:report", kwargs=slug), {"board": board.pk, "quarter": "2024-4"}
    ).content.decode()
    assert f"{board.name}, 2024/25 Q4" in page
    # 2024/25: Home Office £311,679.57 plus the PCC grant £486,000.00.
    assert "£797,679.57" in page
    assert "Home Office Serious Violence Duty grant" in page
