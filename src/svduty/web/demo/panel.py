"""The demo's operational panel: synthetic referrals, two meetings, a small network, places.

Every name and address is invented (and encrypted at rest like real ones). Dates count from
today (referred over the last ten weeks, met four weeks ago, meeting next week); ethnicity,
consent and risk are drawn from the context's seeded random generator.
"""

from __future__ import annotations

import datetime as dt

from svduty.web.demo.context import DemoContext
from svduty.web.demo.data import Record, load
from svduty.web.panel.models import (
    Attendance,
    CaseReview,
    Connection,
    Meeting,
    Network,
    NetworkNode,
    PanelAction,
    PlaceReview,
    Referral,
)
from svduty.web.panel.services import record_review


class ReferralRow(Record):
    name: str
    sex: str
    reason: str
    risk_indicators: tuple[str, ...]


class AttendeeRow(Record):
    organisation: str
    attendee: str
    present: bool = True


class LastMeetingRow(Record):
    location: str
    attendance: tuple[AttendeeRow, ...]


class CaseReviewRow(Record):
    minutes: str
    action: str
    action_owner: str


class NodeRow(Record):
    kind: str
    label: str


class ConnectionRow(Record):
    source: str
    target: str
    relationship: str
    information_source: str
    reliability: str


class NetworkRow(Record):
    title: str
    summary: str
    young_people: tuple[str, ...]
    others: tuple[NodeRow, ...]
    connections: tuple[ConnectionRow, ...]


class PlaceActionRow(Record):
    description: str
    owner: str


class PlaceReviewRow(Record):
    name: str
    lsoa_code: str
    concerns: str
    design_out: str = ""
    trusted_adults: str = ""
    retailer_support: str = ""
    action: PlaceActionRow | None = None


class PanelData(Record):
    referrals: tuple[ReferralRow, ...]
    streets: tuple[str, ...]
    schools: tuple[str, ...]
    referring_organisations: tuple[str, ...]
    risk_reasons: str
    chair: str
    last_meeting: LastMeetingRow
    case_review: CaseReviewRow
    network: NetworkRow
    place_reviews: tuple[PlaceReviewRow, ...]


def seed_panel(context: DemoContext, today: dt.date) -> None:
    """Referrals, the last meeting (four cases reviewed, one closed), the next, a network."""
    data = load("panel", PanelData)
    referrals = _referrals(context, data, today)
    last, upcoming = _meetings(context, data, today)
    _case_reviews(context, data, referrals[:4], last, upcoming, closed=referrals[2])
    _network(context, data.network, referrals, today)
    _place_reviews(context, data, last, today)


def _referrals(context: DemoContext, data: PanelData, today: dt.date) -> list[Referral]:
    p, orgs, rng = context.partnership, context.organisations, context.rng
    referrals = []
    for n, row in enumerate(data.referrals):
        referral_date = today - dt.timedelta(days=70 - 8 * n)
        age = 13 + (n * 3) % 9
        referrer = data.referring_organisations[n % len(data.referring_organisations)]
        referrals.append(
            Referral.objects.create(
                partnership=p,
                referral_date=referral_date,
                referring_organisation=orgs[referrer],
                referrer=f"Practitioner {n + 1}",
                name=row.name,
                date_of_birth=referral_date - dt.timedelta(days=365 * age + 40 + n),
                address=f"{10 + n} {data.streets[n % len(data.streets)]}, Sample County SC{n} 1AA",
                sex=row.sex,
                ethnicity=rng.choice(["white", "white", "black", "asian", "mixed"]),
                school=data.schools[n % len(data.schools)],
                reason=row.reason,
                risk_indicators=list(row.risk_indicators),
                lawful_basis="public_task",
                consent_status=rng.choice(["given", "not_sought", "refused"]),
                risk_level=rng.choice(["medium", "high", "very_high"]),
                risk_reasons=data.risk_reasons,
            )
        )
    return referrals


def _meetings(context: DemoContext, data: PanelData, today: dt.date) -> tuple[Meeting, Meeting]:
    p, orgs = context.partnership, context.organisations
    last = Meeting.objects.create(
        partnership=p,
        date=today - dt.timedelta(days=28),
        chair=data.chair,
        location=data.last_meeting.location,
    )
    upcoming = Meeting.objects.create(
        partnership=p, date=today + dt.timedelta(days=7), chair=data.chair
    )
    for row in data.last_meeting.attendance:
        Attendance.objects.create(
            meeting=last,
            organisation=orgs[row.organisation],
            attendee=row.attendee,
            present=row.present,
        )
    return last, upcoming


def _case_reviews(
    context: DemoContext,
    data: PanelData,
    reviewed: list[Referral],
    last: Meeting,
    upcoming: Meeting,
    closed: Referral,
) -> None:
    """The cases reviewed at the last meeting: ``closed`` is stepped down, the others go on."""
    for referral in reviewed:
        stays_open = referral is not closed
        record_review(
            CaseReview(
                meeting=last,
                referral=referral,
                minutes=data.case_review.minutes,
                risk_level=referral.risk_level,
                decision="continue" if stays_open else "close",
                outcome="" if stays_open else "stepped_down",
                next_review_date=upcoming.date if stays_open else None,
            )
        )
        if stays_open:
            PanelAction.objects.create(
                partnership=context.partnership,
                referral=referral,
                meeting=last,
                description=data.case_review.action,
                owner_organisation=context.organisations[data.case_review.action_owner],
                due_date=upcoming.date - dt.timedelta(days=3),
            )


def _network(
    context: DemoContext, row: NetworkRow, referrals: list[Referral], today: dt.date
) -> None:
    """The network, its nodes by name (a young person's is the referral's) and the links."""
    network = Network.objects.create(
        partnership=context.partnership,
        title=row.title,
        summary=row.summary,
        strategy_meeting_date=today + dt.timedelta(days=14),
    )
    by_name = {referral.name: referral for referral in referrals}
    nodes = {
        name: NetworkNode.objects.create(
            network=network, kind="young_person", referral=by_name[name]
        )
        for name in row.young_people
    }
    for other in row.others:
        nodes[other.label] = NetworkNode.objects.create(
            network=network, kind=other.kind, label=other.label
        )
    for link in row.connections:
        Connection.objects.create(
            network=network,
            source_node=nodes[link.source],
            target_node=nodes[link.target],
            relationship=link.relationship,
            information_source=link.information_source,
            reliability=link.reliability,
        )


def _place_reviews(context: DemoContext, data: PanelData, last: Meeting, today: dt.date) -> None:
    """Places reviewed at the last meeting, each with its action if one was agreed."""
    p = context.partnership
    for row in data.place_reviews:
        place = PlaceReview.objects.create(
            partnership=p,
            name=row.name,
            lsoa_code=row.lsoa_code,
            review_date=last.date,
            concerns=row.concerns,
            design_out=row.design_out,
            trusted_adults=row.trusted_adults,
            retailer_support=row.retailer_support,
        )
        if row.action is not None:
            PanelAction.objects.create(
                partnership=p,
                place_review=place,
                meeting=last,
                description=row.action.description,
                owner_organisation=context.organisations[row.action.owner],
                due_date=today + dt.timedelta(days=30),
            )
