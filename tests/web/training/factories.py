"""factory-boy factories for the training app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from svduty.web.training.models import Attendance, Course, TrainingSession
from tests.web.factories import OrganisationFactory, PartnershipFactory


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Trauma-informed practice {n}")
    audience = "Front-line practitioners"
    duration_hours = Decimal("3.0")


class TrainingSessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory)
    partnership = factory.SelfAttribute("course.partnership")
    held_on = dt.date(2024, 5, 14)
    venue = "County Hall"
    trainer = "Alex Trainer"
    capacity = 30


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(TrainingSessionFactory)
    partnership = factory.SelfAttribute("session.partnership")
    organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    attendees = 5
