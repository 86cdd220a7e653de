"""Place reviews show their LSOA's standing in the needs assessment's priority ranking.

The small analysis warehouse plants a Gi* hot cluster (grid cells HOT_CLUSTER) and an emerging
one (EMERGING_CLUSTER); the ranking must put the hot cluster first, read from insight's cache.
"""

from __future__ import annotations

import shutil

import pytest
from django.urls import reverse

from svduty import config
from svduty.web.insight import sections
from svduty.web.insight.defaults import default_definition
from svduty.web.panel.hotspots import Standing, hotspot_standing, hotspot_standings
from svduty.web.panel.models import AccessLogEntry
from tests.analysis.conftest import EMERGING_CLUSTER, GRID, HOT_CLUSTER, build_small_warehouse
from tests.web import factories as f
from tests.web.panel.factories import PlaceReviewFactory

pytestmark = pytest.mark.django_db


def _code(cell: tuple[int, int]) -> str:
    row, col = cell
    return f"E01{100001 + row * GRID + col}"


HOT_CODES = {_code(cell) for cell in HOT_CLUSTER}
EMERGING_CODES = {_code(cell) for cell in EMERGING_CLUSTER}


@pytest.fixture(scope="module")
def built_warehouse(tmp_path_factory):
    """The small warehouse file, built once for this module."""
    path = tmp_path_factory.mktemp("hotspots") / "warehouse.duckdb"
    build_small_warehouse(path)
    return path


@pytest.fixture
def partnership():
    return f.PartnershipFactory(slug="county")


@pytest.fixture
def warehouse_here(built_warehouse):
    """This test's warehouse: a copy with the same size and mtime, so the same cache key."""
    target = config.warehouse_path(None)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(built_warehouse, target)
    return target


@pytest.fixture
def warm(warehouse_here, partnership):
    """The default scope computed (once per session unless another test cleared the cache)."""
    scope = sections.ScopeKey(default_definition(partnership))
    computed = sections.computed_if_ready(scope) or sections.compute(scope)
    place = next(r for r in computed.results if r.key == "place")
    return {t.name: t.frame for t in place.tables}


def test_no_warehouse_means_no_standing(partnership):
    assert hotspot_standing(partnership, "E01100008") is None


def test_cold_cache_is_reported_and_not_computed_in_the_request(warehouse_here, partnership):
    sections.clear()
    standing = hotspot_standing(partnership, "E01100008")
    assert standing.standing is Standing.NOT_COMPUTED
    assert "not yet computed" in standing.sentence
    scope = sections.ScopeKey(default_definition(partnership))
    assert sections.computed_if_ready(scope) is None  # still cold: nothing ran


def test_hot_cluster_leads_the_ranking(warm, partnership):
    priority = warm["place_priority"]
    standings = hotspot_standings(partnership, sorted(HOT_CODES))
    # The planted hot cluster takes the first four places, each a significant Gi* hot spot.
    assert sorted(s.rank for s in standings.values()) == [1, 2, 3, 4]
    assert {s.hotspot for s in standings.values()} == {"hot spot"}
    for code, standing in standings.items():
        row = priority[priority.lsoa_code == code].iloc[0]
        assert standing.standing is Standing.RANKED
        assert standing.ranked_lsoas == len(priority) == 20
        assert standing.serious_violence == row.serious_violence
        assert standing.rate_per_1000 == pytest.approx(row.rate_per_1000)
        assert standing.priority_score == pytest.approx(row.priority_score)
        # Score = 50 x rate percentile + 30 (hot) + 20 x share of years hot: at least 80.
        assert standing.priority_score >= 80
    pool = warm["place_map"]
    assert standings[_code(HOT_CLUSTER[0])].lsoas_with_violence == (pool.serious_violence > 0).sum()


def test_no_emerging_category_without_three_complete_years(warm, partnership):
    # the small warehouse's gap month leaves 2021 and 2023 the only complete calendar years
    standings = hotspot_standings(partnership, EMERGING_CODES).values()
    assert [s.emerging_category for s in standings] == [None] * len(EMERGING_CODES)


@pytest.fixture(scope="module")
def gap_free_warehouse(tmp_path_factory):
    """The small warehouse without its gap month: three complete calendar years."""
    path = tmp_path_factory.mktemp("hotspots-gap-free") / "warehouse.duckdb"
    build_small_warehouse(path, gap_month=None)
    return path


def test_emerging_cluster_carries_its_category(gap_free_warehouse, partnership):
    target = config.warehouse_path(None)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(gap_free_warehouse, target)
    scope = sections.ScopeKey(default_definition(partnership))
    sections.computed_if_ready(scope) or sections.compute(scope)
    categories = {
        s.emerging_category for s in hotspot_standings(partnership, EMERGING_CODES).values()
    }
    assert "new hot spot" in categories


def test_outside_the_top_twenty_and_absent(warm, partnership):
    ranked = set(warm["place_priority"].lsoa_code)
    pool = warm["place_map"]
    outside = pool[(pool.serious_violence > 0) & ~pool.lsoa_code.isin(ranked)].iloc[0]
    standing = hotspot_standing(partnership, outside.lsoa_code.lower())
    assert standing.standing is Standing.UNRANKED and standing.rank is None
    assert standing.serious_violence == outside.serious_violence
    assert standing.rate_per_1000 == pytest.approx(outside.rate_per_1000)
    assert "not among the 20 priority neighbourhoods" in standing.sentence
    elsewhere = hotspot_standing(partnership, "E01099001")
    assert elsewhere.standing is Standing.ABSENT and "not in the needs assessment" in (
        elsewhere.sentence
    )


def test_detail_and_list_pages_show_the_rank(client, warm, partnership):
    code = warm["place_priority"].lsoa_code.iloc[0]
    place = PlaceReviewFactory(partnership=partnership, lsoa_code=code)
    client.force_login(f.member(partnership, "panel_member"))
    before = AccessLogEntry.objects.count()
    detail = reverse("panel:place_detail", kwargs={"partnership": "county", "pk": place.pk})
    page = client.get(detail).content.decode()
    assert "1 of 20 priority neighbourhoods" in page and "hot spot" in page
    assert AccessLogEntry.objects.count() == before + 1
    assert AccessLogEntry.objects.order_by("-pk").first().object_id == place.pk
    listing = client.get(reverse("panel:place_list", kwargs={"partnership": "county"}))
    assert "1 of 20" in listing.content.decode()


def test_detail_page_without_assessment_says_so(client, partnership):
    place = PlaceReviewFactory(partnership=partnership)
    client.force_login(f.member(partnership, "panel_member"))
    detail = reverse("panel:place_detail", kwargs={"partnership": "county", "pk": place.pk})
    assert "There is no needs assessment" in client.get(detail).content.decode()


def test_only_panel_members_see_place_reviews(client, warm, partnership):
    place = PlaceReviewFactory(partnership=partnership, lsoa_code=sorted(HOT_CODES)[0])
    client.force_login(f.member(partnership, "analyst"))
    detail = reverse("panel:place_detail", kwargs={"partnership": "county", "pk": place.pk})
    assert client.get(detail).status_code in (403, 404)
