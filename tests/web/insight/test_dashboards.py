"""Dashboards and core measures on one year of Sample County: values, filters, cache."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from svduty.web.common.roles import Role
from svduty.web.insight import core, sections
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _crimes_in(path, **where) -> int:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM crimes").fetchone()[0]
    finally:
        con.close()


def _table_cells(html: str, name: str) -> list[list[str]]:
    table = re.search(rf'<table[^>]*data-table="{name}".*?</table>', html, re.S).group(0)
    body = table.split("<tbody", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def reader(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.VIEWER))
    return partnership


def test_no_warehouse_says_so(client, reader):
    page = client.get(reverse("insight:dashboard", kwargs={"partnership": reader.slug}))
    assert page.status_code == 200
    assert 'id="no-data"' in page.content.decode()


def test_profile_dashboard_shows_the_warehouse_counts_and_the_report_charts(
    client, reader, county_warehouse
):
    import duckdb

    from svduty.analysis import AnalysisContext, Scope
    from svduty.definitions import classify, load_definition

    url = reverse("insight:section", kwargs={"partnership": reader.slug, "section": "profile"})
    html = client.get(url + "?definition=home-office-core").content.decode()
    overall = _table_cells(html, "profile_overall")[0]
    con = duckdb.connect(str(county_warehouse), read_only=True)
    all_crime = con.execute(
        "SELECT count(*) FROM crimes WHERE source = 'police-crimes'"
    ).fetchone()[0]
    con.close()
    assert overall[0] == f"{all_crime:,}"
    # a chart spec is embedded as JSON for vega-embed, drawn from the same table
    specs = re.findall(
        r'<script type="application/json" id="([^"]+)-spec">(.*?)</script>', html, re.S
    )
    assert specs, "no chart specs on the page"
    spec = json.loads(specs[0][1])
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    assert 'src="/static/vega/vega-embed.min.js"' in html
    assert "cdn" not in html.lower()
    del AnalysisContext, Scope, classify, load_definition


def test_district_and_year_filters_narrow_the_scope(client, reader, county_warehouse):
    districts = sections.districts()
    assert len(districts) == 6
    code, _name = districts[0]
    years = sections.crime_years()
    url = reverse("insight:section", kwargs={"partnership": reader.slug, "section": "profile"})
    everything = _table_cells(client.get(url).content.decode(), "profile_overall")[0]
    one = _table_cells(client.get(url + f"?district={code}").content.decode(), "profile_overall")[0]
    number = lambda text: int(text.replace(",", ""))  # noqa: E731
    assert 0 < number(one[0]) < number(everything[0])

    import duckdb

    con = duckdb.connect(str(county_warehouse), read_only=True)
    expected = con.execute(
        "SELECT count(*) FROM crimes c JOIN areas a ON a.area_code = c.lsoa_code "
        "AND a.area_type = 'lsoa' WHERE a.parent_code = ? AND c.source = 'police-crimes'",
        [code],
    ).fetchone()[0]
    con.close()
    assert number(one[0]) == expected
    html = client.get(url + f"?year={years[0]}").content.decode()
    assert _table_cells(html, "profile_overall")


def test_age_band_filter_keeps_only_that_band(client, reader, county_warehouse):
    url = reverse("insight:section", kwargs={"partnership": reader.slug, "section": "people"})
    html = client.get(url + "?age_band=18-24").content.decode()
    rows = _table_cells(html, "people_by_age_band")
    assert rows and all(row[1] == "18-24" for row in rows)


def test_category_filter_keeps_only_that_category(client, reader, county_warehouse):
    url = reverse("insight:section", kwargs={"partnership": reader.slug, "section": "profile"})
    html = client.get(url + "?definition=home-office-core&category=robbery").content.decode()
    rows = _table_cells(html, "profile_by_category")
    assert [row[0] for row in rows] == ["Robbery"]  # the tag's title, not its code


def test_sections_are_computed_once_per_warehouse_state(client, reader, county_warehouse):
    calls = []
    original = sections._run

    def counting(key):
        calls.append(key)
        return original(key)

    sections._run = counting
    try:
        url = reverse("insight:section", kwargs={"partnership": reader.slug, "section": "trends"})
        client.get(url)
        client.get(url)
        client.get(
            reverse("insight:section", kwargs={"partnership": reader.slug, "section": "place"})
        )
        assert len(calls) == 1
        county_warehouse.touch()  # an import changes the file: the cache key changes
        import os

        stat = county_warehouse.stat()
        os.utime(county_warehouse, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        client.get(url)
        assert len(calls) == 2
    finally:
        sections._run = original


def test_unknown_section_is_404(client, reader, county_warehouse):
    url = reverse("insight:section", kwargs={"partnership": reader.slug, "section": "nope"})
    assert client.get(url).status_code == 404


def test_core_measures_compare_latest_quarter_with_baseline():
    import pandas as pd
    from scipy.stats import chi2

    frame = pd.DataFrame(
        {
            "quarter": [f"2022/23 Q{i}" for i in range(1, 5)] + ["2023/24 Q1", "2023/24 Q2"],
            "months_in_period": [3, 3, 3, 3, 3, 3],
            "homicide": [2, 0, 1, 1, 3, 8],
        }
    )
    (c,) = core.compare(frame, {"homicide": "Homicide"})
    assert c.latest_quarter == "2023/24 Q2" and c.latest == 8
    assert c.baseline_mean == 1.0  # (2 + 0 + 1 + 1) / 4
    assert c.ratio == pytest.approx(8.0)
    # log-Wald: exp(log 8 ± 1.96 sqrt(1/8 + 1/4))
    se = (1 / 8 + 1 / 4) ** 0.5
    assert c.ratio_low == pytest.approx(8 * 2.718281828 ** (-1.959964 * se), rel=1e-4)
    assert c.latest_low == pytest.approx(chi2.ppf(0.025, 16) / 2)
    assert c.latest_high == pytest.approx(chi2.ppf(0.975, 18) / 2)
    assert c.verdict == "higher than the baseline"


def test_core_measures_page_shows_the_comparison(client, reader, county_warehouse):
    url = reverse("insight:core_measures", kwargs={"partnership": reader.slug})
    html = client.get(url + "?definition=home-office-core").content.decode()
    assert 'id="core-comparison"' in html
    assert 'data-measure="knife_enabled_serious_violence"' in html
    assert 'data-table="core_measures_quarterly"' in html


def test_a_short_period_uses_the_quarters_before_the_latest_as_baseline():
    import pandas as pd

    frame = pd.DataFrame(
        {"quarter": ["Q-a", "Q-b", "Q-c"], "months_in_period": [3, 3, 2], "homicide": [6, 4, 9]}
    )
    (c,) = core.compare(frame, {"homicide": "Homicide"})
    assert c.latest_quarter == "Q-b" and c.baseline_mean == 6.0  # partial quarter left out
    assert core.compare(frame.head(1), {"homicide": "Homicide"}) == []


def test_a_definition_parameter_never_reads_a_file(client, reader, county_warehouse, tmp_path):
    from importlib import resources

    from svduty.definitions import loader

    planted = tmp_path / "planted.yaml"
    preset = resources.files("svduty.definitions").joinpath("presets/home-office-core.yaml")
    planted.write_text(preset.read_text(encoding="utf-8"), encoding="utf-8")
    origins = []
    parse = loader.parse_definition
    loader_calls = lambda text, origin: origins.append(origin) or parse(text, origin)  # noqa: E731
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "parse_definition", loader_calls)
        url = reverse("insight:section", kwargs={"partnership": reader.slug, "section": "profile"})
        page = client.get(url, {"definition": str(planted)})
    assert page.status_code == 200
    assert str(planted) not in origins
    html = page.content.decode()
    assert "Select a valid choice" in html  # the form says so; the default definition is shown


def test_a_report_job_refuses_a_definition_path(tmp_path):
    from svduty.errors import SvdutyError
    from svduty.web.insight.models import Job
    from svduty.web.insight.tasks import run_report

    job = Job(kind=Job.Kind.REPORT, params={"definition": str(tmp_path / "x.yaml")})
    with pytest.raises(SvdutyError, match="unknown definition"):
        run_report(job, progress=None)
