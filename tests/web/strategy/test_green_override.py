"""A Green on an action past its due date needs a reason; without one it does not stand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from svduty.web.common.periods import FinancialQuarter
from svduty.web.strategy import services
from svduty.web.strategy.models import QuarterlyUpdate, Rag
from svduty.web.strategy.status import LAPSED_GREEN, shown_status
from tests.web import factories as f

pytestmark = pytest.mark.django_db

DUE = dt.date(2024, 8, 31)  # in 2024/25 Q2 (July–September)


def _update(year=2024, quarter=2, rag=Rag.GREEN, reason="", completed_on=None):
    action = f.ActionFactory(
        reference="1.3", start_date=dt.date(2024, 4, 1), due_date=DUE, completed_on=completed_on
    )
    return QuarterlyUpdate(
        action=action,
        partnership=action.partnership,
        financial_year=year,
        quarter=quarter,
        rag=rag,
        green_override_reason=reason,
        progress="On track.",
    )


def test_green_for_a_quarter_ending_after_the_due_date_needs_a_reason():
    update = _update()
    with pytest.raises(ValidationError) as error:
        update.check_green_override(today=dt.date(2025, 1, 1))
    assert error.value.message_dict == {
        "green_override_reason": [
            "Action 1.3 was due on 31 August 2024 and is not complete: give the reason it is "
            "still Green, or choose another status."
        ]
    }
    with pytest.raises(ValidationError):  # full_clean runs the same check, today by the clock
        update.full_clean()


def test_while_the_quarter_runs_the_update_speaks_for_today():
    update = _update()
    assert update.speaks_for(dt.date(2024, 8, 15)) == dt.date(2024, 8, 15)
    assert not update.green_needs_reason(dt.date(2024, 8, 15))  # not yet due
    assert update.green_needs_reason(dt.date(2024, 9, 10))  # ten days past due
    assert update.speaks_for(dt.date(2025, 1, 1)) == dt.date(2024, 9, 30)


def test_an_earlier_quarter_or_a_completed_action_needs_no_reason():
    assert not _update(quarter=1).green_needs_reason(dt.date(2025, 1, 1))  # Q1 ends 30 June
    completed = _update(completed_on=dt.date(2024, 8, 20))
    assert not completed.green_needs_reason(dt.date(2025, 1, 1))
    completed.full_clean()
    late = _update(completed_on=dt.date(2024, 10, 5))  # completed only after the quarter
    assert late.green_needs_reason(dt.date(2025, 1, 1))


def test_a_reason_lets_green_stand_and_blank_is_no_reason():
    _update(reason="The board agreed a new date of 31 December 2024.").full_clean()
    with pytest.raises(ValidationError):
        _update(reason="   ").full_clean()


def test_a_reason_is_dropped_from_a_status_other_than_green():
    update = _update(rag=Rag.AMBER, reason="Left over from a Green.")
    update.full_clean()
    assert update.green_override_reason == ""


def test_shown_status():
    assert shown_status("green", "", overdue=True) == LAPSED_GREEN
    assert shown_status("green", "Extension agreed.", overdue=True) == "green"
    assert shown_status("green", "", overdue=False) == "green"
    assert shown_status("amber", "", overdue=True) == "amber"
    assert shown_status(None, "", overdue=True) is None


@pytest.fixture
def overdue_action():
    """An action due on 1 January 2000, long past whatever quarter the form offers."""
    return f.ActionFactory(
        reference="4.2",
        title="Hospital navigators",
        start_date=dt.date(1999, 1, 1),
        due_date=dt.date(2000, 1, 1),
    )


def _post_update(client, action, **data):
    quarter = FinancialQuarter.of(timezone.localdate())
    url = reverse(
        "strategy:update_add", kwargs={"partnership": action.partnership.slug, "action": action.pk}
    )
    return client.post(
        url, {"period": f"{quarter.year}-{quarter.quarter}", "progress": "Going well.", **data}
    )


def test_the_form_refuses_green_on_an_overdue_action_without_a_reason(client, overdue_action):
    client.force_login(f.member(overdue_action.partnership, "coordinator"))
    html = _post_update(client, overdue_action, rag="green").content.decode()
    assert "There is a problem" in html
    assert (
        '<a href="#id_green_override_reason">Action 4.2 was due on 1 January 2000 and is not '
        "complete: give the reason it is still Green, or choose another status.</a>"
    ) in html
    assert "This action is due on 1 January 2000." in html  # the hint says when it was due
    assert not QuarterlyUpdate.objects.exists()

    amber = _post_update(client, overdue_action, rag="amber")
    assert amber.status_code == 302


def test_the_form_saves_green_with_a_reason_and_keeps_it_in_the_history(client, overdue_action):
    coordinator = f.member(overdue_action.partnership, "coordinator")
    client.force_login(coordinator)
    reason = "The delivery group agreed a new date of 31 March."
    response = _post_update(client, overdue_action, rag="green", green_override_reason=reason)
    assert response.status_code == 302
    update = QuarterlyUpdate.objects.get()
    assert (update.rag, update.green_override_reason) == ("green", reason)
    record = update.history.get()
    assert record.history_user == coordinator and record.green_override_reason == reason
    detail = client.get(response["Location"]).content.decode()
    assert f"<strong>Reason for Green past the due date:</strong> {reason}" in detail
    assert "Green needs a reason" not in detail


@pytest.fixture
def plan():
    """Five actions entered out of order; 1.10 is overdue with a Green given before its due date,
    2.1 is overdue and Green with a reason."""
    strategy = f.StrategyFactory()

    def action(reference, due=dt.date(2030, 3, 31)):
        return f.ActionFactory(strategy=strategy, reference=reference, due_date=due)

    a110 = action("1.10", due=dt.date(2024, 8, 31))
    a21 = action("2.1", due=dt.date(2024, 8, 31))
    action("A10"), action("1.2"), action("A2")
    f.QuarterlyUpdateFactory(action=a110, financial_year=2024, quarter=1, rag=Rag.GREEN)
    f.QuarterlyUpdateFactory(
        action=a21, financial_year=2024, quarter=2, rag=Rag.GREEN, green_override_reason="Agreed."
    )
    return strategy.partnership


def test_the_delivery_plan_lists_actions_in_natural_order(client, plan):
    client.force_login(f.member(plan, "viewer"))
    url = reverse("strategy:delivery_plan", kwargs={"partnership": plan.slug})
    html = client.get(url).content.decode()
    body = html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    cells = [row.split('<td class="govuk-table__cell">')[1] for row in body.split("<tr")[1:]]
    assert [cell.split("</td>")[0] for cell in cells] == ["1.2", "1.10", "2.1", "A2", "A10"]


def test_the_delivery_plan_does_not_show_a_lapsed_green_as_green(client, plan):
    actions = list(services.actions_with_latest_rag(plan))
    today = dt.date(2025, 1, 1)
    shown = {a.reference: services.status_shown(a, today) for a in actions}
    assert shown == {"1.10": LAPSED_GREEN, "2.1": "green", "1.2": None, "A2": None, "A10": None}
    assert services.rag_counts(actions, today) == {
        LAPSED_GREEN: 1,
        "green": 1,
        "none": 3,
        "overdue": 2,
    }
    before_due = services.rag_counts(actions, dt.date(2024, 8, 1))
    assert before_due == {"green": 2, "none": 3, "overdue": 0}

    client.force_login(f.member(plan, "viewer"))
    html = client.get(reverse("strategy:delivery_plan", kwargs={"partnership": plan.slug}))
    html = html.content.decode()
    summary = html.split('id="plan-summary">')[1].split("</p>")[0]
    assert '<strong class="govuk-tag govuk-tag--green">Green</strong> 1' in summary
    assert (
        '<strong class="govuk-tag govuk-tag--orange">Past due: Green needs a reason</strong> 1'
    ) in summary
