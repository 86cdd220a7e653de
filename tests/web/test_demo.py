"""The Sample County demo: the partnership the brief describes, seeded once."""

import datetime as dt

import pytest
from django.urls import reverse

from svduty.errors import SvdutyError
from svduty.web.demo import DEMO_PASSWORD, seed_demo
from svduty.web.demo.data import parse
from svduty.web.demo.training import TrainingData
from svduty.web.organisations.models import Organisation, User
from svduty.web.partnership.models import Partnership
from svduty.web.strategy.models import Action, QuarterlyUpdate

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 11, 1)


def test_seed_builds_sample_county_once(client):
    logins = seed_demo(TODAY)
    p = Partnership.objects.get(slug="sample-county")
    kinds = set(Organisation.objects.filter(partnership=p).values_list("kind", flat=True))
    assert {
        "police",
        "fire_and_rescue",
        "integrated_care_board",
        "county_council",
        "district_council",
        "youth_offending_team",
        "probation",
        "convener",
        "education",
        "prison",
        "youth_custody",
        "voluntary_sector",
    } <= kinds
    assert p.convener.kind == "convener" and p.lead_authority.kind == "county_council"
    assert p.boards.filter(kind="csp_board").count() == 4
    assert p.boards.get(kind="delivery_group").parent.kind == "strategic_board"
    strategy = p.strategies.get()
    assert strategy.priorities.count() == 5
    assert Action.objects.filter(partnership=p).count() == 30
    assert {login.role for login in logins} >= {"administrator", "coordinator", "provider"}
    for login in logins:
        assert User.objects.get(username=login.username).check_password(DEMO_PASSWORD)
    # Calendar: the 2024 deadlines are done, and nothing due after today is marked done.
    assert all(r.completed_on for r in p.requirements.filter(due_date__lte=dt.date(2024, 1, 31)))
    assert not p.requirements.filter(due_date__gt=TODAY, completed_on__isnull=False).exists()
    # Updates run from each action's start to the last complete quarter, never beyond.
    updates = QuarterlyUpdate.objects.filter(partnership=p)
    assert updates.exists()
    assert max((u.financial_year, u.quarter) for u in updates) <= (2025, 2)

    client.force_login(User.objects.get(username="coordinator"))
    for name in (
        "partnership:overview",
        "partnership:governance",
        "partnership:calendar",
        "strategy:overview",
        "strategy:delivery_plan",
    ):
        response = client.get(reverse(name, kwargs={"partnership": "sample-county"}))
        assert response.status_code == 200, name
    plan = reverse("strategy:delivery_plan", kwargs={"partnership": "sample-county"})
    assert "30 actions" in client.get(plan).content.decode()

    # A second run changes nothing.
    before = list(updates.order_by("pk").values_list("pk", "rag"))
    assert len(seed_demo(TODAY)) == len(logins)
    assert Partnership.objects.count() == 1 and Action.objects.count() == 30
    assert list(updates.order_by("pk").values_list("pk", "rag")) == before


def test_malformed_demo_data_names_the_file_and_the_place():
    malformed = r"^data/training.yaml: malformed YAML at line 3: expected ',' or ']'"
    with pytest.raises(SvdutyError, match=malformed):
        parse("courses:\n  - title: [unclosed\n", "data/training.yaml", TrainingData)
    text = "courses: []\nvenues: [Online]\ntrainer: T\ncapacity: lots\ntrainee_organisations: []\n"
    with pytest.raises(SvdutyError, match=r"^data/training.yaml: capacity: .*integer"):
        parse(text, "data/training.yaml", TrainingData)
    with pytest.raises(SvdutyError, match=r"^data/training.yaml: courses\[0\].hours: Extra"):
        parse(
            text.replace("lots", "3").replace(
                "courses: []", "courses: [{title: A, audience: B, duration_hours: '2', hours: 2}]"
            ),
            "data/training.yaml",
            TrainingData,
        )


def test_demo_seeds_the_measures_framework(client):
    from svduty.web.common.periods import FinancialQuarter
    from svduty.web.strategy import measures
    from svduty.web.strategy.models import Measure, MeasureValue
    from svduty.web.strategy.trajectory import Status

    seed_demo(TODAY)
    p = Partnership.objects.get(slug="sample-county")
    seeded = {m.name: m for m in Measure.objects.filter(partnership=p)}
    assert {(m.kind, m.indicator) for m in seeded.values()} == {
        ("core", "knife_enabled_serious_violence"),
        ("core", "homicide"),
        ("core", "sharp_object_admissions_under_25"),
        ("warehouse", "serious_violence"),
        ("manual", ""),
    }
    reported = seeded["Mentored young people not reoffending within 12 months"]
    # Figures from 2024/25 Q2 to the last complete quarter on 1 November 2025 (2025/26 Q2).
    values = MeasureValue.objects.filter(measure=reported).order_by("financial_year", "quarter")
    assert [(v.period, float(v.value)) for v in values] == [
        (FinancialQuarter(2024, 2), 63),
        (FinancialQuarter(2024, 3), 65),
        (FinancialQuarter(2024, 4), 64),
        (FinancialQuarter(2025, 1), 67),
        (FinancialQuarter(2025, 2), 68),
    ]
    assert values[0].entered_by.username == "analyst"
    row = measures.row(p, reported, today=TODAY)
    # Higher is better: 62 to 75 over 11 quarters; 2025/26 Q2 is 5 in, 62 + 13 × 5/11 = 67.9.
    assert row.assessment.expected == pytest.approx(62 + 13 * 5 / 11)
    assert row.status is Status.GREEN
    # Without a warehouse the core measures have no figures.
    assert measures.row(p, seeded["Homicide"], today=TODAY).status is Status.NO_DATA

    client.force_login(User.objects.get(username="viewer"))
    html = client.get(
        reverse("strategy:measures", kwargs={"partnership": "sample-county"})
    ).content.decode()
    assert "Mentored young people not reoffending within 12 months" in html
    assert f'data-measure="{reported.pk}" data-status="green"' in html
