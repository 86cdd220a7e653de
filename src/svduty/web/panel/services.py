"""Panel business rules that are not one model's: the agenda, review outcomes, search, retention,
key rotation and exports."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from svduty.reports.cells import SafeCsvWriter
from svduty.web.panel import crypto
from svduty.web.panel.fields import EncryptedDateField, EncryptedTextField
from svduty.web.panel.models import (
    CaseReview,
    CaseStatus,
    Decision,
    DeletionRecord,
    Meeting,
    PanelAction,
    Referral,
)


@dataclass
class Agenda:
    new_referrals: list[Referral]
    reviews_due: list[Referral]

    @property
    def cases(self) -> list[Referral]:
        return self.new_referrals + self.reviews_due


def agenda(meeting: Meeting) -> Agenda:
    """New referrals received by the meeting date, and open cases due for review by then.

    Cases minuted at this meeting stay on its agenda (in the section they came in by), so the
    agenda of a past meeting still reads as it was run.
    """
    cases = Referral.objects.filter(partnership=meeting.partnership_id)
    reviewed_here = set(meeting.reviews.values_list("referral_id", flat=True))
    first_reviewed_here = {
        referral_id
        for referral_id in reviewed_here
        if not CaseReview.objects.filter(
            referral_id=referral_id, meeting__date__lt=meeting.date
        ).exists()
    }
    candidates = cases.filter(
        Q(status=CaseStatus.NEW, referral_date__lte=meeting.date)
        | Q(status=CaseStatus.OPEN, next_review_date__lte=meeting.date)
        | Q(pk__in=reviewed_here)
    ).order_by("referral_date", "reference")
    new, due = [], []
    for case in candidates:
        if case.status == CaseStatus.NEW or case.pk in first_reviewed_here:
            new.append(case)
        else:
            due.append(case)
    due.sort(key=lambda case: (case.next_review_date or meeting.date, case.reference))
    return Agenda(new_referrals=new, reviews_due=due)


@transaction.atomic
def record_review(review: CaseReview) -> CaseReview:
    """Save the minutes of a case and apply the decision: next review date, or closure."""
    review.save()
    referral = review.referral
    referral.risk_level = review.risk_level
    if review.decision == Decision.CLOSE:
        referral.status = CaseStatus.CLOSED
        referral.closed_on = review.meeting.date
        referral.outcome = review.outcome
        referral.next_review_date = None
    else:
        referral.status = CaseStatus.OPEN
        referral.next_review_date = review.next_review_date
    referral.save()
    return review


def search(partnership, query: str) -> list[Referral]:
    """Referrals whose reference, name, school or reason contains ``query`` (case-insensitive).

    Names are encrypted with a randomised token, so they are compared after decryption, in Python.
    """
    needle = query.strip().lower()
    found = []
    for referral in Referral.objects.filter(partnership=partnership).select_related(
        "referring_organisation"
    ):
        haystack = (referral.reference, referral.name, referral.school, referral.reason)
        if any(needle in (text or "").lower() for text in haystack):
            found.append(referral)
    return found


def past_retention(partnership, today: dt.date | None = None) -> list[Referral]:
    """Closed cases older than the retention period: flagged for deletion."""
    today = today or timezone.localdate()
    closed = Referral.objects.filter(partnership=partnership, status=CaseStatus.CLOSED)
    return [r for r in closed.order_by("closed_on") if r.past_retention(today)]


@transaction.atomic
def delete_case(referral: Referral, user, reason: str) -> DeletionRecord:
    """Delete a case past retention with everything about it, keeping a deletion record."""
    if not referral.past_retention():
        raise ValueError(f"{referral.reference} is not past its retention period.")
    record = DeletionRecord.objects.create(
        partnership=referral.partnership,
        reference=referral.reference,
        referral_date=referral.referral_date,
        closed_on=referral.closed_on,
        outcome=referral.outcome,
        deleted_by=user.get_username(),
        reason=reason,
    )
    referral.delete()  # cascades to reviews, actions and network nodes
    return record


def encrypted_fields() -> list[tuple[type, list[str]]]:
    """Every model with encrypted fields, and their names."""
    found = []
    for model in apps.get_app_config("panel").get_models():
        names = [
            f.name
            for f in model._meta.fields
            if isinstance(f, EncryptedTextField | EncryptedDateField)
        ]
        if names:
            found.append((model, names))
    return found


def rotate_keys() -> int:
    """Re-encrypt every identity value under the current (first) key; returns rows rewritten."""
    from django.db import connection

    count = 0
    for model, names in encrypted_fields():
        table = model._meta.db_table
        columns = [model._meta.get_field(name).column for name in names]
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('id')}, {', '.join(quote(c) for c in columns)} FROM {quote(table)}"
            )
            rows = cursor.fetchall()
            for pk, *tokens in rows:
                fresh = [crypto.rotate(t) if t else t for t in tokens]
                assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
                cursor.execute(
                    f"UPDATE {quote(table)} SET {assignments} WHERE {quote('id')} = %s",
                    [*fresh, pk],
                )
                count += 1
    return count


def _stamp(writer, title: str, user) -> None:
    writer.writerow([title])
    writer.writerow(["Exported by", user.get_username()])
    writer.writerow(["Exported at", timezone.localtime().strftime("%Y-%m-%d %H:%M:%S %Z")])
    writer.writerow(["OFFICIAL-SENSITIVE: panel members only; do not forward."])
    writer.writerow([])


def minutes_csv(meeting: Meeting, user) -> str:
    """The meeting's attendance, minutes per case (by reference) and actions, stamped."""
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    _stamp(writer, f"Minutes: {meeting}", user)
    writer.writerow(["Attendance", "Organisation", "Present"])
    for row in meeting.attendance.select_related("organisation"):
        writer.writerow(
            [row.attendee, row.organisation.name, "yes" if row.present else "apologies"]
        )
    writer.writerow([])
    writer.writerow(["Case", "Risk level", "Decision", "Next review", "Outcome", "Minutes"])
    for review in meeting.reviews.select_related("referral"):
        writer.writerow(
            [
                review.referral.reference,
                review.get_risk_level_display(),
                review.get_decision_display(),
                review.next_review_date or "",
                review.get_outcome_display(),
                review.minutes,
            ]
        )
    writer.writerow([])
    _actions(writer, meeting.actions.all())
    return out.getvalue()


def actions_csv(partnership, user) -> str:
    """Every open panel action with its owner and due date, stamped."""
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    _stamp(writer, "Panel action list", user)
    _actions(writer, PanelAction.objects.filter(partnership=partnership, completed_on__isnull=True))
    return out.getvalue()


def _actions(writer, actions) -> None:
    writer.writerow(["About", "Action", "Owner", "Due", "Completed"])
    for action in actions.select_related("referral", "place_review", "owner_organisation"):
        about = action.referral.reference if action.referral_id else str(action.place_review)
        writer.writerow(
            [
                about,
                action.description,
                action.owner_organisation.name,
                action.due_date,
                action.completed_on or "",
            ]
        )
