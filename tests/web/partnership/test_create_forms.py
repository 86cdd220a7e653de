"""Creating a record that points at another of the partnership's records (issue 16 item 13).

The partnership used to be set on the new object only after validation, so a model's
same-partnership check compared the chosen board's partnership with nothing and refused it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from svduty.web.common.roles import Role
from svduty.web.partnership.models import Board
from svduty.web.strategy.models import Action
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_a_board_with_a_parent_board_can_be_created(client) -> None:
    parent = f.BoardFactory()
    partnership = parent.partnership
    client.force_login(f.member(partnership, Role.COORDINATOR))
    url = reverse("partnership:board_add", kwargs={"partnership": partnership.slug})
    response = client.post(
        url,
        {
            "name": "Delivery group",
            "kind": parent.kind,
            "parent": parent.pk,
            "meeting_frequency": "quarterly",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    child = Board.objects.get(name="Delivery group")
    assert child.parent == parent and child.partnership == partnership


def test_an_action_reporting_to_a_board_can_be_created(client) -> None:
    strategy = f.StrategyFactory()
    partnership = strategy.partnership
    board = f.BoardFactory(partnership=partnership)
    owner = f.OrganisationFactory(partnership=partnership)
    client.force_login(f.member(partnership, Role.COORDINATOR))
    url = reverse("strategy:action_add", kwargs={"partnership": partnership.slug})
    response = client.post(
        url,
        {
            "strategy": strategy.pk,
            "reference": "1.1",
            "title": "Mentoring in schools",
            "pillar": Action._meta.get_field("pillar").choices[0][0],
            "start_date": dt.date(2025, 4, 1).isoformat(),
            "due_date": dt.date(2026, 3, 31).isoformat(),
            "board": board.pk,
            "owner_organisation": owner.pk,
            "lead": "Youth service manager",
            "measures": "Young people mentored",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    action = Action.objects.get(reference="1.1")
    assert action.board == board and action.partnership == partnership


def test_another_partnerships_board_is_still_refused(client) -> None:
    strategy = f.StrategyFactory()
    partnership = strategy.partnership
    elsewhere = f.BoardFactory()  # a board of another partnership
    owner = f.OrganisationFactory(partnership=partnership)
    client.force_login(f.member(partnership, Role.COORDINATOR))
    url = reverse("strategy:action_add", kwargs={"partnership": partnership.slug})
    response = client.post(
        url,
        {
            "strategy": strategy.pk,
            "reference": "1.2",
            "title": "Outreach",
            "pillar": Action._meta.get_field("pillar").choices[0][0],
            "start_date": "2025-04-01",
            "due_date": "2026-03-31",
            "board": elsewhere.pk,
            "owner_organisation": owner.pk,
            "lead": "Youth service manager",
            "measures": "Young people reached",
        },
    )
    assert response.status_code == 200
    assert "board" in response.context["form"].errors
    assert not Action.objects.filter(reference="1.2").exists()
