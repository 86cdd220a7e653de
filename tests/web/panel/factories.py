"""factory-boy factories for the panel app (fictional people only)."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from svduty.web.panel.models import (
    CaseStatus,
    Connection,
    ConsentStatus,
    Ethnicity,
    LawfulBasis,
    Meeting,
    Network,
    NetworkNode,
    NodeKind,
    Outcome,
    PanelAction,
    PlaceReview,
    Referral,
    Reliability,
    RiskLevel,
    Sex,
)
from tests.web.factories import OrganisationFactory, PartnershipFactory


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    partnership = factory.SubFactory(PartnershipFactory)
    referring_organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    referral_date = dt.date(2025, 9, 1)
    referrer = "PC Dana Smith"
    name = factory.Sequence(lambda n: f"Jordan Testperson{n}")
    date_of_birth = dt.date(2009, 5, 17)
    address = "12 Fictional Row, Northby, NB1 2XX"
    sex = Sex.MALE
    ethnicity = Ethnicity.WHITE
    school = "Northby Academy"
    reason = "Found carrying a knife near the station."
    risk_indicators = factory.LazyFunction(lambda: ["weapon_carrying", "missing_episodes"])
    lawful_basis = LawfulBasis.PUBLIC_TASK
    consent_status = ConsentStatus.NOT_SOUGHT
    risk_level = RiskLevel.HIGH
    risk_reasons = "Repeat weapon carrying; two missing episodes."


class ClosedReferralFactory(ReferralFactory):
    status = CaseStatus.CLOSED
    closed_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=800))
    outcome = Outcome.RISK_REDUCED


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    partnership = factory.SubFactory(PartnershipFactory)
    date = dt.date(2025, 10, 1)
    chair = "Chair Person"


class PanelActionFactory(DjangoModelFactory):
    class Meta:
        model = PanelAction

    referral = factory.SubFactory(ReferralFactory)
    partnership = factory.SelfAttribute("referral.partnership")
    owner_organisation = factory.SelfAttribute("referral.referring_organisation")
    description = "Offer a youth worker."
    due_date = dt.date(2025, 11, 1)


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = Network

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Network {n}")


class NetworkNodeFactory(DjangoModelFactory):
    class Meta:
        model = NetworkNode

    network = factory.SubFactory(NetworkFactory)
    partnership = factory.SelfAttribute("network.partnership")
    kind = NodeKind.ADULT
    label = factory.Sequence(lambda n: f"Adult {n}")


class ConnectionFactory(DjangoModelFactory):
    class Meta:
        model = Connection

    network = factory.SubFactory(NetworkFactory)
    partnership = factory.SelfAttribute("network.partnership")
    source_node = factory.SubFactory(NetworkNodeFactory, network=factory.SelfAttribute("..network"))
    target_node = factory.SubFactory(NetworkNodeFactory, network=factory.SelfAttribute("..network"))
    relationship = "Seen together"
    information_source = "Police intelligence"
    reliability = Reliability.UNTESTED


class PlaceReviewFactory(DjangoModelFactory):
    class Meta:
        model = PlaceReview

    partnership = factory.SubFactory(PartnershipFactory)
    name = "Station underpass"
    lsoa_code = "E01099001"
    concerns = "Robberies after school."
