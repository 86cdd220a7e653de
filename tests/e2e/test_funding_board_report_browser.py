"""In a browser: record spend (a refused carry-over first), open the board report and its PDF;
no serious axe-core violations on the funding, interventions, training, consultation and report
pages."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from svduty.web.demo import seed_demo
from tests.e2e.test_delivery_plan_browser import SLUG, serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ALLOCATION = "Home Office Serious Violence Duty grant 2024/25"


def test_record_spend_and_open_the_board_report_pdf(live_server, page):
    seed_demo()
    from svduty.web.funding.models import GrantAllocation, SpendLine
    from svduty.web.partnership.models import Board

    allocation = GrantAllocation.objects.get(stream__kind="home_office_svd", financial_year=2024)
    spent_before = allocation.spent("labour")
    base = live_server.url
    sign_in(page, base)

    page.get_by_role("link", name="Funding", exact=True).click()
    page.get_by_role("link", name="Record spend").click()
    page.get_by_label("Allocation").select_option(label=ALLOCATION)
    page.get_by_label("Labour", exact=True).check()
    page.get_by_label("Amount (£)").fill("123.45")
    page.get_by_label("Date of spend").fill("2025-04-01")
    page.get_by_label("Description").fill("Analyst overtime, March")
    page.get_by_role("button", name="Record spend").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "unspent money does not carry over" in summary.inner_text()
    assert not SpendLine.objects.filter(description="Analyst overtime, March").exists()

    page.get_by_label("Date of spend").fill("2025-03-31")
    page.get_by_role("button", name="Record spend").click()
    page.get_by_role("heading", name=ALLOCATION).wait_for()
    assert "Analyst overtime, March" in page.locator("#spend-lines").inner_text()
    allocation.refresh_from_db()
    assert allocation.spent("labour") == spent_before + Decimal("123.45")

    board = Board.objects.get(partnership__slug=SLUG, kind="strategic_board")
    page.get_by_role("link", name="Board report").click()
    page.get_by_label("Board", exact=True).select_option(label=board.name)
    page.get_by_label("Quarter", exact=True).select_option(label="2024/25 Q4")
    page.get_by_role("button", name="Show report").click()
    page.get_by_role("heading", name=f"Board report: {board.name}, 2024/25 Q4").wait_for()
    report_text = page.locator("#spend").inner_text()
    remaining = allocation.labour_amount - allocation.spent("labour")
    assert f"£{remaining:,}" in report_text

    href = page.locator("#pdf-link").get_attribute("href")
    response = page.request.get(base + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    import pypdfium2

    pdf = pypdfium2.PdfDocument(io.BytesIO(response.body()))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Serious violence board report" in text and board.name in text
    assert f"£{remaining:,}" in text
    assert page.console_errors == []


def test_delivery_pages_have_no_serious_accessibility_violations(live_server, page, axe_source):
    seed_demo()
    from svduty.web.consultation.models import Consultation
    from svduty.web.funding.models import Application, BiddingRound, GrantAllocation
    from svduty.web.interventions.models import Evaluation
    from svduty.web.training.models import TrainingSession

    allocation = GrantAllocation.objects.get(stream__kind="home_office_svd", financial_year=2024)
    bidding_round = BiddingRound.objects.get()
    application = Application.objects.first()
    intervention = Evaluation.objects.first().intervention
    session = TrainingSession.objects.first()
    consultation = Consultation.objects.get()
    base = live_server.url
    sign_in(page, base)
    p = f"/p/{SLUG}"
    paths = {
        "funding": f"{p}/funding/",
        "allocation": f"{p}/funding/allocations/{allocation.pk}/",
        "record spend": f"{p}/funding/spend/add/",
        "round": f"{p}/funding/rounds/{bidding_round.pk}/",
        "application": f"{p}/funding/applications/{application.pk}/",
        "moderate": f"{p}/funding/applications/{application.pk}/moderate/",
        "interventions": f"{p}/interventions/",
        "intervention": f"{p}/interventions/{intervention.pk}/",
        "outputs form": f"{p}/interventions/{intervention.pk}/outputs/add/",
        "training": f"{p}/training/",
        "session": f"{p}/training/sessions/{session.pk}/",
        "consultations": f"{p}/consultation/",
        "consultation": f"{p}/consultation/{consultation.pk}/",
        "board report": f"{p}/board-report/",
    }
    found = {}
    for name, path in paths.items():
        assert page.goto(base + path).status == 200, path
        found[name] = serious_violations(page, axe_source)
    page.goto(base + paths["record spend"])
    page.get_by_role("button", name="Record spend").click()
    page.locator(".govuk-error-summary").wait_for()
    found["spend form with errors"] = serious_violations(page, axe_source)
    assert {name: v for name, v in found.items() if v} == {}
    assert page.console_errors == []
