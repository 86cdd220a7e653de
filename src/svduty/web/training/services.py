"""Training reach: people trained by organisation (and the kind of authority it is)."""

from __future__ import annotations

from django.db.models import Count, Sum

from svduty.web.common.periods import financial_year_bounds
from svduty.web.training.models import Attendance


def attendance_by_organisation(partnership, year: int | None = None) -> list[dict]:
    """``[{organisation, kind, sessions, attendees}]``, most trained first.

    ``year`` narrows to sessions held in that financial year.
    """
    rows = Attendance.objects.filter(partnership=partnership)
    if year is not None:
        start, end = financial_year_bounds(year)
        rows = rows.filter(session__held_on__range=(start, end))
    return list(
        rows.values("organisation__name", "organisation__kind")
        .annotate(sessions=Count("session", distinct=True), attendees=Sum("attendees"))
        .order_by("-attendees", "organisation__name")
    )
