"""Keeping the Duty calendar complete: add the standard milestones and agreement reviews once."""

from __future__ import annotations

from svduty.web.partnership import calendar
from svduty.web.partnership.models import DutyRequirement, Partnership, RequirementKind


def add_standard_requirements(partnership: Partnership, first_year: int, last_year: int) -> int:
    """Create the Duty's milestones (and each agreement's reviews) that are not yet recorded.

    Returns how many were added; an existing requirement of the same kind and due date is kept.
    """
    wanted = [
        (m.kind, m.title, m.due_date) for m in calendar.standard_milestones(first_year, last_year)
    ]
    for agreement in partnership.agreements.all():
        for when in agreement.review_dates():
            wanted.append((RequirementKind.AGREEMENT_REVIEW, f"Review of {agreement.title}", when))
    existing = set(partnership.requirements.values_list("kind", "due_date"))
    added = [
        DutyRequirement(partnership=partnership, kind=kind, title=title, due_date=due)
        for kind, title, due in wanted
        if (kind, due) not in existing
    ]
    for requirement in added:
        requirement.save()
    return len(added)
