"""In a browser: run a panel meeting from agenda to minutes, reveal an identity, draw a network."""

from __future__ import annotations

import pytest

from svduty.web.demo import DEMO_PASSWORD, DEMO_SLUG, seed_demo
from tests.e2e.test_delivery_plan_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as_panel_member(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("User name").fill("panel")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/p/{DEMO_SLUG}/")


def test_run_a_meeting_from_agenda_to_minutes(live_server, page, axe_source):
    seed_demo()
    from svduty.web.panel.models import AccessLogEntry, Meeting, Referral

    upcoming = Meeting.objects.order_by("date").last()
    case = Referral.objects.filter(status="new").order_by("referral_date").first()
    base = live_server.url
    sign_in_as_panel_member(page, base)

    page.get_by_role("link", name="Panel", exact=True).first.click()
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name=str(upcoming)).click()
    page.get_by_role("heading", name="Agenda").wait_for()
    assert serious_violations(page, axe_source) == []
    agenda = page.locator("table.agenda").first.inner_text()
    assert case.reference in agenda and case.name not in page.content()

    page.get_by_role("link", name="Record attendance").click()
    page.get_by_label("Organisation").select_option(label="Sample County Youth Justice Service")
    page.get_by_label("Attendee").fill("C. Okafor")
    page.get_by_role("button", name="Save").click()
    page.locator("#attendance", has_text="C. Okafor").wait_for()

    page.get_by_role("link", name=f"Record minutes for {case.reference}").click()
    page.get_by_label("Minutes").fill("Police and school shared concerns; mentoring offered.")
    page.get_by_label("High", exact=True).check()
    page.get_by_label("Keep open: review at the next meeting").check()
    page.get_by_label("Next review date").fill("2030-01-15")
    page.get_by_role("button", name="Save minutes").click()
    row = page.locator("table.agenda tr", has_text=case.reference)
    row.get_by_text("Minuted").wait_for()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the minutes (CSV)").click()
    body = download.value.path().read_text(encoding="utf-8")
    assert "Exported by,panel" in body and "mentoring offered" in body and case.reference in body

    case.refresh_from_db()
    assert (case.status, case.risk_level, str(case.next_review_date)) == (
        "open",
        "high",
        "2030-01-15",
    )

    page.get_by_role("link", name=case.reference).first.click()
    page.get_by_role("link", name=f"Reveal identity of {case.reference}").click()
    page.get_by_label("Why do you need to see this person's identity?").fill(
        "Checking a school record"
    )
    page.get_by_role("button", name="Reveal identity").click()
    assert page.locator("#identity-name").inner_text() == case.name
    actions = set(AccessLogEntry.objects.filter(username="panel").values_list("action", flat=True))
    assert {"list", "view", "create", "export", "reveal"} <= actions
    assert page.console_errors == []


def test_network_is_drawn_offline(live_server, page, axe_source):
    seed_demo()
    from svduty.web.panel.models import Network

    network = Network.objects.get(partnership__slug=DEMO_SLUG)
    expected = sorted(node.display_label for node in network.nodes.all())
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    base = live_server.url
    sign_in_as_panel_member(page, base)
    page.goto(f"{base}/p/{DEMO_SLUG}/panel/networks/")
    page.get_by_role("link", name=network.title).click()
    page.locator("#network-map[data-drawn]").wait_for(state="attached")

    svg = page.locator("#network-map svg")
    assert svg.locator("g.svduty-network__node").count() == len(expected) == 8
    assert svg.locator("circle").count() == 6 and svg.locator("rect").count() == 2
    assert svg.locator("line.svduty-network__link").count() == network.connections.count()
    labels = sorted(svg.locator("text.svduty-network__label").all_text_contents())
    assert labels == expected
    assert svg.locator('line[data-reliability="not_reliable"][stroke-dasharray="2 4"]').count() == 2
    # nodes are spread out, not stacked
    boxes = [svg.locator("g.svduty-network__node").nth(i).bounding_box() for i in range(8)]
    assert len({(round(b["x"]), round(b["y"])) for b in boxes}) == 8
    assert all(url.startswith(base) for url in requests)  # nothing fetched from elsewhere
    assert serious_violations(page, axe_source) == []
    assert page.console_errors == []
