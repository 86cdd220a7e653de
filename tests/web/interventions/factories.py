"""factory-boy factories for the interventions app."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from svduty.web.interventions.models import (
    Evaluation,
    EvaluationMethod,
    Intervention,
    Level,
    Outcome,
    QuarterlyOutput,
)
from svduty.web.strategy.models import Pillar
from tests.web.factories import OrganisationFactory, PartnershipFactory


class InterventionFactory(DjangoModelFactory):
    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Mentoring programme {n}")
    provider = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    pillar = Pillar.PREVENT
    level = Level.TARGETED
    target_cohort = "Young people at risk of exclusion"
    min_age = 11
    max_age = 17
    areas = "Northtown"
    start_date = dt.date(2023, 4, 1)


class QuarterlyOutputFactory(DjangoModelFactory):
    class Meta:
        model = QuarterlyOutput

    intervention = factory.SubFactory(InterventionFactory)
    partnership = factory.SelfAttribute("intervention.partnership")
    financial_year = 2024
    quarter = 1
    people_reached = 40


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    intervention = factory.SubFactory(InterventionFactory)
    partnership = factory.SelfAttribute("intervention.partnership")
    measure = "School attendance"
    baseline = "78%"
    result = "86%"
    measured_on = dt.date(2024, 7, 1)


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation

    intervention = factory.SubFactory(InterventionFactory)
    partnership = factory.SelfAttribute("intervention.partnership")
    method = EvaluationMethod.PRE_POST
    evaluator = "University evaluation team"
    completed_on = dt.date(2024, 9, 30)
    result = "Fewer exclusions among participants."
    maryland_level = 2
