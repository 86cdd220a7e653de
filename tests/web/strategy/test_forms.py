"""Adding actions and quarterly updates through the views: scoping, validation, who submitted."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from svduty.web.common.periods import FinancialQuarter
from svduty.web.strategy.models import Action, QuarterlyUpdate
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def action_data(strategy, owner, **extra):
    data = {
        "strategy": strategy.pk,
        "reference": "3.1",
        "title": "Street marshals",
        "pillar": "prevent",
        "owner_organisation": owner.pk,
        "lead": "Jo Lead",
        "start_date": "2025-04-01",
        "due_date": "2026-03-31",
        "measures": "Incidents in the marshalled area.",
    }
    data.update(extra)
    return data


def test_coordinator_adds_an_action(client):
    strategy = f.StrategyFactory()
    p = strategy.partnership
    owner = f.OrganisationFactory(partnership=p)
    priority = f.PriorityFactory(strategy=strategy)
    client.force_login(f.member(p, "coordinator"))
    response = client.post(
        reverse("strategy:action_add", kwargs={"partnership": p.slug}),
        action_data(strategy, owner, priorities=[priority.pk]),
    )
    action = Action.objects.get(reference="3.1")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/strategy/actions/{action.pk}/")
    assert action.partnership == p
    assert list(action.priorities.all()) == [priority]
    assert action.due_date == dt.date(2026, 3, 31)


def test_an_owner_from_another_partnership_is_refused(client):
    strategy = f.StrategyFactory()
    p = strategy.partnership
    foreign = f.OrganisationFactory()
    client.force_login(f.member(p, "coordinator"))
    response = client.post(
        reverse("strategy:action_add", kwargs={"partnership": p.slug}),
        action_data(strategy, foreign),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Action.objects.exists()


def test_due_before_start_is_refused_with_error_summary(client):
    strategy = f.StrategyFactory()
    p = strategy.partnership
    owner = f.OrganisationFactory(partnership=p)
    client.force_login(f.member(p, "coordinator"))
    response = client.post(
        reverse("strategy:action_add", kwargs={"partnership": p.slug}),
        action_data(strategy, owner, due_date="2025-01-01"),
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_due_date">The due date must be on or after the start date.</a>' in html
    assert "<title>Error: " in html


def test_provider_posts_a_quarterly_update(client):
    action = f.ActionFactory()
    provider = f.member(action.partnership, "provider", organisation=action.owner_organisation)
    client.force_login(provider)
    quarter = FinancialQuarter.of(timezone.localdate())
    url = reverse(
        "strategy:update_add", kwargs={"partnership": action.partnership.slug, "action": action.pk}
    )
    response = client.post(
        url,
        {"period": f"{quarter.year}-{quarter.quarter}", "rag": "amber", "progress": "Recruiting."},
    )
    assert response.status_code == 302
    update = QuarterlyUpdate.objects.get()
    assert (update.financial_year, update.quarter, update.rag) == (
        quarter.year,
        quarter.quarter,
        "amber",
    )
    assert update.submitted_by == provider
    assert update.partnership == action.partnership

    again = client.post(
        url, {"period": f"{quarter.year}-{quarter.quarter}", "rag": "red", "progress": "Late."}
    )
    assert f"There is already an update for {quarter.label}" in again.content.decode()
    assert QuarterlyUpdate.objects.count() == 1


def test_strategy_definition_must_be_a_preset(client):
    p = f.PartnershipFactory()
    client.force_login(f.member(p, "coordinator"))
    url = reverse("strategy:strategy_add", kwargs={"partnership": p.slug})
    data = {
        "title": "Strategy",
        "period_start": "2024-01-31",
        "period_end": "2027-01-30",
        "definition_name": "made-up",
    }
    assert "Select a valid choice" in client.post(url, data).content.decode()
    data["definition_name"] = "northamptonshire"
    assert client.post(url, data).status_code == 302
    assert p.strategies.get().definition_name == "northamptonshire"


def test_fields_in_error_get_the_govuk_error_style(client):
    strategy = f.StrategyFactory()
    p = strategy.partnership
    client.force_login(f.member(p, "coordinator"))
    html = client.post(
        reverse("strategy:action_add", kwargs={"partnership": p.slug}), {"title": "Only a title"}
    ).content.decode()
    assert 'class="govuk-input govuk-input--error"' in html  # reference is required
    assert 'class="govuk-textarea govuk-textarea--error"' in html  # measures is required
    assert 'value="Only a title"' in html and 'id="id_title"' in html
    assert html.count("govuk-form-group--error") == 8


def test_error_messages_say_what_to_do(client):
    strategy = f.StrategyFactory()
    p = strategy.partnership
    client.force_login(f.member(p, "coordinator"))
    html = client.post(reverse("strategy:action_add", kwargs={"partnership": p.slug}), {}).content
    html = html.decode()
    for message in (
        "Enter the reference",
        "Enter the title",
        "Select the pillar",
        "Select the owner organisation",
        "Enter the due date",
    ):
        assert message in html, message
    assert "This field is required" not in html
