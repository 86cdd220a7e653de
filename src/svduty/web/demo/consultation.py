"""The demo's consultation on the draft strategy (autumn 2023) and what each consultee said."""

from __future__ import annotations

import datetime as dt

from svduty.web.consultation.models import Consultation, ConsultationResponse
from svduty.web.demo.context import DemoContext
from svduty.web.demo.data import Record, load

#: The first response was heard a week after the consultation opened; the others follow in turn.
FIRST_RESPONSE = dt.date(2023, 10, 9)
DAYS_BETWEEN_RESPONSES = 6


class ConsultationRow(Record):
    title: str
    subject: str
    opened_on: dt.date
    closed_on: dt.date
    summary: str


class ResponseRow(Record):
    consultee_kind: str
    consultee: str
    organisation: str | None = None
    method: str
    participants: int | None = None
    what_they_said: str
    what_changed: str = ""


class ConsultationData(Record):
    consultation: ConsultationRow
    responses: tuple[ResponseRow, ...]


def seed_consultation(context: DemoContext, today: dt.date) -> None:
    """The consultation: relevant authorities, young people, communities, voluntary sector."""
    p, orgs = context.partnership, context.organisations
    data = load("consultation", ConsultationData)
    consultation = Consultation.objects.create(
        partnership=p,
        title=data.consultation.title,
        subject=data.consultation.subject,
        opened_on=data.consultation.opened_on,
        closed_on=data.consultation.closed_on,
        summary=data.consultation.summary,
    )
    for offset, row in enumerate(data.responses):
        ConsultationResponse.objects.create(
            partnership=p,
            consultation=consultation,
            consultee_kind=row.consultee_kind,
            consultee=row.consultee,
            organisation=orgs[row.organisation] if row.organisation else None,
            method=row.method,
            held_on=FIRST_RESPONSE + dt.timedelta(days=DAYS_BETWEEN_RESPONSES * offset),
            participants=row.participants,
            what_they_said=row.what_they_said,
            what_changed=row.what_changed,
        )
