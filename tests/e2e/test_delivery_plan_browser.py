"""In a browser: sign in, add an action, post a quarterly update; no serious axe violations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from svduty.web.common.periods import FinancialQuarter
from svduty.web.demo import DEMO_PASSWORD, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "sample-county"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def sign_in(page, base: str, username: str = "coordinator") -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/p/{SLUG}/")


def serious_violations(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_sign_in_add_action_and_post_quarterly_update(live_server, page):
    seed_demo()
    base = live_server.url
    sign_in(page, base)

    page.get_by_role("link", name="Delivery plan").click()
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Reference").fill("6.1")
    page.get_by_label("Title").fill("Youth workers in the two town-centre parks")
    page.get_by_label("Respond to emerging risk").check()
    page.get_by_label("Owner organisation").select_option(label="Safer Streets Sample CIC")
    page.get_by_label("Lead").fill("Ali Youth")
    page.get_by_label("Start date").fill("2025-04-01")
    page.get_by_label("Due date").fill("2026-03-31")
    page.get_by_label("Measures").fill("Young people engaged each month.")
    page.get_by_label("1. Reduce knife crime and weapon carrying among young people").check()
    page.get_by_role("button", name="Save").click()

    page.get_by_role("heading", name="Youth workers in the two town-centre parks").wait_for()
    assert "Saved: 6.1 Youth workers" in page.content()

    page.get_by_role("link", name="Add a quarterly update").click()
    quarter = FinancialQuarter.of(timezone.localdate())
    page.get_by_label("Quarter").select_option(label=quarter.label)
    page.get_by_label("Amber").check()
    page.get_by_label("Progress").fill("Two youth workers recruited; sessions start next month.")
    page.get_by_role("button", name="Save update").click()

    card = page.locator(".govuk-summary-card", has_text=quarter.label)
    card.wait_for()
    assert "Amber" in card.inner_text()
    assert "Two youth workers recruited" in card.inner_text()

    from svduty.web.strategy.models import Action

    action = Action.objects.get(reference="6.1", partnership__slug=SLUG)
    update = action.updates.get()
    assert (update.financial_year, update.quarter, update.rag) == (
        quarter.year,
        quarter.quarter,
        "amber",
    )
    assert update.submitted_by.username == "coordinator"
    assert list(action.priorities.values_list("number", flat=True)) == [1]
    assert action.due_date == dt.date(2026, 3, 31)
    assert page.console_errors == []


def test_main_pages_have_no_serious_accessibility_violations(live_server, page, axe_source):
    seed_demo()
    from svduty.web.strategy.models import Action

    action = Action.objects.get(partnership__slug=SLUG, reference="1.1")
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    found = {"sign in": serious_violations(page, axe_source)}
    sign_in(page, base)
    paths = {
        "overview": f"/p/{SLUG}/",
        "governance": f"/p/{SLUG}/governance/",
        "calendar": f"/p/{SLUG}/calendar/",
        "strategy": f"/p/{SLUG}/strategy/",
        "delivery plan": f"/p/{SLUG}/strategy/delivery-plan/",
        "action": f"/p/{SLUG}/strategy/actions/{action.pk}/",
        "history": f"/p/{SLUG}/history/strategy/action/{action.pk}/",
        "organisations": f"/p/{SLUG}/organisations/",
        "add action": f"/p/{SLUG}/strategy/actions/add/",
    }
    for name, path in paths.items():
        assert page.goto(base + path).status == 200, path
        found[name] = serious_violations(page, axe_source)
    page.goto(base + paths["add action"])
    page.get_by_role("button", name="Save").click()
    page.locator(".govuk-error-summary").wait_for()
    found["form with errors"] = serious_violations(page, axe_source)
    assert {name: v for name, v in found.items() if v} == {}
    assert page.console_errors == []
