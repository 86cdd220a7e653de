"""Funding pages: the spend form refuses with the rule's message; the overview shows the figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from svduty.web.funding.models import SpendLine
from tests.web import factories as f
from tests.web.funding.factories import GrantAllocationFactory, SpendLineFactory

pytestmark = pytest.mark.django_db


def test_spend_form_records_spend_and_refuses_carry_over(client):
    allocation = GrantAllocationFactory()
    client.force_login(f.member(allocation.partnership, "coordinator"))
    url = reverse("funding:spend_add", kwargs={"partnership": allocation.partnership.slug})
    data = {
        "allocation": allocation.pk,
        "cost_type": "non_labour",
        "amount": "83506.30",
        "spent_on": "2024-04-02",
        "description": "Late invoice",
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "unspent money does not carry over" in page
    assert not SpendLine.objects.exists()

    response = client.post(url, {**data, "spent_on": "2024-03-28"})
    assert response.status_code == 302
    assert SpendLine.objects.get().amount == Decimal("83506.30")


def test_overview_shows_spend_against_allocation(client):
    allocation = GrantAllocationFactory()
    SpendLineFactory(allocation=allocation, amount=Decimal("1234.56"))
    client.force_login(f.member(allocation.partnership, "viewer"))
    page = client.get(
        reverse("funding:overview", kwargs={"partnership": allocation.partnership.slug})
    ).content.decode()
    assert "£180,000.00" in page and "£83,506.30" in page
    assert "£1,234.56" in page and "£178,765.44" in page
    assert "£263,506.30" in page
