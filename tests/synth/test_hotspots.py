"""The hotspots recorded in the manifest really are where serious violence concentrates."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from svduty.synth.world import EMERGING_YEARS

SV_CODES_NO_FLAG = {"1", "4/1", "2", "34A", "34B"}


@pytest.fixture(scope="module")
def yearly_counts(county: Path) -> pd.DataFrame:
    """Serious-violence-like crimes (robbery, knife-flagged, sexual, homicide) per LSOA and year."""
    crimes = pd.read_csv(county / "police_crimes.csv", dtype=str, keep_default_na=False)
    sexual = crimes["ho_code"].str.match(r"^(19[C-H]|17[AB]|20[AB]|21|22[AB]|23|7[0-3]|88[A-E])$")
    serious = crimes["ho_code"].isin(SV_CODES_NO_FLAG) | (crimes["knife"] == "Y") | sexual
    serious &= crimes["ho_code"] != "10D"
    chosen = crimes[serious]
    lsoas = pd.read_csv(county / "imd.csv", dtype=str)["LSOA code (2011)"]
    counts = chosen.groupby([chosen["occurred_at"].str[:4], "lsoa_code"]).size().unstack(0)
    return counts.reindex(lsoas).fillna(0)


def _top_share_rank(counts: pd.Series) -> pd.Series:
    return counts.rank(ascending=False, method="min")


def test_persistent_hotspots_are_high_every_year(manifest, yearly_counts) -> None:
    clusters = manifest["hotspots"]["persistent"]
    assert len(clusters) == 2
    for year in yearly_counts.columns:
        counts = yearly_counts[year]
        ranks = _top_share_rank(counts)
        for cluster in clusters:
            assert ranks[cluster[0]] <= 20, (year, cluster[0])  # centre in the top 5%
            assert counts[cluster].mean() >= 3 * counts.mean(), (year, cluster)


def test_persistent_hotspots_are_neighbouring_lsoas(manifest, county) -> None:
    import geopandas as gpd

    boundaries = gpd.read_file(county / "boundaries.geojson").set_index("LSOA11CD")
    for cluster in [*manifest["hotspots"]["persistent"], manifest["hotspots"]["emerging"]]:
        centre = boundaries.geometry[cluster[0]]
        assert all(boundaries.geometry[code].touches(centre) for code in cluster[1:])


def test_emerging_hotspot_rises_only_in_the_last_two_years(manifest, yearly_counts) -> None:
    centre = manifest["hotspots"]["emerging"][0]
    years = sorted(yearly_counts.columns)
    first, last_two = years[0], years[-EMERGING_YEARS:]
    assert manifest["hotspots"]["emerging_from_year"] == int(last_two[0])
    assert _top_share_rank(yearly_counts[first])[centre] > 40  # not in the top 10% at first
    for year in last_two:
        assert _top_share_rank(yearly_counts[year])[centre] <= 20
    cluster = manifest["hotspots"]["emerging"]
    before = yearly_counts.loc[cluster, first].sum()
    after = yearly_counts.loc[cluster, last_two].sum(axis=1).sum() / 2
    assert after >= 3 * max(before, 1)
