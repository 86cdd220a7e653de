"""Bidding rounds: weighted scores, independent scoring, moderation and award within budget."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from svduty.web.funding import services
from svduty.web.funding.models import CostType, Outcome, RoundStatus
from tests.web import factories as f
from tests.web.funding.factories import (
    ApplicationFactory,
    BiddingRoundFactory,
    CriterionFactory,
    GrantAllocationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bid():
    bidding_round = BiddingRoundFactory()
    evidence = CriterionFactory(
        bidding_round=bidding_round, name="Evidence", weight=30, max_score=5
    )
    reach = CriterionFactory(bidding_round=bidding_round, name="Reach", weight=70, max_score=10)
    application = ApplicationFactory(bidding_round=bidding_round)
    return application, evidence, reach


def test_weighted_score_is_the_weighted_share_of_the_highest_scores(bid):
    application, evidence, reach = bid
    evaluator = f.member(application.partnership, "board_member")
    card = services.submit_scorecard(application, evaluator, {evidence.pk: 4, reach.pk: 5})
    # (30 × 4/5 + 70 × 5/10) / 100 = 0.59
    assert services.weighted_score(card) == Decimal("59.0")


def test_mean_and_moderated_scores(bid):
    application, evidence, reach = bid
    first = f.member(application.partnership, "board_member")
    second = f.member(application.partnership, "coordinator")
    services.submit_scorecard(application, first, {evidence.pk: 5, reach.pk: 10})  # 100.0
    services.submit_scorecard(application, second, {evidence.pk: 0, reach.pk: 3})  # 21.0
    assert services.mean_score(application) == Decimal("60.5")
    application.moderated_score = Decimal("55.0")
    assert services.final_score(application) == Decimal("55.0")


def test_an_evaluator_scores_once_and_within_the_range(bid):
    application, evidence, reach = bid
    evaluator = f.member(application.partnership, "board_member")
    with pytest.raises(ValidationError, match="highest score for Evidence is 5"):
        services.submit_scorecard(application, evaluator, {evidence.pk: 6, reach.pk: 1})
    assert not application.scorecards.exists()
    services.submit_scorecard(application, evaluator, {evidence.pk: 1, reach.pk: 1})
    with pytest.raises(ValidationError, match="already scored"):
        services.submit_scorecard(application, evaluator, {evidence.pk: 1, reach.pk: 1})


def test_others_scores_are_hidden_until_one_scores(bid):
    application, evidence, reach = bid
    first = f.member(application.partnership, "board_member")
    second = f.member(application.partnership, "board_member")
    coordinator = f.member(application.partnership, "coordinator")
    services.submit_scorecard(application, first, {evidence.pk: 5, reach.pk: 10})

    assert services.visible_scorecards(application, second) == []
    assert services.visible_scorecards(application, coordinator) == []
    assert len(services.visible_scorecards(application, first)) == 1

    services.submit_scorecard(application, second, {evidence.pk: 1, reach.pk: 1})
    assert len(services.visible_scorecards(application, second)) == 2

    application.bidding_round.status = RoundStatus.MODERATION
    application.bidding_round.save()
    assert len(services.visible_scorecards(application, coordinator)) == 2


def test_application_page_hides_scores_before_ones_own(client, bid):
    application, evidence, reach = bid
    first = f.member(application.partnership, "board_member")
    second = f.member(application.partnership, "board_member")
    services.submit_scorecard(application, first, {evidence.pk: 5, reach.pk: 10}, "Strong bid")
    url = reverse(
        "funding:application_detail",
        kwargs={"partnership": application.partnership.slug, "pk": application.pk},
    )
    client.force_login(second)
    page = client.get(url).content.decode()
    assert "Strong bid" not in page and "100.0%" not in page
    assert "1 scorecard hidden" in page

    score_url = reverse(
        "funding:scorecard_add",
        kwargs={"partnership": application.partnership.slug, "application": application.pk},
    )
    response = client.post(
        score_url, {f"criterion_{evidence.pk}": "0", f"criterion_{reach.pk}": "0", "comment": ""}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Strong bid" in page and "Mean weighted score of 2 evaluators: <strong>50.0%" in page


def test_award_creates_a_project_allocation_and_respects_the_budget(bid):
    application, _, _ = bid
    bidding_round = application.bidding_round
    allocation = GrantAllocationFactory(stream=bidding_round.stream, financial_year=2023)
    services.decide(application, Outcome.AWARDED, Decimal("40000.00"))
    application.refresh_from_db()
    assert application.outcome == Outcome.AWARDED
    assert application.project.allocation == allocation
    assert application.project.cost_type == CostType.NON_LABOUR
    assert application.project.amount == Decimal("40000.00")

    second = ApplicationFactory(bidding_round=bidding_round)
    with pytest.raises(ValidationError) as caught:
        services.decide(second, Outcome.AWARDED, Decimal("10000.01"))
    assert caught.value.message_dict["amount_awarded"] == [
        "Awarding £10,000.01 would exceed the round's budget of £50,000.00: "
        "£40,000.00 already awarded, £10,000.00 left."
    ]
    services.decide(second, Outcome.AWARDED, Decimal("10000.00"))
    assert bidding_round.awarded_total() == Decimal("50000.00")


def test_decision_page_shows_the_budget_refusal(client, bid):
    application, _, _ = bid
    coordinator = f.member(application.partnership, "coordinator")
    client.force_login(coordinator)
    url = reverse(
        "funding:decide",
        kwargs={"partnership": application.partnership.slug, "application": application.pk},
    )
    response = client.post(url, {"outcome": "awarded", "amount_awarded": "60000.00"})
    assert response.status_code == 200
    assert "would exceed the round&#x27;s budget of £50,000.00" in response.content.decode()
    response = client.post(url, {"outcome": "declined"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.outcome == Outcome.DECLINED


def test_withdrawing_an_award_removes_its_unspent_project_only(bid):
    application, _, _ = bid
    GrantAllocationFactory(stream=application.bidding_round.stream, financial_year=2023)
    services.decide(application, Outcome.AWARDED, Decimal("5000.00"))
    project = application.project
    services.decide(application, Outcome.DECLINED)
    application.refresh_from_db()
    assert application.project is None and application.amount_awarded is None
    assert not type(project).objects.filter(pk=project.pk).exists()

    services.decide(application, Outcome.AWARDED, Decimal("5000.00"))
    services.record_spend(
        application.project.allocation,
        project=application.project,
        cost_type=CostType.NON_LABOUR,
        amount=Decimal("0.01"),
        spent_on=application.project.allocation.ends_on,
        description="First invoice",
    )
    with pytest.raises(ValidationError) as caught:
        services.decide(application, Outcome.DECLINED)
    assert caught.value.message_dict["outcome"] == [
        f"£0.01 is already spent on {application.project_title}: the award cannot be withdrawn."
    ]
