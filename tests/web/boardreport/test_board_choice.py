"""The report opens on the board the user chose, counts that board's actions, lists the overdue
ones in their own table and orders every action by its reference naturally."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2
import pytest
from django.urls import reverse

from svduty.web.boardreport import services
from svduty.web.common.periods import FinancialQuarter
from svduty.web.demo import seed_demo
from svduty.web.organisations.models import User
from svduty.web.partnership.models import BoardKind, Partnership
from svduty.web.strategy.models import QuarterlyUpdate
from svduty.web.strategy.status import LAPSED_GREEN
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_boards():
    """ "Zeta Strategic Board" at the top, "Alpha CSP Board" below it (so first by name).
    Three actions have no board (the top board reports them), one reports to Alpha."""
    partnership = f.PartnershipFactory(slug="twoboards", name="Two Boards")
    zeta = f.BoardFactory(partnership=partnership, name="Zeta Strategic Board")
    alpha = f.BoardFactory(
        partnership=partnership, name="Alpha CSP Board", kind=BoardKind.CSP_BOARD, parent=zeta
    )
    strategy = f.StrategyFactory(partnership=partnership)
    for reference in ("1.10", "1.2", "2.1"):
        f.ActionFactory(partnership=partnership, strategy=strategy, reference=reference)
    f.ActionFactory(partnership=partnership, strategy=strategy, reference="3.1", board=alpha)
    return partnership, zeta, alpha


def _page(client, partnership, **query) -> str:
    url = reverse("boardreport:report", kwargs={"partnership": partnership.slug})
    return client.get(url, query).content.decode()


def _summary(html: str) -> str:
    return html.split('id="progress-summary">')[1].split("</p>")[0]


def test_without_a_choice_the_report_opens_on_the_top_board_not_the_first_by_name(
    client, two_boards
):
    partnership, zeta, _ = two_boards
    assert services.default_board(partnership) == zeta
    client.force_login(f.member(partnership, "board_member"))
    html = _page(client, partnership)
    assert '<h1 class="govuk-heading-l">Board report: Zeta Strategic Board, ' in html
    assert f'<option value="{zeta.pk}" selected>' in html
    assert "4 actions started by " in _summary(html)
    assert ": 4 under way and 0 complete" in _summary(html)


def test_the_board_chosen_opens_even_without_a_quarter_and_is_remembered(client, two_boards):
    partnership, zeta, alpha = two_boards
    client.force_login(f.member(partnership, "board_member"))
    html = _page(client, partnership, board=alpha.pk)
    assert "Board report: Alpha CSP Board, " in html
    assert "1 action started by " in _summary(html)
    assert "Actions overseen by Alpha CSP Board." in html
    again = _page(client, partnership)  # back from another page: still Alpha
    assert "Board report: Alpha CSP Board, " in again
    html = _page(client, partnership, board=zeta.pk, quarter="2024-2")
    assert "Board report: Zeta Strategic Board, 2024/25 Q2" in html
    assert "4 actions started by 30 September 2024" in _summary(html)
    assert "Board report: Zeta Strategic Board, " in _page(client, partnership)


def test_a_board_of_another_partnership_is_refused_not_replaced(client, two_boards):
    partnership, _, _ = two_boards
    stranger = f.BoardFactory(name="Elsewhere Board")
    client.force_login(f.member(partnership, "board_member"))
    html = _page(client, partnership, board=stranger.pk, quarter="2024-2")
    assert "Select a valid choice" in html
    assert 'id="progress-summary"' not in html and "Board report:" not in html
    assert "Choose a board and a quarter from the lists above." in html
    pdf = reverse("boardreport:pdf", kwargs={"partnership": partnership.slug})
    response = client.get(pdf, {"board": stranger.pk, "quarter": "2024-2"})
    assert response.status_code == 404


def test_a_top_level_strategic_board_is_the_default_among_top_level_boards():
    partnership = f.PartnershipFactory()
    f.BoardFactory(partnership=partnership, name="Alpha CSP Board", kind=BoardKind.CSP_BOARD)
    zeta = f.BoardFactory(partnership=partnership, name="Zeta Board")
    assert services.default_board(partnership) == zeta
    assert services.default_board(f.PartnershipFactory()) is None


def test_without_boards_the_page_asks_for_one(client):
    partnership = f.PartnershipFactory(slug="noboards")
    client.force_login(f.member(partnership, "board_member"))
    html = _page(client, partnership)
    assert "Add a board to the partnership's governance" in html
    assert "Select a valid choice" not in html and "Select the board" not in html


@pytest.fixture
def overdue_plan():
    """Actions 1.10, 1.2 and 2.1 all due on 31 August 2024 (not complete), 1.9 due in 2030.
    1.2 is Green in Q1 only (lapses), 1.10 Green in Q2 with a reason, 2.1 Red in Q2."""
    partnership = f.PartnershipFactory(slug="late", name="Late County")
    board = f.BoardFactory(partnership=partnership, name="Safer Board")
    strategy = f.StrategyFactory(partnership=partnership)
    police = f.OrganisationFactory(partnership=partnership, name="Sample Police")
    due = dt.date(2024, 8, 31)

    def action(reference, due_date=due):
        return f.ActionFactory(
            partnership=partnership,
            strategy=strategy,
            reference=reference,
            title=f"Action {reference}",
            owner_organisation=police,
            lead="Jo Lead",
            due_date=due_date,
        )

    a110, a12, a21 = action("1.10"), action("1.2"), action("2.1")
    action("1.9", dt.date(2030, 3, 31))
    for act, quarter, rag, reason in (
        (a12, 1, "green", ""),
        (a110, 1, "green", ""),
        (a110, 2, "green", "The board agreed a new date."),
        (a21, 1, "amber", ""),
        (a21, 2, "red", ""),
    ):
        f.QuarterlyUpdateFactory(
            action=act,
            partnership=partnership,
            financial_year=2024,
            quarter=quarter,
            rag=rag,
            green_override_reason=reason,
        )
    return partnership, board


def test_overdue_actions_and_lapsed_greens_in_the_figures(overdue_plan):
    partnership, board = overdue_plan
    report = services.build(
        partnership, board, FinancialQuarter(2024, 2), today=dt.date(2025, 1, 6)
    )
    rows = {value: (now, before) for value, _, now, before, _ in report.status_rows}
    assert rows == {
        "red": (1, 0),
        "amber": (0, 1),
        "green": (1, 2),  # 1.10 with its reason; in Q1 1.2 and 1.10 were not yet due
        "complete": (0, 0),
        LAPSED_GREEN: (1, 0),  # 1.2: a Q1 Green, overdue by 30 September, no reason
        "none": (1, 1),  # 1.9
    }
    overdue = [(a.reference, a.days_overdue, a.status) for a in report.progress.overdue]
    assert overdue == [("1.2", 30, LAPSED_GREEN), ("1.10", 30, "green"), ("2.1", 30, "red")]
    assert [m.reference for m in report.progress.movements] == ["1.2", "2.1"]
    assert report.progress.under_way == 4 and report.progress.complete == 0


def test_the_page_and_pdf_list_the_overdue_actions_in_a_table(client, overdue_plan):
    partnership, board = overdue_plan
    client.force_login(f.member(partnership, "board_member"))
    html = _page(client, partnership, board=board.pk, quarter="2024-2")
    table = html.split('<table class="govuk-table" id="overdue">')[1].split("</table>")[0]
    headers = [h.split(">")[1].split("<")[0] for h in table.split("<th ")[1:]]
    assert headers == ["Ref", "Action", "Owner", "Due", "Days overdue", "RAG status"]
    body = table.split("<tbody")[1]
    refs = [
        row.split('<td class="govuk-table__cell">')[1].split("<")[0]
        for row in body.split("<tr")[1:]
    ]
    assert refs == ["1.2", "1.10", "2.1"]
    first = body.split("<tr")[1]
    for text in ("Action 1.2", "Sample Police", "Jo Lead", "31 Aug 2024", ">30<"):
        assert text in first, text
    assert "Past due: Green needs a reason" in first
    assert "Reason: The board agreed a new date." in body.split("<tr")[2]
    assert "3 overdue" in _summary(html)
    movements = html.split('id="movements">')[1].split("</ul>")[0]
    assert "1.2 Action 1.2: Green → Past due: Green needs a reason" in movements
    assert "2.1 Action 2.1: Amber → Red (worsened)" in movements

    pdf_url = reverse("boardreport:pdf", kwargs={"partnership": partnership.slug})
    response = client.get(pdf_url, {"board": board.pk, "quarter": "2024-2"})
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Overdue actions" in text and "Days overdue" in text
    assert "Past due: Green needs a reason" in text
    table = text[text.index("Days overdue") :]
    assert table.index("Action 1.2") < table.index("Action 1.10") < table.index("Action 2.1")


def test_no_overdue_action_says_so(client, two_boards):
    partnership, zeta, _ = two_boards
    client.force_login(f.member(partnership, "board_member"))
    html = _page(client, partnership, board=zeta.pk, quarter="2024-2")
    assert (
        '<p class="govuk-body" id="overdue">No action was overdue on 30 September 2024.</p>' in html
    )


def test_the_demo_report_opens_on_the_strategic_board_with_its_actions(client):
    """The demo's first board by name is a CSP board with no actions of its own ("0 actions
    under way"); the report opens on the strategic board and counts all 30 actions."""
    today = dt.date(2026, 6, 1)
    seed_demo(today)
    partnership = Partnership.objects.get(slug="sample-county")
    assert partnership.boards.first().name == "Brookhampton Community Safety Partnership"
    client.force_login(User.objects.get(username="coordinator"))
    html = _page(client, partnership, quarter="2025-4")
    assert "Board report: Sample County Safer Communities Board, 2025/26 Q4" in html
    assert "30 actions started by 31 March 2026" in _summary(html)
    # No seeded Green on an overdue action lacks its reason, and some carry one.
    for update in QuarterlyUpdate.objects.filter(partnership=partnership):
        update.check_green_override(today)
    assert QuarterlyUpdate.objects.exclude(green_override_reason="").exists()
