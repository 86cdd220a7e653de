"""Sessions cannot take more people than they hold; attendance is summed by organisation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from svduty.web.organisations.models import OrganisationKind
from svduty.web.training import services
from tests.web import factories as f
from tests.web.training.factories import AttendanceFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_attendance_cannot_exceed_capacity():
    session = TrainingSessionFactory(capacity=20)
    AttendanceFactory(session=session, attendees=15)
    extra = AttendanceFactory.build(
        session=session,
        partnership=session.partnership,
        organisation=f.OrganisationFactory(partnership=session.partnership),
        attendees=6,
    )
    with pytest.raises(ValidationError) as caught:
        extra.clean()
    assert caught.value.message_dict["attendees"] == [
        "The session holds 20: 15 already attended, so at most 5 more."
    ]
    extra.attendees = 5
    extra.clean()


def test_capacity_cannot_drop_below_attendance():
    session = TrainingSessionFactory(capacity=20)
    AttendanceFactory(session=session, attendees=15)
    session.capacity = 14
    with pytest.raises(ValidationError, match="15 people already attended"):
        session.clean()


def test_attendance_by_organisation_and_year():
    first = TrainingSessionFactory(held_on=dt.date(2024, 5, 1))
    partnership = first.partnership
    second = TrainingSessionFactory(
        course=first.course, partnership=partnership, held_on=dt.date(2025, 4, 2)
    )
    police = f.OrganisationFactory(
        partnership=partnership, name="Police", kind=OrganisationKind.POLICE
    )
    fire = f.OrganisationFactory(
        partnership=partnership, name="Fire", kind=OrganisationKind.FIRE_AND_RESCUE
    )
    AttendanceFactory(session=first, organisation=police, attendees=8)
    AttendanceFactory(session=second, organisation=police, attendees=4)
    AttendanceFactory(session=first, organisation=fire, attendees=10)
    rows = services.attendance_by_organisation(partnership)
    assert [(r["organisation__name"], r["sessions"], r["attendees"]) for r in rows] == [
        ("Police", 2, 12),
        ("Fire", 1, 10),
    ]
    in_2024 = services.attendance_by_organisation(partnership, 2024)
    assert [(r["organisation__name"], r["attendees"]) for r in in_2024] == [
        ("Fire", 10),
        ("Police", 8),
    ]


def test_attendance_form_refuses_a_second_row_for_an_organisation(client):
    attendance = AttendanceFactory()
    session = attendance.session
    client.force_login(f.member(session.partnership, "coordinator"))
    url = reverse(
        "training:attendance_add",
        kwargs={"partnership": session.partnership.slug, "parent": session.pk},
    )
    response = client.post(url, {"organisation": attendance.organisation.pk, "attendees": "1"})
    assert response.status_code == 200
    assert "is already recorded" in response.content.decode()
