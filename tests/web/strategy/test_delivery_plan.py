"""The delivery plan: latest RAG per action, filters, overdue highlighting."""

import datetime as dt

import pytest
from django.urls import reverse

from svduty.web.strategy import services
from svduty.web.strategy.models import Pillar, Rag
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    strategy = f.StrategyFactory()
    p = strategy.partnership
    police = f.OrganisationFactory(partnership=p, name="Police")
    council = f.OrganisationFactory(partnership=p, name="Council")
    knife = f.PriorityFactory(strategy=strategy, number=1, title="Knife crime")
    nte = f.PriorityFactory(strategy=strategy, number=2, title="Night-time economy")
    a1 = f.ActionFactory(
        strategy=strategy,
        reference="1.1",
        owner_organisation=police,
        pillar=Pillar.PREVENT,
        due_date=dt.date(2020, 1, 1),
    )
    a2 = f.ActionFactory(
        strategy=strategy, reference="1.2", owner_organisation=council, pillar=Pillar.RESPOND
    )
    a3 = f.ActionFactory(
        strategy=strategy,
        reference="2.1",
        owner_organisation=council,
        pillar=Pillar.LONG_TERM_SUPPORT,
        due_date=dt.date(2020, 1, 1),
        completed_on=dt.date(2019, 12, 1),
    )
    a1.priorities.set([knife])
    a2.priorities.set([knife, nte])
    a3.priorities.set([nte])
    # a1: green in Q1 then red in Q2 (latest wins, whatever the insertion order).
    f.QuarterlyUpdateFactory(action=a1, financial_year=2024, quarter=2, rag=Rag.RED)
    f.QuarterlyUpdateFactory(action=a1, financial_year=2024, quarter=1, rag=Rag.GREEN)
    f.QuarterlyUpdateFactory(action=a1, financial_year=2023, quarter=4, rag=Rag.AMBER)
    f.QuarterlyUpdateFactory(action=a3, financial_year=2025, quarter=1, rag=Rag.COMPLETE)
    return {
        "p": p,
        "police": police,
        "council": council,
        "knife": knife,
        "nte": nte,
        "a1": a1,
        "a2": a2,
        "a3": a3,
    }


def refs(actions):
    return sorted(a.reference for a in actions)


def test_latest_rag_is_the_most_recent_quarter(plan):
    latest = {a.reference: a.latest_rag for a in services.actions_with_latest_rag(plan["p"])}
    assert latest == {"1.1": "red", "1.2": None, "2.1": "complete"}


def test_filters(plan):
    actions = services.actions_with_latest_rag(plan["p"])
    assert refs(services.filter_actions(actions, priority=plan["knife"])) == ["1.1", "1.2"]
    assert refs(services.filter_actions(actions, owner=plan["council"])) == ["1.2", "2.1"]
    assert refs(services.filter_actions(actions, pillar=Pillar.RESPOND)) == ["1.2"]
    assert refs(services.filter_actions(actions, rag="red")) == ["1.1"]
    assert refs(services.filter_actions(actions, rag="none")) == ["1.2"]
    assert refs(
        services.filter_actions(
            actions, priority=plan["nte"], owner=plan["council"], rag="complete"
        )
    ) == ["2.1"]


def test_counts_and_overdue(plan):
    actions = list(services.actions_with_latest_rag(plan["p"]))
    counts = services.rag_counts(actions, dt.date(2025, 1, 1))
    # a1 is past due and not complete; a3 is past due but completed.
    assert counts == {"red": 1, "none": 1, "complete": 1, "overdue": 1}


def test_page_filters_and_highlights_overdue(client, plan):
    client.force_login(f.member(plan["p"], "viewer"))
    url = reverse("strategy:delivery_plan", kwargs={"partnership": plan["p"].slug})
    html = client.get(url, {"priority": plan["knife"].pk}).content.decode()
    assert "2 actions" in html
    rows = html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0].split("<tr")[1:]
    overdue = [row for row in rows if "svduty-overdue" in row]
    assert len(rows) == 2 and len(overdue) == 1 and plan["a1"].title in overdue[0]
    html = client.get(url, {"rag": "none"}).content.decode()
    assert plan["a2"].title in html and plan["a1"].title not in html


def test_invalid_filter_shows_everything(client, plan):
    client.force_login(f.member(plan["p"], "viewer"))
    url = reverse("strategy:delivery_plan", kwargs={"partnership": plan["p"].slug})
    assert "3 actions" in client.get(url, {"pillar": "nonsense"}).content.decode()


def test_read_only_page_refuses_post_with_405(client, plan):
    client.force_login(f.member(plan["p"], "coordinator"))
    url = reverse("strategy:delivery_plan", kwargs={"partnership": plan["p"].slug})
    response = client.post(url, {})
    assert response.status_code == 405  # not a server error: the page only reads
