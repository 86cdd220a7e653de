"""Measures read from the warehouse show what the dashboards show (one year of Sample County)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from svduty.web.common.periods import FinancialQuarter
from svduty.web.common.roles import Role
from svduty.web.insight import dashboards, sections
from svduty.web.strategy import measures
from svduty.web.strategy.models import MeasureKind
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    partnership = f.PartnershipFactory()
    f.StrategyFactory(partnership=partnership, definition_name="home-office-core")
    return partnership


def _computed(partnership_definition="home-office-core"):
    return sections.compute(dashboards.Filters(definition=partnership_definition).scope())


def _table(computed, section, name):
    result = next(r for r in computed.results if r.key == section)
    return result.table(name).frame


def test_core_measure_latest_figure_is_the_core_measures_dashboards(
    client, partnership, county_warehouse
):
    quarterly = _table(_computed(), "core_measures", "core_measures_quarterly")
    first = FinancialQuarter.of(quarterly.quarter_start.iloc[0])
    measure = f.MeasureFactory(
        partnership=partnership,
        name="Knife-enabled serious violence",
        kind=MeasureKind.CORE,
        indicator="knife_enabled_serious_violence",
        baseline_year=first.year,
        baseline_quarter=first.quarter,
        baseline_value=None,
        target_value=0,
        target_date=dt.date(2027, 3, 31),
    )
    row = measures.row(partnership, measure, today=dt.date(2026, 1, 1))
    assert row.baseline_value == quarterly.knife_enabled_serious_violence.iloc[0]

    client.force_login(f.member(partnership, Role.VIEWER))
    url = reverse("insight:core_measures", kwargs={"partnership": partnership.slug})
    html = client.get(url).content.decode()
    shown = re.search(
        r'<tr[^>]*data-measure="knife_enabled_serious_violence">.*?</tr>', html, re.S
    ).group(0)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", shown)]
    latest_quarter, latest_count = cells[0], int(cells[1].split(" ")[0])
    assert row.assessment.period.label == latest_quarter
    assert row.assessment.actual == latest_count
    # The page also shows the measure against its trajectory.
    assert f'data-measure="{measure.pk}" data-status="{row.status.value}"' in html
    assert re.search(
        rf'data-measure="{measure.pk}".*?data-cell="actual">{latest_count}<', html, re.S
    )


def test_indicators_are_the_sections_figures_for_full_quarters(partnership, county_warehouse):
    computed = _computed()
    monthly = _table(computed, "trends", "trends_monthly")
    admissions = _table(computed, "core_measures", "core_measures_sharp_object_admissions")
    first = FinancialQuarter.of(admissions.quarter_start.iloc[0])

    def values(indicator):
        measure = f.MeasureFactory(
            partnership=partnership,
            kind=MeasureKind.WAREHOUSE,
            indicator=indicator,
            baseline_year=first.year,
            baseline_quarter=first.quarter,
            baseline_value=None,
            target_value=0,
            target_date=dt.date(2027, 3, 31),
        )
        return measures.values_of(partnership, measure)

    serious = values("serious_violence")
    assert serious, "a full quarter of serious violence"
    for quarter, value in serious.items():
        months = monthly[
            (monthly.month >= quarter.start) & (monthly.month <= quarter.end) & ~monthly.gap
        ]
        assert len(months) == 3 and value == months.serious_violence.sum()
    young = values("sharp_object_admissions_18_24")
    full = admissions[admissions.months_in_period == 3]
    assert young == {
        FinancialQuarter.of(q): float(v)
        for q, v in zip(full.quarter_start, full.aged_18_24, strict=True)
    }
