"""The demo's training: three courses, a session every two months or so, and who attended.

Session dates and attendance are drawn from the context's seeded random generator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from svduty.web.demo.context import DemoContext
from svduty.web.demo.data import Record, load
from svduty.web.training.models import Attendance, Course, TrainingSession

#: The first session, and how many are held at most (the courses take turns).
FIRST_SESSION = dt.date(2023, 5, 10)
SESSIONS = 12


class CourseRow(Record):
    title: str
    audience: str
    duration_hours: Decimal


class TrainingData(Record):
    courses: tuple[CourseRow, ...]
    venues: tuple[str, ...]
    trainer: str
    capacity: int
    trainee_organisations: tuple[str, ...]


def seed_training(context: DemoContext, today: dt.date) -> None:
    """The courses, their sessions from May 2023 until today, and each session's attendance."""
    p, orgs, rng = context.partnership, context.organisations, context.rng
    data = load("training", TrainingData)
    courses = [
        Course.objects.create(
            partnership=p, title=row.title, audience=row.audience, duration_hours=row.duration_hours
        )
        for row in data.courses
    ]
    held_on = FIRST_SESSION
    index = 0
    while held_on <= today and index < SESSIONS:
        session = TrainingSession.objects.create(
            partnership=p,
            course=courses[index % len(courses)],
            held_on=held_on,
            venue=data.venues[index % len(data.venues)],
            trainer=data.trainer,
            capacity=data.capacity,
        )
        left = session.capacity
        for key in rng.sample(data.trainee_organisations, 5):
            attendees = min(left, rng.randrange(2, 8))
            if attendees <= 0:
                break
            Attendance.objects.create(
                partnership=p, session=session, organisation=orgs[key], attendees=attendees
            )
            left -= attendees
        held_on += dt.timedelta(days=rng.randrange(50, 80))
        index += 1
