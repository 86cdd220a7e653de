"""factory-boy factories for the web apps: every object is built inside one partnership."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from svduty.web.organisations.models import Membership, Organisation, OrganisationKind, User
from svduty.web.partnership.models import (
    Board,
    BoardKind,
    DutyRequirement,
    MeetingFrequency,
    Partnership,
    PartnershipAgreement,
    RequirementKind,
    ReviewFrequency,
    SeniorResponsibleOfficer,
)
from svduty.web.strategy.models import (
    Action,
    Direction,
    Measure,
    MeasureKind,
    MeasureValue,
    Pillar,
    Priority,
    QuarterlyUpdate,
    Rag,
    Recommendation,
    Strategy,
)

PASSWORD = "correct-horse-battery-staple"


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    area_name = factory.Sequence(lambda n: f"Area {n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.POLICE


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    partnership = factory.SubFactory(PartnershipFactory)
    user = factory.SubFactory(UserFactory)
    role = "viewer"
    organisation = None


def member(partnership: Partnership, role: str, organisation: Organisation | None = None) -> User:
    """A new user holding ``role`` in ``partnership`` (acting for ``organisation``)."""
    return MembershipFactory(partnership=partnership, role=role, organisation=organisation).user


class BoardFactory(DjangoModelFactory):
    class Meta:
        model = Board

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Board {n}")
    kind = BoardKind.STRATEGIC_BOARD
    meeting_frequency = MeetingFrequency.QUARTERLY


class SeniorResponsibleOfficerFactory(DjangoModelFactory):
    class Meta:
        model = SeniorResponsibleOfficer

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    name = factory.Sequence(lambda n: f"Officer {n}")


class PartnershipAgreementFactory(DjangoModelFactory):
    class Meta:
        model = PartnershipAgreement

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Partnership agreement"
    period_start = dt.date(2023, 4, 1)
    period_end = dt.date(2026, 3, 31)
    review_frequency = ReviewFrequency.BIANNUAL


class DutyRequirementFactory(DjangoModelFactory):
    class Meta:
        model = DutyRequirement

    partnership = factory.SubFactory(PartnershipFactory)
    kind = RequirementKind.NEEDS_ASSESSMENT
    title = "Strategic needs assessment"
    due_date = dt.date(2024, 1, 31)


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Serious violence strategy 2024–2027"
    period_start = dt.date(2024, 1, 31)
    period_end = dt.date(2027, 1, 30)
    definition_name = "home-office-core"


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    strategy = factory.SubFactory(StrategyFactory)
    partnership = factory.SelfAttribute("strategy.partnership")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n}")


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    strategy = factory.SubFactory(StrategyFactory)
    partnership = factory.SelfAttribute("strategy.partnership")
    reference = factory.Sequence(lambda n: f"R{n}")
    text = "Share emergency-department assault data monthly."


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    strategy = factory.SubFactory(StrategyFactory)
    partnership = factory.SelfAttribute("strategy.partnership")
    reference = factory.Sequence(lambda n: f"A{n}")
    title = factory.Sequence(lambda n: f"Action {n}")
    pillar = Pillar.PREVENT
    owner_organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    lead = "Sam Lead"
    start_date = dt.date(2024, 4, 1)
    due_date = dt.date(2030, 3, 31)
    measures = "Number of young people reached."


class QuarterlyUpdateFactory(DjangoModelFactory):
    class Meta:
        model = QuarterlyUpdate

    action = factory.SubFactory(ActionFactory)
    partnership = factory.SelfAttribute("action.partnership")
    financial_year = 2024
    quarter = 1
    rag = Rag.GREEN
    progress = "On track."


class MeasureFactory(DjangoModelFactory):
    """A reported (manual) measure: baseline 100 in 2024/25 Q1, target 80 by 2025/26 Q1."""

    class Meta:
        model = Measure

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    kind = MeasureKind.MANUAL
    baseline_year = 2024
    baseline_quarter = 1
    baseline_value = 100
    target_value = 80
    target_date = dt.date(2025, 6, 30)
    direction = Direction.LOWER


class MeasureValueFactory(DjangoModelFactory):
    class Meta:
        model = MeasureValue

    measure = factory.SubFactory(MeasureFactory)
    partnership = factory.SelfAttribute("measure.partnership")
    financial_year = 2024
    quarter = 2
    value = 95
