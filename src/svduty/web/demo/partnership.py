"""The demo partnership itself, its governance (boards, officers, agreement) and its calendar."""

from __future__ import annotations

import datetime as dt

from svduty.web.demo.context import DEMO_SLUG, DemoContext
from svduty.web.demo.data import Record, load
from svduty.web.partnership.models import (
    Board,
    Partnership,
    PartnershipAgreement,
    SeniorResponsibleOfficer,
)
from svduty.web.partnership.services import add_standard_requirements


class PartnershipRow(Record):
    name: str
    area_name: str
    area_code: str


class BoardRow(Record):
    key: str | None = None
    name: str
    kind: str
    parent: str | None = None
    meeting_frequency: str
    chair: str = ""


class OfficerRow(Record):
    organisation: str
    name: str
    job_title: str


class AgreementRow(Record):
    title: str
    signed_on: dt.date
    period_start: dt.date
    period_end: dt.date
    review_frequency: int


class PartnershipData(Record):
    partnership: PartnershipRow
    boards: tuple[BoardRow, ...]
    senior_responsible_officers: tuple[OfficerRow, ...]
    agreement: AgreementRow


def _data() -> PartnershipData:
    return load("partnership", PartnershipData)


def create_partnership() -> Partnership:
    """The Sample County partnership, under the demo's slug."""
    row = _data().partnership
    return Partnership.objects.create(
        name=row.name, slug=DEMO_SLUG, area_name=row.area_name, area_code=row.area_code
    )


def seed_governance(context: DemoContext, today: dt.date) -> None:
    """Boards under the strategic board, a senior officer per authority, the agreement."""
    p, orgs, data = context.partnership, context.organisations, _data()
    boards: dict[str, Board] = {}
    for row in data.boards:
        board = Board.objects.create(
            partnership=p,
            name=row.name,
            kind=row.kind,
            parent=boards[row.parent] if row.parent else None,
            meeting_frequency=row.meeting_frequency,
            chair=row.chair,
        )
        if row.key:
            boards[row.key] = board
    for officer in data.senior_responsible_officers:
        SeniorResponsibleOfficer.objects.create(
            partnership=p,
            organisation=orgs[officer.organisation],
            name=officer.name,
            job_title=officer.job_title,
        )
    agreement = data.agreement
    PartnershipAgreement.objects.create(
        partnership=p,
        title=agreement.title,
        signed_on=agreement.signed_on,
        period_start=agreement.period_start,
        period_end=agreement.period_end,
        review_frequency=agreement.review_frequency,
    )


def seed_calendar(context: DemoContext, today: dt.date) -> None:
    """The Duty's standard deadlines from 2023; all but the last quarter's are done."""
    p = context.partnership
    add_standard_requirements(p, 2023, max(today.year, 2026))
    # Everything due more than a quarter ago was done, a few days early; the latest is left open.
    for requirement in p.requirements.filter(due_date__lt=today - dt.timedelta(days=90)):
        requirement.completed_on = requirement.due_date - dt.timedelta(days=4)
        requirement.save()
