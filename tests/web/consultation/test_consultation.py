"""Consultations record who was consulted, how, what they said and what changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from svduty.web.consultation.models import ConsultationResponse, ConsulteeKind
from tests.web import factories as f
from tests.web.consultation.factories import ConsultationFactory, ConsultationResponseFactory

pytestmark = pytest.mark.django_db


def test_a_consultation_closes_after_it_opens():
    consultation = ConsultationFactory.build(closed_on=dt.date(2023, 9, 1))
    with pytest.raises(ValidationError, match="close on or after it opens"):
        consultation.clean()


def test_detail_summarises_who_responded_and_what_changed(client):
    consultation = ConsultationFactory()
    ConsultationResponseFactory(consultation=consultation)
    ConsultationResponseFactory(
        consultation=consultation,
        consultee_kind=ConsulteeKind.RELEVANT_AUTHORITY,
        consultee="HMP Northtown",
        what_changed="",
    )
    client.force_login(f.member(consultation.partnership, "viewer"))
    page = client.get(
        reverse(
            "consultation:detail",
            kwargs={"partnership": consultation.partnership.slug, "pk": consultation.pk},
        )
    ).content.decode()
    assert "2 responses" in page and "young people: 1" in page
    assert "1 led to a change" in page
    assert "Feel unsafe travelling home after dark." in page


def test_coordinator_records_a_response(client):
    consultation = ConsultationFactory()
    client.force_login(f.member(consultation.partnership, "coordinator"))
    url = reverse(
        "consultation:response_add",
        kwargs={"partnership": consultation.partnership.slug, "parent": consultation.pk},
    )
    response = client.post(
        url,
        {
            "consultee_kind": "young_people",
            "consultee": "Year 10, Northtown Academy",
            "method": "workshop",
            "held_on": "2023-10-12",
            "participants": "28",
            "what_they_said": "Want trusted adults in youth clubs.",
            "what_changed": "Youth-worker action added.",
        },
    )
    assert response.status_code == 302
    saved = ConsultationResponse.objects.get()
    assert saved.partnership == consultation.partnership and saved.participants == 28
    assert saved.history.count() == 1
