"""A meeting from agenda to minutes: what is on the agenda, and what the decisions do to a case."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from svduty.web.panel import services
from svduty.web.panel.models import CaseReview, CaseStatus, Referral
from tests.web import factories as f
from tests.web.panel.factories import (
    ConnectionFactory,
    MeetingFactory,
    NetworkNodeFactory,
    ReferralFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return f.PartnershipFactory(slug="county")


def test_agenda_has_new_referrals_and_cases_due(partnership):
    org = f.OrganisationFactory(partnership=partnership)
    kw = {"partnership": partnership, "referring_organisation": org}
    meeting = MeetingFactory(partnership=partnership, date=dt.date(2025, 10, 1))
    new = ReferralFactory(referral_date=dt.date(2025, 9, 20), **kw)
    ReferralFactory(referral_date=dt.date(2025, 10, 5), **kw)  # after the meeting: next time
    due = ReferralFactory(status="open", next_review_date=dt.date(2025, 10, 1), **kw)
    ReferralFactory(status="open", next_review_date=dt.date(2025, 11, 5), **kw)  # not yet due
    ReferralFactory(status="closed", closed_on=dt.date(2025, 8, 1), **kw)
    ReferralFactory(partnership=f.PartnershipFactory())  # another partnership's
    agenda = services.agenda(meeting)
    assert agenda.new_referrals == [new] and agenda.reviews_due == [due]


def test_minutes_keep_a_case_open_until_the_next_review_then_close_it(client, partnership):
    case = ReferralFactory(partnership=partnership, referral_date=dt.date(2025, 9, 1))
    first = MeetingFactory(partnership=partnership, date=dt.date(2025, 10, 1))
    second = MeetingFactory(partnership=partnership, date=dt.date(2025, 11, 5))
    client.force_login(f.member(partnership, "panel_member"))

    def minutes(meeting, data):
        url = reverse(
            "panel:review_add",
            kwargs={"partnership": "county", "parent": meeting.pk, "referral": case.pk},
        )
        return client.post(url, data)

    response = minutes(
        first, {"minutes": "Agreed mentoring.", "risk_level": "medium", "decision": "continue"}
    )
    assert "Enter the date of the next review" in response.content.decode()
    response = minutes(
        first,
        {
            "minutes": "Agreed mentoring.",
            "risk_level": "medium",
            "decision": "continue",
            "next_review_date": "2025-11-05",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.risk_level, case.next_review_date) == (
        "open",
        "medium",
        dt.date(2025, 11, 5),
    )
    assert services.agenda(first).new_referrals == [case]  # minuted there, still on its agenda
    assert services.agenda(second).reviews_due == [case]

    response = minutes(
        second, {"minutes": "Engaging well.", "risk_level": "low", "decision": "close"}
    )
    assert "Select the outcome of the closed case" in response.content.decode()
    minutes(
        second,
        {
            "minutes": "Engaging well.",
            "risk_level": "low",
            "decision": "close",
            "outcome": "risk_reduced",
        },
    )
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.outcome) == (
        CaseStatus.CLOSED,
        second.date,
        "risk_reduced",
    )
    assert CaseReview.objects.filter(referral=case).count() == 2
    again = minutes(
        second,
        {"minutes": "Twice.", "risk_level": "low", "decision": "close", "outcome": "risk_reduced"},
    )
    assert "already has minutes for this meeting" in again.content.decode()
    assert CaseReview.objects.filter(referral=case).count() == 2
    # the closed case stays on the agenda of the meeting that closed it, marked as minuted
    html = client.get(
        reverse("panel:meeting_detail", kwargs={"partnership": "county", "pk": second.pk})
    ).content.decode()
    assert case.reference in html and "Minuted" in html


def test_network_page_carries_the_graph_without_names(client, partnership):
    case = ReferralFactory(partnership=partnership, name="Hidden Name")
    connection = ConnectionFactory(network__partnership=partnership, reliability="reliable")
    young = NetworkNodeFactory(
        network=connection.network, kind="young_person", referral=case, label=""
    )
    client.force_login(f.member(partnership, "panel_member"))
    url = reverse(
        "panel:network_detail", kwargs={"partnership": "county", "pk": connection.network.pk}
    )
    html = client.get(url).content.decode()
    data = json.loads(
        re.search(r'id="network-data" type="application/json">(.*?)</script>', html).group(1)
    )
    labels = {node["label"] for node in data["nodes"]}
    assert labels == {case.reference, connection.source_node.label, connection.target_node.label}
    assert {(link["source"], link["target"]) for link in data["links"]} == {
        (connection.source_node_id, connection.target_node_id)
    }
    assert young.pk in {node["id"] for node in data["nodes"]}
    assert "Hidden Name" not in html


def test_connection_choices_are_the_networks_own_members(client, partnership):
    connection = ConnectionFactory(network__partnership=partnership)
    elsewhere = NetworkNodeFactory(network__partnership=partnership, label="Adult elsewhere")
    client.force_login(f.member(partnership, "panel_member"))
    url = reverse(
        "panel:connection_add", kwargs={"partnership": "county", "parent": connection.network.pk}
    )
    html = client.get(url).content.decode()
    assert connection.source_node.label in html and "Adult elsewhere" not in html
    response = client.post(
        url,
        {
            "source_node": connection.source_node.pk,
            "target_node": elsewhere.pk,
            "relationship": "x",
            "information_source": "y",
            "reliability": "reliable",
        },
    )
    assert "There is a problem" in response.content.decode()


def test_over_25s_are_refused(partnership):
    from django.core.exceptions import ValidationError

    case = Referral(date_of_birth=dt.date(1990, 1, 1), referral_date=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError, match="up to 25"):
        case.clean()
