"""factory-boy factories for the consultation app."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from svduty.web.consultation.models import (
    Consultation,
    ConsultationResponse,
    ConsulteeKind,
    Method,
)
from tests.web.factories import PartnershipFactory


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Draft strategy consultation {n}")
    subject = "The draft serious violence strategy"
    opened_on = dt.date(2023, 10, 1)
    closed_on = dt.date(2023, 11, 30)


class ConsultationResponseFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationResponse

    consultation = factory.SubFactory(ConsultationFactory)
    partnership = factory.SelfAttribute("consultation.partnership")
    consultee_kind = ConsulteeKind.YOUNG_PEOPLE
    consultee = "Youth council"
    method = Method.FOCUS_GROUP
    held_on = dt.date(2023, 10, 20)
    participants = 14
    what_they_said = "Feel unsafe travelling home after dark."
    what_changed = "Added safe-travel routes to priority 3."
