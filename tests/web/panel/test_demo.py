"""The demo adds a panel: synthetic referrals, two meetings, a small network, a panel log-in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from svduty.web.demo import DEMO_SLUG, seed_demo
from svduty.web.organisations.models import User
from svduty.web.panel import services
from svduty.web.panel.models import Meeting, Network, PlaceReview, Referral

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 11, 3)


def test_demo_panel(client):
    logins = {login.username: login.role for login in seed_demo(today=TODAY)}
    assert logins["panel"] == "panel_member"
    referrals = Referral.objects.filter(partnership__slug=DEMO_SLUG)
    assert referrals.count() == 8
    assert (
        sorted(referrals.values_list("status", flat=True))
        == ["closed"] + ["new"] * 4 + ["open"] * 3
    )
    last, upcoming = Meeting.objects.order_by("date")
    assert (last.date, upcoming.date) == (
        TODAY - dt.timedelta(days=28),
        TODAY + dt.timedelta(days=7),
    )
    agenda = services.agenda(upcoming)
    assert len(agenda.new_referrals) == 4 and len(agenda.reviews_due) == 3
    network = Network.objects.get()
    assert (network.nodes.count(), network.connections.count()) == (8, 8)
    assert PlaceReview.objects.count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM panel_referral")
        assert all(row[0].startswith("gAAAAA") for row in cursor.fetchall())

    client.force_login(User.objects.get(username="panel"))
    assert client.get(f"/p/{DEMO_SLUG}/panel/networks/{network.pk}/").status_code == 200
    client.force_login(User.objects.get(username="board"))
    assert client.get(f"/p/{DEMO_SLUG}/panel/").status_code == 403
