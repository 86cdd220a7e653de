"""The board report page and its A4 PDF carry the figures computed from the records."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from svduty.web.boardreport import services
from svduty.web.common.periods import FinancialQuarter
from svduty.web.funding.models import CostType
from tests.web import factories as f
from tests.web.funding.factories import GrantAllocationFactory, SpendLineFactory
from tests.web.interventions.factories import InterventionFactory, QuarterlyOutputFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership_with_a_year():
    partnership = f.PartnershipFactory(slug="sample", name="Sample County")
    board = f.BoardFactory(partnership=partnership, name="Serious Violence Board")
    strategy = f.StrategyFactory(partnership=partnership)
    late = f.ActionFactory(
        partnership=partnership, strategy=strategy, reference="1.1", due_date=dt.date(2024, 6, 30)
    )
    steady = f.ActionFactory(partnership=partnership, strategy=strategy, reference="1.2")
    f.QuarterlyUpdateFactory(
        action=late, partnership=partnership, financial_year=2024, quarter=1, rag="green"
    )
    f.QuarterlyUpdateFactory(
        action=late, partnership=partnership, financial_year=2024, quarter=2, rag="red"
    )
    f.QuarterlyUpdateFactory(
        action=steady, partnership=partnership, financial_year=2024, quarter=2, rag="amber"
    )
    allocation = GrantAllocationFactory(
        stream__partnership=partnership,
        stream__name="Home Office Serious Violence Duty",
        partnership=partnership,
        financial_year=2024,
        labour_amount=Decimal("77041.71"),
        non_labour_amount=Decimal("234637.86"),
    )
    SpendLineFactory(
        allocation=allocation, amount=Decimal("20000.01"), spent_on=dt.date(2024, 9, 30)
    )
    SpendLineFactory(allocation=allocation, amount=Decimal("999.99"), spent_on=dt.date(2024, 10, 1))
    SpendLineFactory(
        allocation=allocation,
        cost_type=CostType.NON_LABOUR,
        amount=Decimal("34637.86"),
        spent_on=dt.date(2024, 8, 1),
    )
    intervention = InterventionFactory(partnership=partnership, name="Knife-crime education")
    QuarterlyOutputFactory(
        intervention=intervention, partnership=partnership, quarter=1, people_reached=120
    )
    QuarterlyOutputFactory(
        intervention=intervention, partnership=partnership, quarter=2, people_reached=95
    )
    return partnership, board


def test_report_figures(partnership_with_a_year):
    partnership, board = partnership_with_a_year
    report = services.build(partnership, board, FinancialQuarter(2024, 2))
    rows = {value: (now, before, change) for value, _, now, before, change in report.status_rows}
    assert rows["red"] == (1, 0, 1) and rows["amber"] == (1, 0, 1)
    assert rows["green"] == (0, 1, -1) and rows["none"] == (0, 1, -1)
    assert [a.reference for a in report.progress.overdue] == ["1.1"]
    spend = {row.cost_type: row for row in report.spend_rows}
    assert spend[CostType.LABOUR].spent == Decimal("20000.01")  # 1 October is after Q2
    assert spend[CostType.LABOUR].remaining == Decimal("57041.70")
    assert spend[CostType.NON_LABOUR].remaining == Decimal("200000.00")
    assert report.spend_totals["allocated"] == Decimal("311679.57")
    assert report.people_reached == 95 and report.people_reached_year == 215


def test_report_page_and_pdf(client, partnership_with_a_year):
    partnership, board = partnership_with_a_year
    client.force_login(f.member(partnership, "board_member"))
    query = {"board": board.pk, "quarter": "2024-2"}
    page = client.get(reverse("boardreport:report", kwargs={"partnership": "sample"}), query)
    html = page.content.decode()
    assert "Serious Violence Board, 2024/25 Q2" in html
    assert "£311,679.57" in html and "£57,041.70" in html
    assert "215 so far this financial year" in html
    assert (
        "Actions overseen by Serious Violence Board, and actions with no reporting board." in html
    )

    response = client.get(reverse("boardreport:pdf", kwargs={"partnership": "sample"}), query)
    assert response["Content-Type"] == "application/pdf"
    assert "board-report-serious-violence-board-202425-q2.pdf" in response["Content-Disposition"]
    import pypdfium2

    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Serious violence board report" in text
    assert "£311,679.57" in text and "£57,041.70" in text
    assert "1.1" in text and "Knife-crime education" in text


def test_each_board_reports_on_the_actions_it_oversees():
    """A sub-group's report holds its actions; its parent's holds those plus the parent's own
    and the actions no board was named for; a second top-level board sees only its own."""
    partnership = f.PartnershipFactory(slug="hub", name="Hub")
    top = f.BoardFactory(partnership=partnership, name="Strategic Board")
    group = f.BoardFactory(partnership=partnership, name="Prevention Group", parent=top)
    task = f.BoardFactory(partnership=partnership, name="Schools Task Group", parent=group)
    other = f.BoardFactory(partnership=partnership, name="Local CSP Board")
    strategy = f.StrategyFactory(partnership=partnership)

    def action(reference, board):
        return f.ActionFactory(
            partnership=partnership, strategy=strategy, reference=reference, board=board
        )

    action("1.1", top), action("2.1", group), action("2.2", task)
    action("3.1", other), action("4.1", None)
    elsewhere = f.PartnershipFactory(slug="other")
    f.ActionFactory(partnership=elsewhere, reference="9.9")

    def references(board):
        return sorted(
            services.reported_actions(partnership, board).values_list("reference", flat=True)
        )

    assert references(top) == ["1.1", "2.1", "2.2", "4.1"]
    assert references(group) == ["2.1", "2.2"]
    assert references(task) == ["2.2"]
    assert references(other) == ["3.1", "4.1"]
    assert references(None) == ["1.1", "2.1", "2.2", "3.1", "4.1"]
    report = services.build(partnership, group, FinancialQuarter(2024, 2))
    assert report.progress.total == 2


def test_an_action_cannot_report_to_another_partnerships_board():
    from django.core.exceptions import ValidationError

    action = f.ActionFactory()
    action.board = f.BoardFactory()  # a board of a different partnership
    with pytest.raises(ValidationError, match="same partnership"):
        action.full_clean()
