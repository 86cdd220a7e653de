"""Every change is kept: who, when, before and after, shown to those who may see the record."""

import pytest
from django.urls import reverse

from svduty.web.common.views import history_url
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_what(client):
    action = f.ActionFactory(title="Knife education", lead="Jo Lead")
    p = action.partnership
    coordinator = f.member(p, "coordinator")
    client.force_login(coordinator)
    data = {
        "strategy": action.strategy.pk,
        "reference": action.reference,
        "title": "Knife education in schools",
        "pillar": action.pillar,
        "owner_organisation": action.owner_organisation.pk,
        "lead": "Sam Lead",
        "start_date": "2024-04-01",
        "due_date": "2030-03-31",
        "measures": action.measures,
    }
    url = reverse("strategy:action_change", kwargs={"partnership": p.slug, "pk": action.pk})
    assert client.post(url, data).status_code == 302

    record = action.history.first()
    assert record.history_user == coordinator and record.title == "Knife education in schools"
    html = client.get(history_url(action)).content.decode()
    assert "Changed on" in html and f"by {coordinator.username}" in html
    for text in ("Knife education", "Knife education in schools", "Jo Lead", "Sam Lead"):
        assert f'<td class="govuk-table__cell">{text}</td>' in html
    assert "First recorded version" in html


def test_history_of_a_record_in_another_partnership_is_not_found(client):
    action = f.ActionFactory()
    mine = f.PartnershipFactory()
    client.force_login(f.member(mine, "administrator"))
    url = reverse(
        "history",
        kwargs={
            "partnership": mine.slug,
            "app_label": "strategy",
            "model_name": "action",
            "pk": action.pk,
        },
    )
    assert client.get(url).status_code == 404


def test_history_of_memberships_needs_the_administrator_role(client):
    membership = f.MembershipFactory(role="viewer")
    p = membership.partnership
    client.force_login(membership.user)
    assert client.get(history_url(membership)).status_code == 403
    client.force_login(f.member(p, "administrator"))
    assert client.get(history_url(membership)).status_code == 200


def test_unknown_kinds_of_record_are_not_found(client):
    p = f.PartnershipFactory()
    client.force_login(f.member(p, "administrator"))
    for app_label, model_name in (("strategy", "nothing"), ("sessions", "session")):
        url = reverse(
            "history",
            kwargs={
                "partnership": p.slug,
                "app_label": app_label,
                "model_name": model_name,
                "pk": 1,
            },
        )
        assert client.get(url).status_code == 404


def test_history_names_linked_priorities(client):
    action = f.ActionFactory()
    first = f.PriorityFactory(strategy=action.strategy, number=1, title="Knife crime")
    second = f.PriorityFactory(strategy=action.strategy, number=2, title="Night-time economy")
    action.priorities.set([first])
    action.priorities.set([first, second])
    client.force_login(f.member(action.partnership, "viewer"))
    html = client.get(history_url(action)).content.decode()
    assert '<td class="govuk-table__cell">1. Knife crime</td>' in html
    assert '<td class="govuk-table__cell">1. Knife crime; 2. Night-time economy</td>' in html
