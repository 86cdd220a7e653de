"""Every model of funding, interventions, training and consultation keeps history, belongs to a
partnership and is in the admin; history and admin respect the same rules as the pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from svduty.web.common.views import history_url
from svduty.web.funding import services
from tests.web import factories as f
from tests.web.funding.factories import (
    ApplicationFactory,
    CriterionFactory,
    GrantAllocationFactory,
    SpendLineFactory,
)

pytestmark = pytest.mark.django_db
APPS = ("funding", "interventions", "training", "consultation")


def _models():
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


@pytest.mark.parametrize("model", list(_models()), ids=lambda m: m._meta.label)
def test_model_has_history_partnership_rules_and_admin(model):
    assert hasattr(model, "history"), model
    assert model._meta.get_field("partnership").related_model._meta.label == (
        "partnership.Partnership"
    )
    assert set(model._meta.rules_permissions) == {"view", "add", "change", "delete"}
    assert admin.site.is_registered(model)


def test_spend_history_shows_the_amount_before_and_after(client):
    line = SpendLineFactory(amount=Decimal("100.00"), description="Venue hire")
    coordinator = f.member(line.partnership, "coordinator")
    client.force_login(coordinator)
    url = reverse(
        "funding:spend_change", kwargs={"partnership": line.partnership.slug, "pk": line.pk}
    )
    data = {
        "allocation": line.allocation.pk,
        "cost_type": "labour",
        "amount": "99.99",
        "spent_on": "2023-06-30",
        "description": "Venue hire",
    }
    assert client.post(url, data).status_code == 302
    html = client.get(history_url(line)).content.decode()
    assert f"by {coordinator.username}" in html
    assert '<td class="govuk-table__cell">100.00</td>' in html
    assert '<td class="govuk-table__cell">99.99</td>' in html


def test_history_does_not_leak_another_evaluators_scorecard(client):
    application = ApplicationFactory()
    criterion = CriterionFactory(bidding_round=application.bidding_round)
    first = f.member(application.partnership, "board_member")
    card = services.submit_scorecard(application, first, {criterion.pk: 3})
    client.force_login(f.member(application.partnership, "board_member"))
    assert client.get(history_url(card)).status_code == 403
    client.force_login(first)
    assert client.get(history_url(card)).status_code == 200


def test_admin_shows_only_the_administered_partnerships_spend(client):
    mine = SpendLineFactory(description="Mine")
    SpendLineFactory(description="Theirs", allocation=GrantAllocationFactory())
    client.force_login(f.member(mine.partnership, "administrator"))
    html = client.get("/admin/funding/spendline/").content.decode()
    assert "Mine" in html and "Theirs" not in html
