import datetime as dt

import pytest

from svduty.web.partnership import calendar
from svduty.web.partnership.calendar import Status, requirement_status, review_dates

TODAY = dt.date(2025, 6, 15)


@pytest.mark.parametrize(
    ("due", "done", "status"),
    [
        (dt.date(2025, 1, 31), dt.date(2025, 2, 10), Status.DONE),  # done late is still done
        (dt.date(2025, 6, 14), None, Status.OVERDUE),
        (dt.date(2025, 6, 15), None, Status.DUE_SOON),  # due today is not yet overdue
        (dt.date(2025, 7, 15), None, Status.DUE_SOON),  # 30 days ahead
        (dt.date(2025, 7, 16), None, Status.UPCOMING),
    ],
)
def test_requirement_status(due, done, status):
    assert requirement_status(due, done, TODAY) == status


def test_standard_milestones_for_an_early_partnership():
    milestones = calendar.standard_milestones(2023, 2026)
    first = [m for m in milestones if m.due_date == dt.date(2024, 1, 31)]
    assert {m.kind for m in first} == {
        "needs_assessment",
        "strategy_publication",
        "home_office_submission",
    }
    annual = [m.due_date for m in milestones if m.kind == "annual_review"]
    assert annual == [dt.date(2025, 1, 31), dt.date(2026, 1, 31), dt.date(2027, 1, 31)]


def test_a_late_starter_gets_its_first_deadline_a_year_on():
    milestones = calendar.standard_milestones(2025, 2025)
    assert min(m.due_date for m in milestones) == dt.date(2026, 1, 31)


def test_review_dates_every_six_months_clamped_to_month_end():
    assert review_dates(dt.date(2023, 8, 31), dt.date(2024, 9, 1), 6) == [
        dt.date(2024, 2, 29),
        dt.date(2024, 8, 31),
    ]
    assert review_dates(dt.date(2023, 4, 1), dt.date(2024, 3, 31), 3) == [
        dt.date(2023, 7, 1),
        dt.date(2023, 10, 1),
        dt.date(2024, 1, 1),
    ]
