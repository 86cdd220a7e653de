"""The grid-cell hot spot maps: cells over the LSOA boundaries, district names drawn offline."""

from __future__ import annotations

import pandas as pd
import pytest
from shapely.geometry import shape

from svduty.analysis.result import SectionTable
from svduty.reports.charts import (
    CHANGE_CELLS,
    DENSITY_CELLS,
    LSOA_DATASET,
    SPOT_CELLS,
    ChartInputs,
    cell_features,
    figures_for,
)
from svduty.reports.render import svg_from_spec

LSOA = [[-1.64, 54.94], [-1.56, 54.94], [-1.56, 55.0], [-1.64, 55.0], [-1.64, 54.94]]
BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"lsoa_code": "E01000001", "lsoa_name": "Tyneside 001A"},
            "geometry": {"type": "Polygon", "coordinates": [LSOA]},
        }
    ],
}


def _grid() -> pd.DataFrame:
    """Four cells in a row: a hot one labelled Gateshead, a cold one labelled Newcastle."""
    west = [-1.64, -1.62, -1.60, -1.58]
    return pd.DataFrame(
        {
            "cell_id": ["E1 N1", "E2 N1", "E3 N1", "E4 N1"],
            "district_name": [
                "Gateshead",
                "Gateshead",
                "Newcastle upon Tyne",
                "Newcastle upon Tyne",
            ],
            "longitude": [w + 0.01 for w in west],
            "latitude": [54.96] * 4,
            "crimes": [40, 3, 0, 1],
            "kde_per_km2": [12.0, 4.0, 0.0, 0.5],
            "hotspot": ["hot spot", "not significant", "cold spot", "not significant"],
            "crimes_first": [10, 1, 0, 1],
            "crimes_last": [30, 2, 0, 0],
            "change": [20, 1, 0, -1],
            "change_category": [
                "persistent hot spot",
                "emerging hot spot",
                "no pattern",
                "no pattern",
            ],
            "district_label": [True, False, False, True],
            "west": west,
            "south": [54.95] * 4,
            "east": [w + 0.02 for w in west],
            "north": [54.97] * 4,
        }
    )


def test_cells_are_clockwise_squares_for_d3() -> None:
    (feature,) = cell_features(_grid().head(1), ["hotspot"])
    square = shape(feature["geometry"])
    assert not square.exterior.is_ccw  # d3-geo fills the globe with a counter-clockwise ring
    assert square.bounds == pytest.approx((-1.64, 54.95, -1.62, 54.97))
    assert feature["properties"] == {"hotspot": "hot spot"}


def test_grid_maps_draw_hot_cells_and_district_names_on_the_lsoa_map() -> None:
    table = SectionTable("place_points_grid", "Grid", _grid(), count_columns=("crimes",))
    hot, change = figures_for(table, ChartInputs(BOUNDARIES))
    spec = hot.spec()
    assert set(spec["datasets"]) == {LSOA_DATASET, DENSITY_CELLS, SPOT_CELLS}
    # Only cells with any density are shaded; only hot and cold cells are coloured.
    assert len(spec["datasets"][DENSITY_CELLS]) == 3
    assert [f["properties"]["hotspot"] for f in spec["datasets"][SPOT_CELLS]] == [
        "hot spot",
        "cold spot",
    ]
    svg = svg_from_spec(spec, "g1")
    assert ">Gateshead</text>" in svg and ">Newcastle upon Tyne</text>" in svg
    assert 'fill="#D55E00"' in svg  # the hot cell
    assert "Getis-Ord Gi* (grid cells)" in svg
    change_spec = change.spec()
    assert [f["properties"]["change_category"] for f in change_spec["datasets"][CHANGE_CELLS]] == [
        "persistent hot spot",
        "emerging hot spot",
    ]
    svg = svg_from_spec(change_spec, "g2")
    assert ">Gateshead</text>" in svg and "emerging hot spot" in svg


def test_without_boundaries_the_cells_are_still_drawn() -> None:
    frame = _grid().drop(columns=["change_category"])
    (figure,) = figures_for(SectionTable("place_points_grid", "Grid", frame))
    spec = figure.spec()
    assert LSOA_DATASET not in spec["datasets"]
    svg = svg_from_spec(spec, "g3")
    assert ">Newcastle upon Tyne</text>" in svg
