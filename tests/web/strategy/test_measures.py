"""The measures framework in the web app: validation, pages, permissions, reported figures, and
the board report's measures table."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from svduty.web.boardreport import services as boardreport
from svduty.web.common.periods import FinancialQuarter as Q
from svduty.web.common.roles import Role
from svduty.web.strategy import measures
from svduty.web.strategy.models import Direction, Measure, MeasureKind, MeasureValue
from svduty.web.strategy.trajectory import Status
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported():
    """Baseline 100 (2024/25 Q1), target 80 by 2025/26 Q1: 95, 90, 85 expected in Q2-Q4."""
    measure = f.MeasureFactory(name="Repeat victims of serious violence")
    for quarter, value in ((2, 96), (3, 93)):  # Q2 Amber (1 worse), Q3 Red (3 worse)
        f.MeasureValueFactory(measure=measure, financial_year=2024, quarter=quarter, value=value)
    return measure


def _status_cells(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-measure="(\d+)" data-status="(\w+)"', html))


# -- the model ------------------------------------------------------------------------------------


def _measure(**fields) -> Measure:
    values = {
        "partnership": f.PartnershipFactory(),
        "name": "Knife crime",
        "kind": MeasureKind.MANUAL,
        "baseline_year": 2024,
        "baseline_quarter": 2,
        "baseline_value": Decimal(50),
        "target_value": Decimal(40),
        "target_date": dt.date(2026, 3, 31),
        "direction": Direction.LOWER,
    }
    return Measure(**{**values, **fields})


def test_target_date_must_fall_after_the_baseline_quarter():
    with pytest.raises(ValidationError) as error:
        _measure(target_date=dt.date(2024, 9, 30)).full_clean()  # still 2024/25 Q2
    assert "after the baseline quarter (2024/25 Q2)" in str(error.value.message_dict["target_date"])
    _measure(target_date=dt.date(2024, 10, 1)).full_clean()


def test_target_must_lie_in_the_better_direction():
    with pytest.raises(ValidationError) as error:
        _measure(target_value=Decimal(60)).full_clean()
    assert "cannot be above the baseline" in error.value.message_dict["target_value"][0]
    with pytest.raises(ValidationError):
        _measure(direction=Direction.HIGHER).full_clean()
    _measure(target_value=Decimal(50)).full_clean()  # holding the line is a target too


def test_a_reported_figure_needs_a_baseline_value_and_a_warehouse_one_an_indicator():
    with pytest.raises(ValidationError) as error:
        _measure(baseline_value=None).full_clean()
    assert "baseline_value" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _measure(kind=MeasureKind.CORE, indicator="serious_violence").full_clean()
    assert "indicator" in error.value.message_dict  # an indicator, not a core measure
    core = _measure(kind=MeasureKind.CORE, indicator="homicide", baseline_value=None)
    core.full_clean()  # its baseline comes from the warehouse
    manual = _measure(indicator="homicide", area_code="E07000001")
    manual.full_clean()
    assert (manual.indicator, manual.area_code) == ("", "")


def test_tolerance_is_at_most_100_per_cent():
    with pytest.raises(ValidationError) as error:
        _measure(tolerance_pct=101).full_clean()
    assert "tolerance_pct" in error.value.message_dict


# -- rows and pages -------------------------------------------------------------------------------


def test_a_reported_measure_is_judged_on_its_latest_figure(reported):
    row = measures.row(reported.partnership, reported, today=dt.date(2025, 6, 1))
    assert row.baseline_value == 100
    assert (row.assessment.period, row.assessment.actual) == (Q(2024, 3), 93)
    assert row.assessment.expected == 90
    assert row.status is Status.RED
    assert [(p.period, p.actual, p.expected) for p in row.trend] == [
        (Q(2024, 2), 96, 95),
        (Q(2024, 3), 93, 90),
    ]
    as_of_q2 = measures.row(reported.partnership, reported, up_to=Q(2024, 2))
    assert as_of_q2.status is Status.AMBER


def test_a_warehouse_measure_without_a_warehouse_has_no_data():
    measure = f.MeasureFactory(
        kind=MeasureKind.CORE, indicator="homicide", baseline_value=None, target_value=0
    )
    row = measures.row(measure.partnership, measure)
    assert row.status is Status.NO_DATA and row.baseline_value is None


def test_viewer_sees_measures_but_no_way_to_change_them(client, reported):
    client.force_login(f.member(reported.partnership, Role.VIEWER))
    p = reported.partnership.slug
    html = client.get(reverse("strategy:measures", kwargs={"partnership": p})).content.decode()
    assert "Repeat victims of serious violence" in html
    assert _status_cells(html) == {str(reported.pk): "red"}
    assert "Add a measure" not in html
    detail = reverse("strategy:measure_detail", kwargs={"partnership": p, "pk": reported.pk})
    html = client.get(detail).content.decode()
    assert "Enter a figure" not in html and "2024/25 Q3: 93 against a trajectory of 90.0" in html
    add = reverse("strategy:measure_value_add", kwargs={"partnership": p, "measure": reported.pk})
    assert client.post(add, {"period": "2024-4", "value": "80"}).status_code == 403
    assert not MeasureValue.objects.filter(quarter=4).exists()


def test_strategy_page_shows_the_measures_and_links_to_them(client, reported):
    client.force_login(f.member(reported.partnership, Role.VIEWER))
    url = reverse("strategy:overview", kwargs={"partnership": reported.partnership.slug})
    html = client.get(url).content.decode()
    assert 'id="measures"' in html and _status_cells(html) == {str(reported.pk): "red"}
    assert reverse("strategy:measures", kwargs={"partnership": reported.partnership.slug}) in html


def test_analyst_adds_a_measure_and_enters_a_figure(client):
    partnership = f.PartnershipFactory()
    priority = f.PriorityFactory(partnership=partnership, strategy__partnership=partnership)
    analyst = f.member(partnership, Role.ANALYST)
    client.force_login(analyst)
    p = partnership.slug
    response = client.post(
        reverse("strategy:measure_add", kwargs={"partnership": p}),
        {
            "name": "Young people supported by mentors",
            "priority": priority.pk,
            "kind": MeasureKind.MANUAL,
            "baseline_year": 2024,
            "baseline_quarter": 1,
            "baseline_value": "40",
            "target_value": "60",
            "target_date": "2025-06-30",
            "direction": Direction.HIGHER,
            "tolerance_pct": 10,
        },
    )
    measure = Measure.objects.get()
    assert response.status_code == 302
    assert (measure.partnership, measure.priority, measure.target_period) == (
        partnership,
        priority,
        Q(2025, 1),
    )
    add = reverse("strategy:measure_value_add", kwargs={"partnership": p, "measure": measure.pk})
    response = client.post(add, {"period": "2024-3", "value": "48", "note": "Provider returns"})
    assert response.status_code == 302
    value = MeasureValue.objects.get()
    assert (value.period, value.value, value.entered_by) == (Q(2024, 3), Decimal(48), analyst)
    # Expected 50 in Q3, tolerance 2: 48 is exactly the tolerance short, so Amber.
    assert measures.row(partnership, measure).status is Status.AMBER
    again = client.post(add, {"period": "2024-3", "value": "49"})
    assert "There is already a figure for 2024/25 Q3" in again.content.decode()
    detail = reverse("strategy:measure_detail", kwargs={"partnership": p, "pk": measure.pk})
    html = client.get(detail).content.decode()
    assert "Enter a figure" in html and "Provider returns" in html
    assert "2024/25 Q3: 48 against a trajectory of 50.0" in html


def test_an_invalid_measure_form_says_why(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.COORDINATOR))
    response = client.post(
        reverse("strategy:measure_add", kwargs={"partnership": partnership.slug}),
        {
            "name": "Homicide",
            "kind": MeasureKind.CORE,
            "baseline_year": 2024,
            "baseline_quarter": 4,
            "target_value": "0",
            "target_date": "2024-12-31",
            "direction": Direction.LOWER,
            "tolerance_pct": 10,
        },
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose a core measure the warehouse gives." in html
    assert "The target date must fall after the baseline quarter (2024/25 Q4)." in html
    assert not Measure.objects.exists()


def test_figures_are_entered_only_for_reported_measures(client):
    measure = f.MeasureFactory(kind=MeasureKind.CORE, indicator="homicide", baseline_value=None)
    client.force_login(f.member(measure.partnership, Role.ADMINISTRATOR))
    url = reverse(
        "strategy:measure_value_add",
        kwargs={"partnership": measure.partnership.slug, "measure": measure.pk},
    )
    assert client.get(url).status_code == 404


# -- the board report -----------------------------------------------------------------------------


def test_board_report_shows_the_measures_as_of_its_quarter(client, reported):
    partnership = reported.partnership
    board = f.BoardFactory(partnership=partnership)
    report = boardreport.build(partnership, board, Q(2024, 2), today=dt.date(2025, 1, 15))
    assert [(r.measure, r.status, r.assessment.actual) for r in report.measures] == [
        (reported, Status.AMBER, 96)
    ]
    later = boardreport.build(partnership, board, Q(2024, 3), today=dt.date(2025, 1, 15))
    assert later.measures[0].status is Status.RED

    client.force_login(f.member(partnership, Role.BOARD_MEMBER))
    url = reverse("boardreport:report", kwargs={"partnership": partnership.slug})
    html = client.get(url, {"board": board.pk, "quarter": "2024-2"}).content.decode()
    assert "4. Measures against their trajectories, to 2024/25 Q2" in html
    assert _status_cells(html) == {str(reported.pk): "amber"}
    row = re.search(rf'<tr[^>]*data-measure="{reported.pk}".*?</tr>', html, re.S).group(0)
    assert re.search(r'data-cell="actual">96<', row) and re.search(
        r'data-cell="expected">95.0<', row
    )


def test_a_measure_not_yet_due_in_the_board_report():
    measure = f.MeasureFactory(
        baseline_year=2024, baseline_quarter=3, target_date=dt.date(2026, 3, 31)
    )
    board = f.BoardFactory(partnership=measure.partnership)
    report = boardreport.build(measure.partnership, board, Q(2024, 3), today=dt.date(2025, 2, 1))
    assert report.measures[0].status is Status.NOT_YET_DUE
