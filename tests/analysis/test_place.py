"""Section 4, place: counts, rates, concentration and hotspots against independent sums."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from svduty.analysis import place
from svduty.analysis.boundaries import lsoa_geojson
from svduty.analysis.clusters import HIGH_HIGH
from svduty.analysis.gistar import HOT
from svduty.definitions import parse_definition

from .conftest import (
    EMERGING_CLUSTER,
    GRID,
    HOT_CLUSTER,
    LAT0,
    LON0,
    LSOA_CODES,
    TEST_DEFINITION_YAML,
    build_small_warehouse,
    expected_serious_violence,
    lsoa_code,
    modified_copy,
    open_context,
)


@pytest.fixture(scope="module")
def result(small_warehouse):
    ctx = open_context(small_warehouse)
    yield place.compute(ctx)
    ctx.con.disconnect()


def _eb(counts: np.ndarray, exposure: np.ndarray) -> np.ndarray:
    """Marshall's global empirical Bayes rate, written out independently of svduty."""
    rates = counts / exposure
    mean = counts.sum() / exposure.sum()
    spread = np.average((rates - mean) ** 2, weights=exposure) - mean / exposure.mean()
    shrink = max(spread, 0.0) / (max(spread, 0.0) + mean / exposure)
    return shrink * rates + (1 - shrink) * mean


def _expected(small_warehouse) -> pd.DataFrame:
    rows = expected_serious_violence(small_warehouse["crimes"])
    sv = rows[rows.is_serious_violence & rows.lsoa_code.notna()]
    counts = sv.groupby("lsoa_code").size().reindex(LSOA_CODES, fill_value=0)
    pop = small_warehouse["population"]
    total = pop[(pop.age_band == "all") & (pop.sex == "all") & (pop.ethnicity == "all")]
    wide = total.pivot(index="area_code", columns="year", values="population")
    # 2023 uses 2022's population (nearest year); GAP_MONTH (July 2022) holds no crime, so its
    # residents are not at risk: 2022 counts 11 months
    person_years = wide[2021] + wide[2022] * 11 / 12 + wide[2022]
    frame = pd.DataFrame({"count": counts, "person_years": person_years.reindex(LSOA_CODES)})
    frame["population"] = wide[2022].reindex(LSOA_CODES)
    frame["rate"] = 1000 * frame["count"] / frame.person_years
    frame["smoothed"] = 1000 * _eb(frame["count"].to_numpy(float), frame.person_years.to_numpy())
    yearly = sv.assign(year=pd.to_datetime(sv.occurred_month).dt.year)
    yearly = yearly.groupby(["lsoa_code", "year"]).size().unstack(fill_value=0)
    yearly = yearly.reindex(index=LSOA_CODES, columns=[2021, 2022, 2023], fill_value=0)
    for year, source, months in ((2021, 2021, 12), (2022, 2022, 11), (2023, 2022, 12)):
        exposure = (wide[source] * months / 12).reindex(LSOA_CODES).to_numpy()
        frame[f"count_{year}"] = yearly[year]
        frame[f"smoothed_{year}"] = 1000 * _eb(yearly[year].to_numpy(float), exposure)
    return frame


def test_counts_and_rates_by_lsoa_district_and_csp(result, small_warehouse) -> None:
    want = _expected(small_warehouse)
    got = result.table("place_lsoa").frame.set_index("lsoa_code").reindex(LSOA_CODES)
    assert got.serious_violence.tolist() == want["count"].tolist()
    assert got.rate_per_1000.to_numpy() == pytest.approx(want.rate.to_numpy())
    # exact Poisson limits: each leaves 2.5% of the Poisson probability in its tail
    low = got.rate_ci_low.to_numpy() * want.person_years.to_numpy() / 1000
    high = got.rate_ci_high.to_numpy() * want.person_years.to_numpy() / 1000
    k = want["count"].to_numpy()
    assert stats.poisson.sf(k - 1, low) == pytest.approx(np.full(len(k), 0.025))
    assert stats.poisson.cdf(k, high) == pytest.approx(np.full(len(k), 0.025))
    assert got.smoothed_rate_per_1000.to_numpy() == pytest.approx(want.smoothed.to_numpy())
    grid = small_warehouse["grid"].set_index("lsoa_code")
    west = want[grid.reindex(want.index).side == "WEST"]
    districts = result.table("place_district").frame.set_index("district_code")
    assert districts.loc["E06000901", "serious_violence"] == west["count"].sum()
    west_py = west.person_years.sum()
    assert districts.loc["E06000901", "rate_per_1000"] == pytest.approx(
        1000 * west["count"].sum() / west_py
    )
    assert districts.loc["E06000901", "rate_ci_low"] == pytest.approx(
        1000 * stats.chi2.ppf(0.025, 2 * west["count"].sum()) / 2 / west_py
    )
    assert districts.loc["E06000901", "rate_ci_high"] == pytest.approx(
        1000 * stats.chi2.ppf(0.975, 2 * west["count"].sum() + 2) / 2 / west_py
    )
    csp = result.table("place_csp").frame.set_index("csp_code")
    assert csp.loc["E22000901", "serious_violence"] == west["count"].sum()
    assert not got.few_residents_high_rate.any()  # every LSOA has 1,250-2,200 residents


def test_the_first_sentence_says_what_is_left_out(result, small_warehouse) -> None:
    rows = expected_serious_violence(small_warehouse["crimes"])
    sv = rows[rows.is_serious_violence]
    missing = int(sv.lsoa_code.isna().sum())
    assert missing > 0
    assert result.commentary[0].startswith(
        f"This section leaves out {missing:,} serious-violence crime(s)"
    )
    assert f"of {len(sv):,})" in result.commentary[0]


def test_concentration_lorenz_and_gini(result, small_warehouse) -> None:
    counts = _expected(small_warehouse)["count"].to_numpy()
    ranked = np.sort(counts)[::-1]
    shares = result.table("place_concentration").frame.set_index("top_pct_of_lsoas")
    for pct in (1, 5, 10):
        k = max(1, math.ceil(pct * len(counts) / 100))
        assert shares.loc[pct, "lsoas"] == k
        assert shares.loc[pct, "share_pct"] == pytest.approx(100 * ranked[:k].sum() / counts.sum())
    # Gini by the mean absolute difference: sum |xi - xj| / (2 n^2 mean)
    diff = np.abs(counts[:, None] - counts[None, :]).sum()
    gini = diff / (2 * len(counts) ** 2 * counts.mean())
    assert result.table("place_gini").frame.gini[0] == pytest.approx(gini)
    lorenz = result.table("place_lorenz").frame
    assert lorenz.sv_share_pct.iloc[0] == 0 and lorenz.sv_share_pct.iloc[-1] == pytest.approx(100)
    assert (np.diff(lorenz.sv_share_pct) >= 0).all()
    half = np.sort(counts)[: len(counts) // 2].sum() / counts.sum()
    assert lorenz.set_index("lsoa_share_pct").sv_share_pct[50.0] == pytest.approx(100 * half)


def _gi_by_hand(values: np.ndarray) -> np.ndarray:
    n, mean = len(values), values.mean()
    s = np.sqrt((values**2).mean() - mean**2)
    z = np.empty(n)
    for k in range(n):
        r, c = divmod(k, GRID)
        near = [
            rr * GRID + cc
            for rr in range(r - 1, r + 2)
            for cc in range(c - 1, c + 2)
            if 0 <= rr < GRID and 0 <= cc < GRID
        ]
        w = len(near)
        z[k] = (values[near].sum() - mean * w) / (s * np.sqrt((n * w - w**2) / (n - 1)))
    return z


def test_hotspots_on_smoothed_rates_find_the_planted_cluster(result, small_warehouse) -> None:
    want = _expected(small_warehouse)
    spots = result.table("place_hotspots").frame.set_index("lsoa_code").reindex(LSOA_CODES)
    assert spots.value.to_numpy() == pytest.approx(want.smoothed.to_numpy())
    z = _gi_by_hand(want.smoothed.to_numpy())
    assert spots.gi_z.to_numpy() == pytest.approx(z)
    q = stats.false_discovery_control(2 * stats.norm.sf(np.abs(z)), method="bh")
    hot = {code for code, zi, qi in zip(LSOA_CODES, z, q, strict=True) if zi > 0 and qi < 0.05}
    assert set(spots.index[spots.hotspot == HOT]) == hot
    assert {lsoa_code(r, c) for r, c in HOT_CLUSTER} <= hot
    for year in (2021, 2022, 2023):
        assert spots[f"gi_z_{year}"].to_numpy() == pytest.approx(
            _gi_by_hand(want[f"smoothed_{year}"].to_numpy())
        )
    # GAP_MONTH (July 2022) leaves 2021 and 2023 the only complete calendar years: too few for a
    # trend, so no emerging category, and years_hot counts those two years only
    assert spots.years.eq(2).all()
    assert "emerging_category" not in spots
    hot_years = (spots.hotspot_2021 == HOT).astype(int) + (spots.hotspot_2023 == HOT).astype(int)
    assert spots.years_hot.to_list() == hot_years.to_list()
    assert (
        "Emerging and persistent hot-spot categories are not shown: they need a trend over at "
        "least 3 complete calendar years and the data holds 2 (2021 and 2023)."
    ) in result.commentary


@pytest.fixture(scope="module")
def gap_free(tmp_path_factory):
    """The small warehouse without its gap month: three complete calendar years."""
    path = tmp_path_factory.mktemp("gap-free") / "warehouse.duckdb"
    return build_small_warehouse(path, gap_month=None)


def test_three_complete_years_classify_emerging_hot_spots(gap_free) -> None:
    ctx = open_context(gap_free)
    try:
        computed = place.compute(ctx)
    finally:
        ctx.con.disconnect()
    spots = computed.table("place_hotspots").frame.set_index("lsoa_code")
    assert spots.years.eq(3).all()
    assert set(spots.emerging_category) <= {
        f"{kind} {spot}"
        for kind in ("new", "consecutive", "persistent", "sporadic", "oscillating", "historical")
        for spot in ("hot spot", "cold spot")
    } | {"no pattern"}
    hot = spots[[f"hotspot_{year}" for year in (2021, 2022, 2023)]] == HOT
    assert spots.years_hot.to_list() == hot.sum(axis=1).to_list()
    # the emerging cluster turns hot only in the last year(s): new or consecutive, never persistent
    emerging = spots.loc[[lsoa_code(r, c) for r, c in EMERGING_CLUSTER], "emerging_category"]
    assert set(emerging) & {"new hot spot", "consecutive hot spot"}
    assert not set(emerging) & {"persistent hot spot", "historical hot spot"}
    assert (
        "Emerging and persistent hot-spot categories follow each LSOA's yearly Gi* result over "
        "the 3 complete calendar years 2021, 2022 and 2023"
    ) in " ".join(computed.commentary)


def _grid_neighbours(k: int) -> list[int]:
    r, c = divmod(k, GRID)
    return [
        rr * GRID + cc
        for rr in range(r - 1, r + 2)
        for cc in range(c - 1, c + 2)
        if 0 <= rr < GRID and 0 <= cc < GRID and (rr, cc) != (r, c)
    ]


def test_local_moran_on_smoothed_rates_finds_the_cluster(result, small_warehouse) -> None:
    want = _expected(small_warehouse)
    clusters = result.table("place_clusters").frame.set_index("lsoa_code").reindex(LSOA_CODES)
    y = want.smoothed.to_numpy()
    z = (y - y.mean()) / y.std()
    lag = np.array([z[_grid_neighbours(k)].mean() for k in range(len(z))])
    local = (len(z) - 1) * z * lag / (z**2).sum()
    assert clusters.local_moran_i.to_numpy() == pytest.approx(local)
    hot = [LSOA_CODES.index(lsoa_code(r, c)) for r, c in HOT_CLUSTER]
    assert set(clusters.quadrant.iloc[hot]) == {HIGH_HIGH}
    significant = clusters.p_fdr < 0.05
    assert (clusters.cluster[significant] == clusters.quadrant[significant]).all()
    assert set(clusters.cluster[~significant]) <= {"not significant"}
    assert any(text.startswith("Local Moran's I finds") for text in result.commentary)
    assert any("cold spot" in text for text in result.commentary)


def _priority_by_hand(result, want: pd.DataFrame) -> pd.DataFrame:
    """The documented score from the section's own tables, recomputed in pandas."""
    lsoas = result.table("place_lsoa").frame
    spots = result.table("place_hotspots").frame.set_index("lsoa_code")
    frame = lsoas.set_index("lsoa_code")
    top_places = math.ceil(0.1 * len(frame))  # the top tenth of 36 LSOAs: 4
    marked = []
    for year in (2021, 2022, 2023):  # the period covers every year in full (2022 has a gap)
        counts = want[f"count_{year}"].reindex(frame.index).fillna(0)
        top = (counts.rank(method="min", ascending=False) <= top_places) & (counts > 0)
        marked.append(top | (spots[f"hotspot_{year}"].reindex(frame.index) == HOT))
    frame["persistence"] = pd.concat(marked, axis=1).mean(axis=1)
    frame["pct"] = frame.smoothed_rate_per_1000.rank(pct=True)
    frame = frame[frame.serious_violence > 0]
    volume = frame.serious_violence / frame.serious_violence.max()
    frame["score"] = 100 * volume * (0.5 + 0.3 * frame.pct + 0.2 * frame.persistence)
    return frame.sort_values(["score", "serious_violence"], ascending=False)


def test_priority_ranking_follows_its_documented_score(result, small_warehouse) -> None:
    top = _priority_by_hand(result, _expected(small_warehouse))
    priority = result.table("place_priority").frame
    assert len(priority) == 20
    assert list(priority.lsoa_code) == list(top.index[: len(priority)])
    assert priority.priority_score.to_numpy() == pytest.approx(top.score.head(len(priority)))
    assert priority.persistence.to_numpy() == pytest.approx(top.persistence.head(len(priority)))
    # burden leads: the LSOA with the most serious violence is first here, and no place
    # outranks one with twice its serious violence
    lsoas = result.table("place_lsoa").frame
    counts = priority.serious_violence.to_numpy()
    assert not (counts[:, None] * 2 <= counts[None, :])[np.triu_indices(len(counts), 1)].any()
    counts = priority.serious_violence.to_numpy()
    assert not (counts[:, None] * 2 <= counts[None, :])[np.triu_indices(len(counts), 1)].any()
    assert priority.volume_share_pct.iloc[0] == pytest.approx(
        100 * lsoas.serious_violence.iloc[0] / lsoas.serious_violence.sum()
    )
    # the planted hot cluster holds four of the top five
    hot = {lsoa_code(r, c) for r, c in HOT_CLUSTER}
    assert len(hot & set(priority.lsoa_code.head(5))) == 4


def test_priority_method_and_sensitivity_are_in_the_report(result) -> None:
    method = result.table("place_priority_method").frame.set_index("term")
    assert method.weight.to_dict() == {"volume": 0.5, "rate": 0.3, "persistence": 0.2}
    sensitivity = result.table("place_priority_sensitivity").frame
    priority = result.table("place_priority").frame
    assert list(sensitivity.lsoa_code.head(10)) == list(priority.lsoa_code.head(10))
    lsoas = result.table("place_lsoa").frame
    by_volume = set(lsoas.lsoa_code.head(10))
    assert by_volume <= set(sensitivity.lsoa_code)
    assert set(sensitivity.lsoa_code[sensitivity.volume_only_rank <= 10]) == by_volume
    by_rate = lsoas[lsoas.serious_violence > 0].sort_values(
        "smoothed_rate_per_1000", ascending=False
    )
    assert set(sensitivity.lsoa_code[sensitivity.rate_only_rank <= 10]) == set(
        by_rate.lsoa_code.head(10)
    )
    overlap = len(set(priority.lsoa_code.head(10)) & by_volume)
    sentence = next(t for t in result.commentary if t.startswith("Sensitivity:"))
    assert sentence.startswith(f"Sensitivity: {overlap} of the top 10 priority places")
    assert any("ranked by burden" in text for text in result.commentary)


def test_harm_weights_count_each_crime_at_its_highest_weight(small_warehouse) -> None:
    weights = {
        "homicide": 100.0,
        "serious_wounding": 10.0,
        "robbery": 3.0,
        "rape": 20.0,
        "knife_enabled": 5.0,
    }
    text = TEST_DEFINITION_YAML.replace("name: test-codes", "name: test-weighted")
    text += "harm_weights:\n" + "".join(f"  {tag}: {w}\n" for tag, w in weights.items())
    definition = parse_definition(text, "weighted.yaml")
    ctx = open_context(small_warehouse, definition)
    try:
        weighted = place.compute(ctx)
    finally:
        ctx.con.disconnect()
    rows = expected_serious_violence(small_warehouse["crimes"])
    sv = rows[rows.is_serious_violence & rows.lsoa_code.notna()]
    tags = pd.DataFrame({tag: sv[f"sv_{tag}"] * w for tag, w in weights.items()})
    want = tags.max(axis=1).groupby(sv.lsoa_code).sum()
    priority = weighted.table("place_priority").frame.set_index("lsoa_code")
    assert priority.weighted_serious_violence.to_numpy() == pytest.approx(
        want.reindex(priority.index).to_numpy()
    )
    assert priority.volume_share_pct.to_numpy() == pytest.approx(
        100 * want.reindex(priority.index).to_numpy() / want.sum()
    )
    method = weighted.table("place_priority_method").frame.set_index("term")
    assert method.weight["harm weight: homicide"] == 100.0
    assert any("weights crimes by harm" in text for text in weighted.commentary)


def test_town_centre_caveat_for_a_high_rate_among_few_residents(small_warehouse, tmp_path) -> None:
    centre = lsoa_code(1, 1)  # in the hot cluster: its rate tops the area once residents fall
    path = modified_copy(
        small_warehouse,
        tmp_path / "w.duckdb",
        f"UPDATE population SET population = population / 20 WHERE area_code = '{centre}'",
    )
    ctx = open_context(path)
    try:
        flagged = place.compute(ctx)
    finally:
        ctx.con.disconnect()
    lsoas = flagged.table("place_lsoa").frame.set_index("lsoa_code")
    assert lsoas.few_residents_high_rate[lsoas.few_residents_high_rate].index.tolist() == [centre]
    caveat = next(t for t in flagged.commentary if "top 1%" in t)
    assert centre in caveat and "overstates the risk to residents" in caveat


def test_map_table_and_geojson(result, small_warehouse) -> None:
    ctx = open_context(small_warehouse)
    geojson = lsoa_geojson(ctx)
    assert geojson["type"] == "FeatureCollection"
    features = {f["properties"]["lsoa_code"]: f for f in geojson["features"]}
    assert sorted(features) == sorted(LSOA_CODES)
    ring = features[lsoa_code(0, 0)]["geometry"]["coordinates"][0]
    assert {tuple(round(v, 6) for v in point) for point in ring} == {
        (round(LON0, 6), round(LAT0, 6)),
        (round(LON0 + 0.01, 6), round(LAT0, 6)),
        (round(LON0 + 0.01, 6), round(LAT0 + 0.01, 6)),
        (round(LON0, 6), round(LAT0 + 0.01, 6)),
    }
    mapped = result.table("place_map").frame
    assert set(mapped.lsoa_code) == set(LSOA_CODES)
    assert {"smoothed_rate_per_1000", "spatial_smoothed_rate_per_1000", "cluster"} <= set(
        mapped.columns
    )
    assert mapped.spatial_smoothed_rate_per_1000.notna().all()
    ctx.con.disconnect()


def test_without_boundaries_place_still_counts_and_says_why(small_warehouse, tmp_path) -> None:
    path = modified_copy(small_warehouse, tmp_path / "w.duckdb", "UPDATE areas SET geometry = NULL")
    ctx = open_context(path)
    result = place.compute(ctx)
    names = [table.name for table in result.tables]
    assert not {"place_hotspots", "place_clusters", "place_map"} & set(names)
    priority = result.table("place_priority").frame
    assert "hotspot" not in priority.columns or priority.hotspot.isna().all()
    assert "place_concentration" in names
    assert any("boundaries" in text for text in result.commentary)
    assert lsoa_geojson(ctx) is None
    ctx.con.disconnect()


def test_one_full_year_leaves_persistence_out(small_warehouse) -> None:
    ctx = open_context(small_warehouse, start_month=date(2021, 1, 1), end_month=date(2021, 12, 1))
    try:
        year = place.compute(ctx)
    finally:
        ctx.con.disconnect()
    method = year.table("place_priority_method").frame.set_index("term")
    assert not method.used["persistence"]
    assert method.weight[["volume", "rate"]].to_list() == pytest.approx([0.625, 0.375])
    assert "Persistence is not scored: the period covers 1 calendar year(s) in full" in " ".join(
        year.commentary
    )
    priority = year.table("place_priority").frame
    assert priority.persistence.isna().all()
    volume = priority.serious_violence / priority.serious_violence.max()
    assert priority.priority_score.to_numpy() == pytest.approx(
        (100 * volume * (0.5 + 0.3 * priority.rate_percentile) / 0.8).to_numpy()
    )


def test_without_population_volume_and_persistence_rank_places(small_warehouse, tmp_path) -> None:
    path = modified_copy(small_warehouse, tmp_path / "w.duckdb", "DELETE FROM population")
    ctx = open_context(path)
    try:
        counts_only = place.compute(ctx)
    finally:
        ctx.con.disconnect()
    lsoas = counts_only.table("place_lsoa").frame
    assert lsoas.rate_per_1000.isna().all() and lsoas.smoothed_rate_per_1000.isna().all()
    spots = counts_only.table("place_hotspots").frame.set_index("lsoa_code")
    assert spots.value.reindex(lsoas.lsoa_code).tolist() == lsoas.serious_violence.tolist()
    assert any("use counts, not rates" in text for text in counts_only.commentary)
    # no rate term: volume and persistence (top tenth by count, or a Gi* hot spot on counts)
    method = counts_only.table("place_priority_method").frame.set_index("term")
    assert not method.used["rate"]
    priority = counts_only.table("place_priority").frame
    volume = priority.serious_violence / lsoas.serious_violence.max()
    assert priority.priority_score.to_numpy() == pytest.approx(
        (100 * volume * (0.5 + 0.2 * priority.persistence) / 0.7).to_numpy()
    )
    counts = priority.serious_violence.to_numpy()
    assert not (counts[:, None] * 2 <= counts[None, :])[np.triu_indices(len(counts), 1)].any()
