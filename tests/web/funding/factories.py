"""factory-boy factories for the funding app (Warwickshire's Home Office figures by default)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from svduty.web.funding.models import (
    Application,
    BiddingRound,
    CostType,
    Criterion,
    GrantAllocation,
    GrantStream,
    ProjectAllocation,
    RoundStatus,
    SpendLine,
    StreamKind,
)
from tests.web.factories import OrganisationFactory, PartnershipFactory


class GrantStreamFactory(DjangoModelFactory):
    class Meta:
        model = GrantStream

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Serious Violence Duty grant {n}")
    kind = StreamKind.HOME_OFFICE_SVD
    funder = "Home Office"


class GrantAllocationFactory(DjangoModelFactory):
    class Meta:
        model = GrantAllocation

    stream = factory.SubFactory(GrantStreamFactory)
    partnership = factory.SelfAttribute("stream.partnership")
    financial_year = 2023
    labour_amount = Decimal("180000.00")
    non_labour_amount = Decimal("83506.30")


class ProjectAllocationFactory(DjangoModelFactory):
    class Meta:
        model = ProjectAllocation

    allocation = factory.SubFactory(GrantAllocationFactory)
    partnership = factory.SelfAttribute("allocation.partnership")
    name = factory.Sequence(lambda n: f"Project {n}")
    cost_type = CostType.NON_LABOUR
    amount = Decimal("20000.00")


class SpendLineFactory(DjangoModelFactory):
    class Meta:
        model = SpendLine

    allocation = factory.SubFactory(GrantAllocationFactory)
    partnership = factory.SelfAttribute("allocation.partnership")
    cost_type = CostType.LABOUR
    amount = Decimal("1000.00")
    spent_on = dt.date(2023, 6, 30)
    description = "Analyst salary, June"


class BiddingRoundFactory(DjangoModelFactory):
    class Meta:
        model = BiddingRound

    stream = factory.SubFactory(GrantStreamFactory)
    partnership = factory.SelfAttribute("stream.partnership")
    title = factory.Sequence(lambda n: f"Community fund round {n}")
    financial_year = 2023
    budget = Decimal("50000.00")
    opens_on = dt.date(2023, 5, 1)
    closes_on = dt.date(2023, 6, 30)
    status = RoundStatus.SCORING


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    bidding_round = factory.SubFactory(BiddingRoundFactory)
    partnership = factory.SelfAttribute("bidding_round.partnership")
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 50
    max_score = 5


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    bidding_round = factory.SubFactory(BiddingRoundFactory)
    partnership = factory.SelfAttribute("bidding_round.partnership")
    applicant = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    project_title = factory.Sequence(lambda n: f"Mentoring project {n}")
    summary = "One-to-one mentoring for young people at risk of exclusion."
    amount_requested = Decimal("15000.00")
