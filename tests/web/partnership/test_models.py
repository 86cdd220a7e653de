import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from svduty.web.partnership.models import RequirementKind
from svduty.web.partnership.services import add_standard_requirements
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_a_board_cannot_sit_under_itself():
    top = f.BoardFactory()
    child = f.BoardFactory(partnership=top.partnership, parent=top)
    top.parent = child
    with pytest.raises(ValidationError, match="cannot sit under itself"):
        top.full_clean()


def test_a_board_parent_must_be_in_the_same_partnership():
    child = f.BoardFactory()
    child.parent = f.BoardFactory()
    with pytest.raises(ValidationError, match="same partnership"):
        child.full_clean()


def test_a_spoke_hangs_off_a_hub_not_another_spoke():
    hub = f.PartnershipFactory()
    spoke = f.PartnershipFactory(hub=hub)
    spoke.full_clean()
    assert list(hub.spokes.all()) == [spoke]
    nested = f.PartnershipFactory(hub=spoke)
    with pytest.raises(ValidationError, match="must itself be a hub"):
        nested.full_clean()


def test_agreement_period_must_end_after_it_starts():
    agreement = f.PartnershipAgreementFactory(period_end=dt.date(2023, 4, 1))
    with pytest.raises(ValidationError, match="must end after"):
        agreement.full_clean()


def test_standard_requirements_are_added_once_with_agreement_reviews():
    agreement = f.PartnershipAgreementFactory(
        period_start=dt.date(2023, 4, 1), period_end=dt.date(2024, 4, 1), review_frequency=6
    )
    partnership = agreement.partnership
    added = add_standard_requirements(partnership, 2023, 2024)
    # 3 first-year milestones, annual reviews due 31 Jan 2025, and 2 agreement reviews.
    assert added == 3 + 1 + 2
    reviews = partnership.requirements.filter(kind=RequirementKind.AGREEMENT_REVIEW)
    assert sorted(r.due_date for r in reviews) == [dt.date(2023, 10, 1), dt.date(2024, 4, 1)]
    assert add_standard_requirements(partnership, 2023, 2024) == 0


def test_requirement_status_label_uses_today():
    requirement = f.DutyRequirementFactory(due_date=dt.date(2024, 1, 31))
    assert requirement.status(dt.date(2024, 2, 1)) == "overdue"
    requirement.completed_on = dt.date(2024, 1, 30)
    assert requirement.status(dt.date(2024, 2, 1)) == "done"


def test_managers_add_the_standard_milestones_from_the_calendar(client):
    from django.urls import reverse

    p = f.PartnershipFactory()
    client.force_login(f.member(p, "coordinator"))
    url = reverse("partnership:requirement_standard", kwargs={"partnership": p.slug})
    bad = client.post(url, {"first_year": 2025, "last_year": 2024}).content.decode()
    assert "The last year must not be before the first year." in bad
    response = client.post(url, {"first_year": 2023, "last_year": 2025}, follow=True)
    assert "Added 5 milestones." in response.content.decode()
    assert sorted(p.requirements.values_list("due_date", flat=True))[-1] == dt.date(2026, 1, 31)
