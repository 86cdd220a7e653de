"""Point-level hot spots: sfhotspot's cell size, Gi* on a grid, quartic KDE, two-period change."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
import shapely

from svduty.analysis import points
from svduty.analysis.gistar import COLD, HOT, NOT_SIGNIFICANT, gi_star
from svduty.definitions import load_definition

from .conftest import expected_serious_violence, modified_copy, open_context

# -- projection -----------------------------------------------------------------------------------


def test_projection_reproduces_the_ordnance_survey_worked_example() -> None:
    # OS, "A guide to coordinate systems in Great Britain", the transverse Mercator worked
    # example: OSGB36 52°39'27.2531"N 1°43'4.5177"E is E 651409.903, N 313177.270.
    lat = 52 + 39 / 60 + 27.2531 / 3600
    lon = 1 + 43 / 60 + 4.5177 / 3600
    x, y = points.to_british_national_grid(np.array([lon]), np.array([lat]), source="EPSG:4277")
    assert x[0] == pytest.approx(651409.903, abs=0.001)
    assert y[0] == pytest.approx(313177.270, abs=0.001)


def test_newcastle_in_wgs84_lands_on_its_grid_reference_and_back() -> None:
    # Newcastle upon Tyne (-1.6178, 54.9783) is NZ 245 649: E 424,561 N 564,921 through the
    # OSGB36 Helmert transformation (about 2 m from OSTN15).
    x, y = points.to_british_national_grid(np.array([-1.6178]), np.array([54.9783]))
    assert x[0] == pytest.approx(424_561, abs=5)
    assert y[0] == pytest.approx(564_921, abs=5)
    lon, lat = points.to_wgs84(x, y)  # the Helmert inverse is good to about a millimetre
    assert lon[0] == pytest.approx(-1.6178, abs=1e-7)
    assert lat[0] == pytest.approx(54.9783, abs=1e-7)


# -- the grid -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "size"),
    [
        (70_000, 120_000, 1_400.0),  # 70 km / 50 = 1,400 m: already a multiple of 100
        (68_321, 90_000, 1_300.0),  # 1,366.42 m rounds down to 1,300 m
        (90_000, 68_321, 1_300.0),  # the shorter side, whichever axis it is on
        (3_000, 9_000, 60.0),  # 60 m would round to 0: sfhotspot keeps it unrounded
        (0, 5_000, 0.0),  # points on a line: no grid
    ],
)
def test_cell_size_is_a_fiftieth_of_the_shorter_side_rounded_down_to_100_m(
    width: float, height: float, size: float
) -> None:
    x = np.array([0.0, width / 3, width])
    y = np.array([0.0, height, height / 2])
    assert points.cell_size(x, y) == pytest.approx(size)


def test_grid_starts_half_a_cell_beyond_the_points() -> None:
    grid = points.make_grid(np.array([500.0, 19_500.0]), np.array([500.0, 9_500.0]), 1_000.0)
    assert (grid.x0, grid.y0, grid.columns, grid.rows) == (0.0, 0.0, 20, 10)
    # A point on the edge between two cells belongs to the cell above and to the right.
    assert grid.cell_of(np.array([1_000.0]), np.array([2_000.0])).tolist() == [2 * 20 + 1]
    x, y = grid.centres(np.array([2 * 20 + 1]))
    assert (x[0], y[0]) == (1_500.0, 2_500.0)


def test_cells_are_those_touching_the_area_and_those_holding_a_point() -> None:
    grid = points.Grid(0.0, 0.0, 1_000.0, columns=4, rows=1)
    area = np.array([shapely.box(0, 0, 1_500, 1_000)])  # touches cells 0 and 1
    x, y = np.array([3_500.0]), np.array([500.0])  # a point in cell 3
    assert points.kept_cells(grid, x, y, area).tolist() == [0, 1, 3]
    # Without an area: the points' convex hull grown by half a cell (cells 2 and 3 touch it).
    assert points.kept_cells(
        grid, np.array([2_600.0, 3_500.0]), np.array([500.0] * 2)
    ).tolist() == [
        2,
        3,
    ]
    assert points.count_in_cells(np.array([0, 1, 3]), np.array([3, 3, 0])).tolist() == [1, 0, 2]


# -- Gi* and the density surface on a crafted point cloud -----------------------------------------

CLUSTER = (10_500.0, 10_500.0)


def _cloud() -> tuple[np.ndarray, np.ndarray]:
    """One point at the centre of each 1 km cell of a 20 x 20 km square, 50 more at CLUSTER."""
    i, j = np.meshgrid(np.arange(20), np.arange(20))
    x = np.concatenate([i.ravel() * 1_000 + 500.0, np.full(50, CLUSTER[0])])
    y = np.concatenate([j.ravel() * 1_000 + 500.0, np.full(50, CLUSTER[1])])
    return x, y


def test_gi_star_finds_the_cluster_hot_and_the_far_corner_not() -> None:
    x, y = _cloud()
    result = points.grid_hotspots(x, y, size=1_000.0)
    frame = result.frame.set_index(["easting", "northing"])
    assert len(frame) == 400 and frame.crimes.sum() == 450
    assert frame.loc[CLUSTER, "crimes"] == 51
    # By hand: n = 400 cells, mean 450/400 = 1.125, S = sqrt(3000/400 - 1.125^2); the cluster
    # cell and its 8 neighbours sum to 59, so z = (59 - 9 x 1.125) / (S sqrt((400 x 9 - 81) /
    # 399)) = 6.5912; a corner cell has 3 neighbours: (4 - 4 x 1.125) / (S sqrt(1584/399)).
    assert frame.loc[CLUSTER, "gi_z"] == pytest.approx(6.591240, abs=1e-5)
    assert frame.loc[CLUSTER, "hotspot"] == HOT
    assert frame.loc[(500.0, 500.0), "gi_z"] == pytest.approx(-0.100504, abs=1e-5)
    assert frame.loc[(500.0, 500.0), "hotspot"] == NOT_SIGNIFICANT
    # The 3 x 3 block around the cluster shares its neighbourhood sum; nothing else is hot.
    assert (frame.hotspot == HOT).sum() == 9
    assert frame.loc[(11_500.0, 11_500.0), "hotspot"] == HOT


def test_the_density_peaks_at_the_cluster() -> None:
    x, y = _cloud()
    result = points.grid_hotspots(x, y, size=1_000.0)
    peak = result.frame.loc[result.frame.kde_per_km2.idxmax()]
    assert (peak.easting, peak.northing) == CLUSTER
    # The bandwidth is the mean of the rule on eastings and on northings (equal here).
    assert result.bandwidth == pytest.approx(points.bandwidth_nrd(x))


def test_bandwidth_follows_mass_bandwidth_nrd() -> None:
    # sd = 1,581.14, IQR / 1.34 = 2,000 / 1.34 = 1,492.54 (the smaller), n^(-1/5) = 5^(-0.2):
    # 4 x 1.06 x 1,492.54 x 0.724780 = 4,586.67.
    values = np.array([0.0, 1_000.0, 2_000.0, 3_000.0, 4_000.0])
    assert points.bandwidth_nrd(values) == pytest.approx(4_586.6653, abs=1e-3)
    # A zero interquartile range falls back to the standard deviation, not a zero bandwidth.
    piled = np.array([0.0] * 7 + [80.0])
    assert points.bandwidth_nrd(piled) == pytest.approx(4 * 1.06 * np.std(piled, ddof=1) * 8**-0.2)


def test_quartic_kernel_by_hand() -> None:
    # One point at the origin, h = 1 km: 3 / (pi h^2) per m^2 at distance 0 (3/pi per km^2),
    # (1 - 0.5^2)^2 = 0.5625 of that at 500 m, nothing from 1 km on.
    cx = np.array([0.0, 500.0, 1_000.0, 2_000.0])
    cy = np.zeros(4)
    kde = points.quartic_kde(cx, cy, np.array([0.0]), np.array([0.0]), 1_000.0)
    assert kde.tolist() == pytest.approx([3 / math.pi, 0.5625 * 3 / math.pi, 0.0, 0.0])
    # Coincident points count once each.
    twice = points.quartic_kde(cx, cy, np.zeros(2), np.zeros(2), 1_000.0)
    assert twice.tolist() == pytest.approx((2 * kde).tolist())


def test_the_density_surface_integrates_to_the_number_of_points() -> None:
    # 25 m cells over a 4 km square around three points: the sum x cell area is 3.
    step = 25.0
    grid = np.arange(-2_000 + step / 2, 2_000, step)
    cx, cy = (a.ravel() for a in np.meshgrid(grid, grid))
    kde = points.quartic_kde(cx, cy, np.array([0.0, 300.0, -200.0]), np.zeros(3), 800.0)
    assert kde.sum() * (step / 1_000) ** 2 == pytest.approx(3.0, rel=1e-3)


# -- change between two periods -------------------------------------------------------------------


def test_change_periods_are_the_first_and_last_12_months_or_the_halves() -> None:
    months = list(pd.date_range("2020-05-01", "2023-01-01", freq="MS").date)  # 33 months
    first, last = points.change_periods(months)
    assert (first[0], first[-1]) == (date(2020, 5, 1), date(2021, 4, 1))
    assert (last[0], last[-1]) == (date(2022, 2, 1), date(2023, 1, 1))
    nine = months[:9]
    first, last = points.change_periods(nine)
    assert first == nine[:4] and last == nine[5:]  # the middle month is left out
    assert points.change_periods(months[:1]) is None


def test_change_category_follows_hotspot_classify_with_two_periods() -> None:
    first = np.array([HOT, NOT_SIGNIFICANT, HOT, COLD, NOT_SIGNIFICANT, COLD, HOT, NOT_SIGNIFICANT])
    last = np.array([HOT, HOT, NOT_SIGNIFICANT, COLD, COLD, NOT_SIGNIFICANT, COLD, NOT_SIGNIFICANT])
    assert points.change_category(first, last).tolist() == [
        "persistent hot spot",
        "emerging hot spot",
        "former hot spot",
        "persistent cold spot",
        "emerging cold spot",
        "former cold spot",
        "mixed hot and cold spot",
        "no pattern",
    ]


def test_a_crafted_two_period_set_gives_persistent_emerging_and_former_cells() -> None:
    # The same background in both periods; cluster A in both, B only in the first, C only in
    # the last.
    i, j = np.meshgrid(np.arange(20), np.arange(20))
    background = (i.ravel() * 1_000 + 500.0, j.ravel() * 1_000 + 500.0)
    a, b, c = (4_500.0, 4_500.0), (15_500.0, 4_500.0), (10_500.0, 15_500.0)

    def period(*clusters: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
        x = np.concatenate([background[0], *[np.full(40, p[0]) for p in clusters]])
        y = np.concatenate([background[1], *[np.full(40, p[1]) for p in clusters]])
        return x, y

    (x1, y1), (x2, y2) = period(a, b), period(a, c)
    both = points.grid_hotspots(np.concatenate([x1, x2]), np.concatenate([y1, y2]), size=1_000.0)
    labels = [
        gi_star(points.count_in_cells(both.cells, both.grid.cell_of(x, y)), both.weights).hotspot
        for x, y in ((x1, y1), (x2, y2))
    ]
    category = pd.Series(
        points.change_category(*labels),
        index=pd.MultiIndex.from_arrays([both.frame.easting, both.frame.northing]),
    )
    assert category[a] == "persistent hot spot"
    assert category[b] == "former hot spot"
    assert category[c] == "emerging hot spot"
    assert category[(500.0, 19_500.0)] == "no pattern"


# -- district names -------------------------------------------------------------------------------


def test_each_cell_takes_its_district_and_each_district_one_label_cell() -> None:
    lsoas = pd.DataFrame(
        {
            "lsoa_code": ["A1", "A2", "B1"],
            "district_name": ["Westshire", "Westshire", "Eastshire"],
            "geometry": [
                shapely.box(0, 0, 2_000, 1_000),
                shapely.box(2_000, 0, 3_000, 1_000),
                shapely.box(3_000, 0, 4_000, 1_000),
            ],
        }
    )
    cx = np.array([500.0, 1_500.0, 2_500.0, 3_500.0, 4_500.0])  # the last one is at sea
    names, label = points.cell_districts(cx, np.full(5, 500.0), lsoas)
    assert names.tolist() == ["Westshire"] * 3 + ["Eastshire"] * 2
    # Westshire's area-weighted centre is (1,500, 500); Eastshire's (3,500, 500).
    assert label.tolist() == [False, True, False, True, False]


# -- on the small warehouse -----------------------------------------------------------------------


def test_point_hotspots_account_for_every_serious_violence_crime(small_warehouse) -> None:
    oracle = expected_serious_violence(small_warehouse["crimes"])
    serious = oracle[oracle.is_serious_violence]
    located = serious[serious.lsoa_code.notna() & serious.longitude.notna()]
    ctx = open_context(small_warehouse)
    try:
        result = points.point_hotspots(ctx)
    finally:
        ctx.con.disconnect()
    left_out = len(serious) - len(located)
    assert left_out > 0
    assert result.commentary[0].startswith(
        f"The grid leaves out {left_out} of the {len(serious):,} serious-violence crimes in scope"
    )
    assert f"{left_out} have no LSOA" in result.commentary[0]
    (table,) = result.tables
    frame = table.frame
    assert table.name == "place_points_grid"
    assert frame.crimes.sum() == len(located)
    months = pd.to_datetime(located.occurred_month)
    assert frame.crimes_first.sum() == (months.dt.year == 2021).sum()
    assert frame.crimes_last.sum() == (months.dt.year == 2023).sum()
    assert (frame.change == frame.crimes_last - frame.crimes_first).all()
    assert set(frame.district_name) == {"West Sample", "East Sample"}
    assert frame.district_label.sum() == 2
    text = " ".join(result.commentary)
    assert "January 2021 to December 2021 with January 2023 to December 2023" in text
    assert "lockdowns (March 2020 to March 2021)" in text  # 2021 starts inside them
    assert "Benjamini-Hochberg false discovery rate 5%" in text
    assert "bandwidth of" in text and "square cells of" in text
    assert "seasonal" not in text  # whole years: the same months in both periods


def test_a_short_period_warns_that_its_halves_are_different_months(small_warehouse) -> None:
    ctx = open_context(small_warehouse, start_month=date(2023, 1, 1), end_month=date(2023, 6, 1))
    try:
        result = points.point_hotspots(ctx)
    finally:
        ctx.con.disconnect()
    text = " ".join(result.commentary)
    assert "January 2023 to March 2023 with April 2023 to June 2023 (3 months each)" in text
    assert (
        "The two periods are different months of the year, so the change includes seasonal "
        "differences as well as any change in where violence happens."
    ) in text


def test_a_crime_loaded_twice_is_not_joined_four_times(small_warehouse, tmp_path) -> None:
    copy = modified_copy(
        small_warehouse,
        tmp_path / "twice.duckdb",
        "INSERT INTO crimes SELECT * REPLACE (99 AS batch_id) FROM crimes "
        "WHERE source = 'police-crimes' AND ho_code = '34B' AND lsoa_code IS NOT NULL "
        "AND longitude IS NOT NULL ORDER BY crime_ref LIMIT 1",
    )
    ctx = open_context(copy)
    try:
        serious = ctx.serious_violence
        expected = int(serious.filter(serious.lsoa_code.notnull()).count().execute())
        result = points.point_hotspots(ctx)
    finally:
        ctx.con.disconnect()
    assert result.tables[0].frame.crimes.sum() == expected  # the context's two rows, not four


def test_no_grid_without_coordinates_says_why(small_warehouse) -> None:
    # The small warehouse's police.uk rows carry no coordinates.
    ctx = open_context(small_warehouse, definition=load_definition("police-uk-proxy"))
    try:
        result = points.point_hotspots(ctx)
        total = int(ctx.serious_violence.count().execute())
    finally:
        ctx.con.disconnect()
    assert result.tables == []
    assert result.commentary[0] == (
        f"The grid leaves out {total:,} of the {total:,} serious-violence crimes in scope "
        f"(100.0%): {total:,} have an LSOA but no coordinates; figures that need no coordinates "
        "still count them."
    )
    assert result.commentary[1] == (
        "Only 0 serious-violence crime(s) have coordinates; grid-cell hot spots need at least "
        "30, so no grid is drawn."
    )
