"""Boundaries are valid polygons that tile the area, and queen contiguity finds no islands."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from libpysal.weights import Queen
from shapely.geometry import Point

from svduty.synth.scales import get_scale
from svduty.synth.world import build_world

CHECKED_POINTS = 3000


@pytest.fixture(scope="module")
def boundaries(county: Path) -> gpd.GeoDataFrame:
    return gpd.read_file(county / "boundaries.geojson")


def test_polygons_are_valid_and_tile_without_overlap(boundaries) -> None:
    assert len(boundaries) == 400
    assert boundaries.is_valid.all()
    assert boundaries["LSOA11CD"].is_unique
    assert list(boundaries.columns[:4]) == ["LSOA11CD", "LSOA11NM", "LAD17CD", "LAD17NM"]
    projected = boundaries.to_crs(27700)  # British National Grid, for areas in m²
    union = projected.union_all()
    assert union.area == pytest.approx(projected.area.sum(), rel=1e-9)  # no overlaps
    assert union.geom_type == "Polygon"  # one piece, no holes between LSOAs
    minx, miny, maxx, maxy = boundaries.total_bounds
    assert -8.7 < minx < maxx < 1.8 and 49.8 < miny < maxy < 60.9


def test_queen_contiguity_has_no_islands(boundaries) -> None:
    weights = Queen.from_dataframe(boundaries, use_index=False)
    assert weights.islands == []
    cardinalities = np.array(list(weights.cardinalities.values()))
    assert cardinalities.min() >= 3 and cardinalities.max() == 8  # grid corners and interiors


def test_crime_points_fall_inside_their_lsoa(county: Path, boundaries) -> None:
    crimes = pd.read_csv(county / "police_crimes.csv", nrows=CHECKED_POINTS)
    polygons = boundaries.set_index("LSOA11CD").geometry
    inside = {
        ref: polygons[code].contains(Point(lon, lat))
        for ref, code, lon, lat in zip(
            crimes.crime_ref, crimes.lsoa_code, crimes.longitude, crimes.latitude, strict=True
        )
    }
    assert len(inside) == CHECKED_POINTS  # the county has far more crimes, each ref unique
    outside = [ref for ref, within in inside.items() if not within]
    assert outside == [], f"{len(outside)} of {CHECKED_POINTS} points outside their LSOA"


def test_districts_are_contiguous(boundaries) -> None:
    for _, district in boundaries.groupby("LAD17CD"):
        assert district.union_all().geom_type == "Polygon"


def test_national_scale_matches_england() -> None:
    world = build_world(get_scale("national"), (2024,), np.random.default_rng(1))
    assert world.areas.n == 32_844
    deciles = np.bincount(world.deprivation.imd_decile)[1:]
    assert deciles.min() >= 3284 and deciles.max() <= 3285  # exactly tenths of England
    ranks = world.deprivation.columns[
        "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"
    ]
    assert np.array_equal(np.sort(ranks), np.arange(1, 32_845))
    assert len(world.areas.force_code) == 39


def test_force_scale_is_three_counties() -> None:
    world = build_world(get_scale("force"), (2024,), np.random.default_rng(1))
    assert world.areas.n == 1200
    assert 14 <= len(world.areas.district_code) <= 18
    assert len(world.areas.force_code) == 1
