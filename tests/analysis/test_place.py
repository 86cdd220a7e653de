"""Section 4, place: counts, rates, concentration and hotspots against independent sums."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from svduty.analysis import place
from svduty.analysis.boundaries import lsoa_geojson
from svduty.analysis.gistar import HOT

from .conftest import (
    GRID,
    HOT_CLUSTER,
    LAT0,
    LON0,
    LSOA_CODES,
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


def _expected(small_warehouse) -> pd.DataFrame:
    rows = expected_serious_violence(small_warehouse["crimes"])
    sv = rows[rows.is_serious_violence & rows.lsoa_code.notna()]
    counts = sv.groupby("lsoa_code").size().reindex(LSOA_CODES, fill_value=0)
    pop = small_warehouse["population"]
    total = pop[(pop.age_band == "all") & (pop.sex == "all") & (pop.ethnicity == "all")]
    wide = total.pivot(index="area_code", columns="year", values="population")
    person_years = wide[2021] + wide[2022] + wide[2022]  # 2023 uses 2022 (nearest year)
    frame = pd.DataFrame({"count": counts, "person_years": person_years.reindex(LSOA_CODES)})
    frame["rate"] = 1000 * frame["count"] / frame.person_years
    yearly = sv.assign(year=pd.to_datetime(sv.occurred_month).dt.year)
    yearly = yearly.groupby(["lsoa_code", "year"]).size().unstack(fill_value=0)
    yearly = yearly.reindex(index=LSOA_CODES, columns=[2021, 2022, 2023], fill_value=0)
    for year, source in ((2021, 2021), (2022, 2022), (2023, 2022)):
        frame[f"rate_{year}"] = 1000 * yearly[year] / wide[source].reindex(LSOA_CODES)
    return frame


def test_counts_and_rates_by_lsoa_district_and_csp(result, small_warehouse) -> None:
    want = _expected(small_warehouse)
    got = result.table("place_lsoa").frame.set_index("lsoa_code")
    assert got.serious_violence.reindex(LSOA_CODES).tolist() == want["count"].tolist()
    assert got.rate_per_1000.reindex(LSOA_CODES).to_numpy() == pytest.approx(want.rate.to_numpy())
    grid = small_warehouse["grid"].set_index("lsoa_code")
    west = want[grid.reindex(want.index).side == "WEST"]
    districts = result.table("place_district").frame.set_index("district_code")
    assert districts.loc["E06000901", "serious_violence"] == west["count"].sum()
    assert districts.loc["E06000901", "rate_per_1000"] == pytest.approx(
        1000 * west["count"].sum() / west.person_years.sum()
    )
    csp = result.table("place_csp").frame.set_index("csp_code")
    assert csp.loc["E22000901", "serious_violence"] == west["count"].sum()


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


def test_hotspots_on_rates_find_the_planted_cluster(result, small_warehouse) -> None:
    want = _expected(small_warehouse)
    spots = result.table("place_hotspots").frame.set_index("lsoa_code").reindex(LSOA_CODES)
    z = _gi_by_hand(want.rate.to_numpy())
    assert spots.gi_z.to_numpy() == pytest.approx(z)
    q = stats.false_discovery_control(2 * stats.norm.sf(np.abs(z)), method="bh")
    hot = {code for code, zi, qi in zip(LSOA_CODES, z, q, strict=True) if zi > 0 and qi < 0.05}
    assert set(spots.index[spots.hotspot == HOT]) == hot
    assert {lsoa_code(r, c) for r, c in HOT_CLUSTER} <= hot
    for year in (2021, 2022, 2023):
        assert spots[f"gi_z_{year}"].to_numpy() == pytest.approx(
            _gi_by_hand(want[f"rate_{year}"].to_numpy())
        )
    assert spots.years.eq(3).all()
    assert set(spots.emerging_category) <= {
        f"{kind} {spot}"
        for kind in ("new", "consecutive", "persistent", "sporadic", "oscillating", "historical")
        for spot in ("hot spot", "cold spot")
    } | {"no pattern"}


def test_priority_ranking_follows_its_documented_score(result) -> None:
    lsoas = result.table("place_lsoa").frame
    spots = result.table("place_hotspots").frame
    frame = lsoas.merge(spots, on="lsoa_code")
    frame = frame[frame.serious_violence > 0]
    score = (
        50 * frame.rate_per_1000.rank(pct=True)
        + 30 * (frame.hotspot == HOT)
        + 20 * frame.years_hot / 3
    )
    priority = result.table("place_priority").frame
    top = frame.assign(score=score).sort_values(["score", "serious_violence"], ascending=False)
    assert list(priority.lsoa_code) == list(top.lsoa_code.head(len(priority)))
    assert priority.priority_score.to_numpy() == pytest.approx(top.score.head(len(priority)))


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
    assert set(result.table("place_map").frame.lsoa_code) == set(LSOA_CODES)
    ctx.con.disconnect()


def test_without_boundaries_place_still_counts_and_says_why(small_warehouse, tmp_path) -> None:
    path = modified_copy(small_warehouse, tmp_path / "w.duckdb", "UPDATE areas SET geometry = NULL")
    ctx = open_context(path)
    result = place.compute(ctx)
    names = [table.name for table in result.tables]
    assert "place_hotspots" not in names and "place_map" not in names
    assert "place_concentration" in names
    assert any("boundaries" in text for text in result.commentary)
    assert lsoa_geojson(ctx) is None
    ctx.con.disconnect()
