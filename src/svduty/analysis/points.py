"""Point-level hot spots: Gi* on a regular grid, a kernel density surface and two-period change.

Where crimes carry coordinates (a force extract's grid references, data.police.uk's snapped
points), hot spots need not wait for LSOA boundaries. This follows the R package sfhotspot
(Ashby, v1.0.0) and its defaults, so an analyst who knows it can read the result:

- points are projected from WGS84 to the British National Grid (EPSG:27700, metres) with pyproj;
- the grid's square cells are 1/50 of the shorter side of the points' bounding box, rounded down
  to a multiple of 100 m (unrounded when that would be zero): ``set_cell_size``; the grid starts
  half a cell beyond the points (``create_grid``'s buffer), and keeps the cells that touch the
  area's LSOAs (sfhotspot keeps the points' convex hull, which this uses without boundaries);
- Gi* on the cell counts with binary weights to every cell within ``cell size x sqrt(2)``, i.e.
  the eight surrounding cells, and the cell itself (``hotspot_gistar``'s ``nb_dist``); analytical
  z-scores, two-sided p-values, Benjamini-Hochberg false discovery rate at 5% (as the LSOA Gi*,
  :mod:`svduty.analysis.gistar`; sfhotspot leaves p-values unadjusted across cells by default);
- a quartic kernel density at each cell centre with the bandwidth of ``MASS::bandwidth.nrd``
  averaged over eastings and northings (``hotspot_kde``), scaled to crimes per square kilometre;
- change between the first and last equal periods: counts per cell and their difference
  (``hotspot_change``), and Gi* in each period classified as ``hotspot_classify`` would with two
  periods (persistent, emerging, former, mixed).

Pure functions work on coordinate arrays; :func:`point_hotspots` reads the context.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd
import pyproj
import shapely
from scipy.spatial import cKDTree

from svduty.analysis.boundaries import lsoa_boundaries
from svduty.analysis.exposure import exposure_months, period_months
from svduty.analysis.gistar import ALPHA, COLD, HOT, gi_star, with_self_weights
from svduty.analysis.result import Finding, SectionTable, times

if TYPE_CHECKING:
    import geopandas as gpd
    import ibis.expr.types as ir
    from libpysal.weights import W

    from svduty.analysis.context import AnalysisContext

KEY = "place"
WGS84 = "EPSG:4326"
BRITISH_NATIONAL_GRID = "EPSG:27700"
#: sfhotspot ``set_cell_size``: 50 cells on the shorter side, rounded down to 100 m.
CELLS_ON_SHORTER_SIDE = 50
ROUND_TO_METRES = 100
#: Below this many located crimes no grid is drawn: Gi* and a bandwidth need a spread of points.
MIN_POINTS = 30
#: Distinct point locations whose kernel pairs are summed at a time (memory stays under ~100 MB).
KDE_CHUNK = 20_000
#: A period of this many months or more compares the first and last 12 months (same months).
YEAR_MONTHS = 12
#: The 2020-21 lockdowns in England by month, as the periods module has them: the first national
#: lockdown (23 March 2020) to the end of the third one's stay-at-home order (29 March 2021).
LOCKDOWN = (date(2020, 3, 1), date(2021, 3, 1))
PERSISTENT = "persistent"
EMERGING = "emerging"
FORMER = "former"
MIXED = "mixed hot and cold spot"
NO_PATTERN = "no pattern"
GRID_NOTE = (
    "Cells of the British National Grid (EPSG:27700); easting and northing: the cell's centre; "
    "west, south, east and north: its corners in WGS84. Crimes: serious violence in the cell; "
    "density per km²: quartic kernel density, crimes per square kilometre over the period; Gi* "
    "on cell counts with the 8 surrounding cells, Benjamini-Hochberg false discovery rate 5%; "
    "crimes and hot spot in the first and last period: the two periods compared; change "
    "between the periods: both periods' Gi* classified as sfhotspot classifies hot spots; "
    "district name drawn here: the cell where the district's name is drawn."
)


@dataclass(frozen=True)
class Grid:
    """A regular grid of square cells: ``columns`` x ``rows`` from the corner ``(x0, y0)``."""

    x0: float
    y0: float
    size: float
    columns: int
    rows: int

    def cell_of(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The flat index (``row * columns + column``) of the cell holding each point.

        A point on an edge between two cells belongs to the cell above or to the right of it.
        """
        column = np.floor((np.asarray(x) - self.x0) / self.size).astype(np.int64)
        row = np.floor((np.asarray(y) - self.y0) / self.size).astype(np.int64)
        return row * self.columns + column

    def centres(self, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Eastings and northings of the centres of the flat ``cells``."""
        row, column = np.divmod(np.asarray(cells), self.columns)
        return self.x0 + (column + 0.5) * self.size, self.y0 + (row + 0.5) * self.size

    def boxes(self, cells: np.ndarray) -> np.ndarray:
        """The cells as shapely squares."""
        x, y = self.centres(cells)
        half = self.size / 2
        return shapely.box(x - half, y - half, x + half, y + half)


@dataclass
class PointHotspots:
    """The point-level hot spot tables, commentary and findings for the place section."""

    tables: list[SectionTable] = field(default_factory=list)
    commentary: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


# -- projection -----------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _transformer(source: str, target: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def to_british_national_grid(
    longitude: np.ndarray, latitude: np.ndarray, source: str = WGS84
) -> tuple[np.ndarray, np.ndarray]:
    """Eastings and northings (metres) of points given in degrees (WGS84 unless ``source``).

    Without the OSTN15 grid file pyproj uses the OSGB36 Helmert transformation, good to about
    2 m: far below any cell size here (and police.uk points are snapped to a street anyway).
    """
    x, y = _transformer(source, BRITISH_NATIONAL_GRID).transform(
        np.asarray(longitude, dtype=float), np.asarray(latitude, dtype=float)
    )
    return np.asarray(x), np.asarray(y)


def to_wgs84(easting: np.ndarray, northing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of British National Grid points."""
    lon, lat = _transformer(BRITISH_NATIONAL_GRID, WGS84).transform(
        np.asarray(easting, dtype=float), np.asarray(northing, dtype=float)
    )
    return np.asarray(lon), np.asarray(lat)


# -- the grid -------------------------------------------------------------------------------------


def cell_size(x: np.ndarray, y: np.ndarray) -> float:
    """sfhotspot's cell size: the bounding box's shorter side / 50, rounded down to 100 m.

    When rounding would give zero (a shorter side under 5 km) the size is not rounded; a set of
    points with no extent on one axis gives 0, and no grid can be drawn.
    """
    side = min(float(np.ptp(x)), float(np.ptp(y)))
    hundreds = math.floor(side / CELLS_ON_SHORTER_SIDE / ROUND_TO_METRES)
    if hundreds > 0:
        return float(hundreds * ROUND_TO_METRES)
    return side / CELLS_ON_SHORTER_SIDE


def make_grid(x: np.ndarray, y: np.ndarray, size: float) -> Grid:
    """The grid over the points' bounding box grown by half a cell (sfhotspot's hull buffer).

    The corner is floored to a whole metre, so cell references and centres read cleanly.
    """
    x0 = math.floor(float(np.min(x)) - size / 2)
    y0 = math.floor(float(np.min(y)) - size / 2)
    columns = max(1, math.ceil((float(np.max(x)) + size / 2 - x0) / size))
    rows = max(1, math.ceil((float(np.max(y)) + size / 2 - y0) / size))
    return Grid(float(x0), float(y0), size, columns, rows)


def kept_cells(
    grid: Grid, x: np.ndarray, y: np.ndarray, area: np.ndarray | None = None
) -> np.ndarray:
    """The cells analysed, sorted: those touching ``area`` (polygons in metres), else the points'
    convex hull grown by half a cell (sfhotspot), and always every cell that holds a point."""
    every = np.arange(grid.columns * grid.rows)
    boxes = grid.boxes(every)
    if area is not None and len(area):
        touching, _ = shapely.STRtree(area).query(boxes, predicate="intersects")
        keep = np.zeros(len(every), dtype=bool)
        keep[touching] = True
    else:
        hull = shapely.multipoints(np.column_stack([x, y])).convex_hull.buffer(grid.size / 2)
        keep = shapely.intersects(boxes, hull)
    keep[grid.cell_of(x, y)] = True
    return every[keep]


def count_in_cells(cells: np.ndarray, points: np.ndarray) -> np.ndarray:
    """How many of ``points`` (flat cell indices) fall in each of the sorted ``cells``."""
    position = np.searchsorted(cells, points)
    return np.bincount(position, minlength=len(cells)).astype(float)


# -- Gi* ------------------------------------------------------------------------------------------


def grid_weights(x: np.ndarray, y: np.ndarray, size: float) -> W:
    """Binary weights to every cell centre within ``size x sqrt(2)``: the 8 surrounding cells.

    sfhotspot's default neighbourhood (``nb_dist = cell_size * sqrt(2)``); the threshold is
    widened by a part in a billion so that diagonal neighbours survive rounding.
    """
    from libpysal.weights import DistanceBand

    threshold = size * math.sqrt(2) * (1 + 1e-9)
    return DistanceBand(
        np.column_stack([x, y]), threshold=threshold, binary=True, silence_warnings=True
    )


# -- kernel density -------------------------------------------------------------------------------


def bandwidth_nrd(values: np.ndarray) -> float:
    """``MASS::bandwidth.nrd``: 4 x 1.06 x min(sd, IQR / 1.34) x n^(-1/5).

    When the interquartile range is zero (most points at one place) the standard deviation is
    used alone, as R's ``bw.nrd0`` does, rather than a zero bandwidth.
    """
    v = np.asarray(values, dtype=float)
    q25, q75 = np.quantile(v, [0.25, 0.75])  # R's default quantile (type 7)
    spread = min(float(np.std(v, ddof=1)), (q75 - q25) / 1.34)
    if spread <= 0:
        spread = float(np.std(v, ddof=1))
    return 4 * 1.06 * spread * len(v) ** (-1 / 5)


def kde_bandwidth(x: np.ndarray, y: np.ndarray) -> float:
    """The mean of :func:`bandwidth_nrd` on eastings and on northings (sfhotspot's rule)."""
    return (bandwidth_nrd(x) + bandwidth_nrd(y)) / 2


def quartic_kde(
    cx: np.ndarray, cy: np.ndarray, x: np.ndarray, y: np.ndarray, bandwidth: float
) -> np.ndarray:
    """Quartic kernel density at each centre, in points per square kilometre.

    Sum over points within ``bandwidth`` of ``(1 - (d / h)^2)^2`` (SpatialKDE's quartic kernel,
    which sfhotspot calls), times ``3 / (pi h^2)``, the constant that makes the kernel integrate
    to one, so the surface integrates to the number of points. Coincident points (police.uk's
    snapped locations) are summed once with their count.
    """
    result = np.zeros(len(cx))
    if bandwidth <= 0 or not len(x):
        return result
    places, counts = np.unique(np.asarray(x) + 1j * np.asarray(y), return_counts=True)
    centres = cKDTree(np.column_stack([cx, cy]))
    for start in range(0, len(places), KDE_CHUNK):  # bounded memory for the pairs
        chunk = places[start : start + KDE_CHUNK]
        pairs = cKDTree(np.column_stack([chunk.real, chunk.imag])).sparse_distance_matrix(
            centres, bandwidth, output_type="ndarray"
        )  # i: place, j: centre, v: distance (zero distances kept)
        u = pairs["v"] / bandwidth
        kernel = (1 - u**2) ** 2 * counts[start + pairs["i"]]
        result += np.bincount(pairs["j"], weights=kernel, minlength=len(cx))
    return result * 3 / (math.pi * bandwidth**2) * 1e6


# -- change between two periods -------------------------------------------------------------------


def change_periods(months: list[date]) -> tuple[list[date], list[date]] | None:
    """The first and last equal periods: 12 months each from 24 months on, else the halves.

    sfhotspot's ``hotspot_change`` splits at the middle of the dates; equal whole months keep a
    count comparable, and whole years keep the same months (no seasonal change). With an odd
    number of months under 24 the middle month is left out. None under two months.
    """
    n = len(months)
    if n >= 2 * YEAR_MONTHS:
        return months[:YEAR_MONTHS], months[-YEAR_MONTHS:]
    if n >= 2:
        half = n // 2
        return months[:half], months[-half:]
    return None


def change_category(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Each cell's pattern from its Gi* labels in two periods (sfhotspot's hotspot_classify).

    With two periods and hotspot_classify's defaults (a cell is a hot spot of some kind when hot
    in at least 10% of periods, persistent at 80%, the last 20% of periods recent, at least
    one), a cell hot in both periods is a persistent hot spot, hot only in the later one an
    emerging hot spot, hot only in the earlier one a former hot spot; cold spots likewise; hot in
    one and cold in the other is mixed.
    """
    first, last = np.asarray(first), np.asarray(last)

    def kind(label: str) -> np.ndarray:
        a, b = first == label, last == label
        return np.where(a & b, PERSISTENT, np.where(b, EMERGING, np.where(a, FORMER, "")))

    hot, cold = kind(HOT), kind(COLD)
    return np.where(
        (hot != "") & (cold != ""),
        MIXED,
        np.where(
            hot != "",
            np.char.add(hot.astype(str), " " + HOT),
            np.where(cold != "", np.char.add(cold.astype(str), " " + COLD), NO_PATTERN),
        ),
    )


@dataclass(frozen=True)
class GridHotspots:
    """The grid, its kept cells (flat indices), each point's cell, the weights and bandwidth.

    ``frame`` has one row per kept cell: ``cell_id``, ``easting``, ``northing`` (its centre),
    ``longitude``, ``latitude``, ``west``, ``south``, ``east``, ``north`` (WGS84), ``crimes``,
    ``gi_z``, ``p_value``, ``p_fdr``, ``hotspot`` and ``kde_per_km2``.
    """

    grid: Grid
    cells: np.ndarray
    point_cells: np.ndarray
    weights: W
    bandwidth: float
    frame: pd.DataFrame


def grid_hotspots(
    x: np.ndarray, y: np.ndarray, size: float | None = None, area: np.ndarray | None = None
) -> GridHotspots:
    """Count points (metres) in a grid's cells, with Gi* and the kernel density of each cell.

    ``size`` defaults to :func:`cell_size`; ``area`` (polygons in metres) chooses the cells as
    :func:`kept_cells` does.
    """
    size = cell_size(x, y) if size is None else size
    grid = make_grid(x, y, size)
    cells = kept_cells(grid, x, y, area)
    cx, cy = grid.centres(cells)
    point_cells = grid.cell_of(x, y)
    counts = count_in_cells(cells, point_cells)
    weights = with_self_weights(grid_weights(cx, cy, size))
    frame = _cell_frame(grid, cells, cx, cy, counts)
    frame = frame.join(gi_star(counts, weights)[["gi_z", "p_value", "p_fdr", "hotspot"]])
    bandwidth = kde_bandwidth(x, y)
    frame["kde_per_km2"] = quartic_kde(cx, cy, x, y, bandwidth)
    return GridHotspots(grid, cells, point_cells, weights, bandwidth, frame)


# -- the section's part ---------------------------------------------------------------------------


def point_hotspots(
    ctx: AnalysisContext, boundaries: gpd.GeoDataFrame | None = None
) -> PointHotspots:
    """Grid-cell Gi* hot spots, kernel density and two-period change of the located crimes.

    ``boundaries`` are the area's LSOA polygons (``lsoa_boundaries(ctx)``), read when not given.
    The first commentary sentence says how many serious-violence crimes have no place.
    """
    crimes = located_crimes(ctx)
    out = PointHotspots()
    placed = crimes.longitude.notna() & crimes.lsoa_code.notna()
    out.commentary.append(_left_out_sentence(crimes, placed))
    crimes = crimes[placed]
    if len(crimes) < MIN_POINTS:
        out.commentary.append(
            f"Only {len(crimes):,} serious-violence crime(s) have coordinates; grid-cell hot "
            f"spots need at least {MIN_POINTS}, so no grid is drawn."
        )
        return out
    # police.uk snaps crimes to a few thousand points: project each place once.
    places, inverse = np.unique(
        crimes.longitude.to_numpy() + 1j * crimes.latitude.to_numpy(), return_inverse=True
    )
    px, py = to_british_national_grid(places.real, places.imag)
    x, y = px[inverse], py[inverse]
    size = cell_size(x, y)
    if size <= 0:
        out.commentary.append(
            "The located crimes lie on one line, so no grid of cells can cover them."
        )
        return out
    if boundaries is None:
        boundaries = lsoa_boundaries(ctx)
    area, districts = _area_polygons(ctx, boundaries)
    result = grid_hotspots(x, y, size, area)
    frame, grid, cells = result.frame, result.grid, result.cells
    cx, cy = frame.easting.to_numpy(), frame.northing.to_numpy()
    months = period_months(ctx)
    periods = change_periods(months)
    change_notes: list[str] = []
    if periods is not None:
        change_notes = _add_change(frame, crimes, periods, result)
        change_notes += _period_caveats(ctx, periods)
    frame["district_name"], frame["district_label"] = cell_districts(cx, cy, districts)
    frame = frame.sort_values(["crimes", "cell_id"], ascending=[False, True])
    frame = frame[[c for c in _COLUMNS if c in frame.columns]].reset_index(drop=True)
    out.tables.append(
        SectionTable(
            "place_points_grid",
            f"Serious violence by {size:,.0f} m grid cell: hot spots, density and change",
            frame,
            notes=GRID_NOTE,
            count_columns=tuple(c for c in ("crimes", "crimes_first", "crimes_last") if c in frame),
        )
    )
    out.commentary += _method_sentences(x, y, grid, len(cells), result.bandwidth, area is not None)
    out.commentary.append(_gi_sentence(frame, size))
    out.commentary += change_notes
    finding = _finding(frame, size)
    if finding:
        out.findings.append(finding)
    return out


_COLUMNS = [
    "cell_id", "district_name", "easting", "northing", "longitude", "latitude", "crimes",
    "kde_per_km2", "gi_z", "p_value", "p_fdr", "hotspot", "crimes_first", "crimes_last",
    "change", "hotspot_first", "hotspot_last", "change_category", "district_label",
    "west", "south", "east", "north",
]  # fmt: skip


def located_crimes(ctx: AnalysisContext) -> pd.DataFrame:
    """``occurred_month, lsoa_code, longitude, latitude`` of every serious-violence crime in scope.

    Coordinates stay in the warehouse's ``crimes`` table (the context leaves them out), so they
    are joined back by ``crime_ref`` within the definition's source (unique there: a force's
    reference, police.uk's Crime ID). Should a reference be loaded twice, the join is redone
    with its newest batch only, so no crime counts twice. Coordinates are null for a crime
    without them (or without a reference).
    """
    serious = ctx.serious_violence
    crimes = ctx.con.table("crimes")
    coords = crimes.filter(
        (crimes.source == ctx.crime_source)
        & crimes.crime_ref.notnull()
        & crimes.longitude.notnull()
        & crimes.latitude.notnull()
    )

    def joined(coordinates: ir.Table) -> pd.DataFrame:
        picked = coordinates.select(
            _ref=coordinates.crime_ref,
            longitude=coordinates.longitude,
            latitude=coordinates.latitude,
        )
        table = serious.left_join(picked, serious.crime_ref == picked._ref)
        return table.select("occurred_month", "lsoa_code", "longitude", "latitude").to_pandas()

    frame = joined(coords)
    if len(frame) > int(serious.count().execute()):  # a reference loaded twice
        newest = ibis.row_number().over(
            group_by=coords.crime_ref, order_by=ibis.desc(coords.batch_id)
        )
        frame = joined(coords.mutate(_newest=newest).filter(lambda t: t._newest == 0))
    frame["occurred_month"] = pd.to_datetime(frame.occurred_month)
    return frame


def _left_out_sentence(crimes: pd.DataFrame, placed: pd.Series) -> str:
    total = len(crimes)
    if not total:
        return "There is no serious violence in scope to place on a grid."
    missing = total - int(placed.sum())
    if not missing:
        return (
            f"Every one of the {total:,} serious-violence crimes in scope has an LSOA and "
            "coordinates, so the grid uses them all."
        )
    no_lsoa = int(crimes.lsoa_code.isna().sum())
    no_point = missing - no_lsoa
    share = 100 * missing / total
    percent = "under 0.1%" if share < 0.05 else f"{share:.1f}%"
    parts = []
    if no_lsoa:
        parts.append(f"{no_lsoa:,} {'has' if no_lsoa == 1 else 'have'} no LSOA")
    if no_point:
        parts.append(
            f"{no_point:,} {'has' if no_point == 1 else 'have'} an LSOA but no coordinates"
        )
    return (
        f"The grid leaves out {missing:,} of the {total:,} serious-violence crimes in scope "
        f"({percent}): {' and '.join(parts)}; figures that need no coordinates still count them."
    )


def _area_polygons(
    ctx: AnalysisContext, boundaries: gpd.GeoDataFrame | None
) -> tuple[np.ndarray | None, pd.DataFrame | None]:
    """The area's LSOA polygons in metres and ``district_name, geometry`` per LSOA, or Nones."""
    if boundaries is None or boundaries.empty:
        return None, None
    transformer = _transformer(WGS84, BRITISH_NATIONAL_GRID)
    polygons = shapely.transform(
        boundaries.geometry.to_numpy(),
        lambda x, y: transformer.transform(x, y),
        interleaved=False,
    )
    names = None
    if ctx.area_lsoas is not None:
        names = ctx.area_lsoas.select("lsoa_code", "district_name").to_pandas()
    if names is None or names.district_name.isna().all():
        return polygons, None
    lsoas = pd.DataFrame({"lsoa_code": boundaries.lsoa_code.to_numpy(), "geometry": polygons})
    lsoas = lsoas.merge(names, on="lsoa_code", how="left")
    return polygons, lsoas


def cell_districts(
    cx: np.ndarray, cy: np.ndarray, lsoas: pd.DataFrame | None
) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's district (of the LSOA holding, else nearest to, its centre) and label cells.

    A district's name is drawn at its cell nearest the area-weighted centre of its LSOAs: a
    cell centre inside the district, near its middle (the centroid of a concave district can
    fall outside it; the district's representative point need not look central).
    """
    names = np.full(len(cx), None, dtype=object)
    label = np.zeros(len(cx), dtype=bool)
    if lsoas is None or not len(cx):
        return names, label
    polygons = lsoas.geometry.to_numpy()
    centres = shapely.points(cx, cy)
    tree = shapely.STRtree(polygons)
    district = lsoas.district_name.to_numpy()
    cell, lsoa = tree.query(centres, predicate="intersects")
    first = np.unique(cell, return_index=True)[1]  # a centre on a shared edge: the first
    names[cell[first]] = district[lsoa[first]]
    outside = np.flatnonzero(pd.isna(names))  # a coastal cell's centre at sea
    if len(outside):
        cell, lsoa = tree.query_nearest(centres[outside])
        first = np.unique(cell, return_index=True)[1]
        names[outside[cell[first]]] = district[lsoa[first]]
    areas = shapely.area(polygons)
    middle = shapely.centroid(polygons)
    weights = (
        pd.DataFrame(
            {
                "district_name": lsoas.district_name.to_numpy(),
                "ax": areas * shapely.get_x(middle),
                "ay": areas * shapely.get_y(middle),
                "area": areas,
            }
        )
        .groupby("district_name")[["ax", "ay", "area"]]
        .sum()
    )
    for name, row in weights.iterrows():
        mine = np.flatnonzero(names == name)
        if not len(mine) or row.area <= 0:
            continue
        wx, wy = row.ax / row.area, row.ay / row.area
        label[mine[np.argmin((cx[mine] - wx) ** 2 + (cy[mine] - wy) ** 2)]] = True
    return names, label


def _cell_frame(
    grid: Grid, cells: np.ndarray, cx: np.ndarray, cy: np.ndarray, counts: np.ndarray
) -> pd.DataFrame:
    half = grid.size / 2
    lon, lat = to_wgs84(cx, cy)
    west, south = to_wgs84(cx - half, cy - half)
    east, north = to_wgs84(cx + half, cy + half)
    return pd.DataFrame(
        {
            # The cell's south-west corner in whole metres: a stable, readable reference.
            "cell_id": [f"E{e:.0f} N{n:.0f}" for e, n in zip(cx - half, cy - half, strict=True)],
            "easting": cx,
            "northing": cy,
            "longitude": lon,
            "latitude": lat,
            "west": west,
            "south": south,
            "east": east,
            "north": north,
            "crimes": counts.astype("int64"),
        }
    )


def _add_change(
    frame: pd.DataFrame,
    crimes: pd.DataFrame,
    periods: tuple[list[date], list[date]],
    result: GridHotspots,
) -> list[str]:
    """Counts, change and Gi* per period on the same cells; what the commentary says."""
    month = crimes.occurred_month.dt.date.to_numpy()
    labels = []
    for name, months in zip(("first", "last"), periods, strict=True):
        inside = (month >= months[0]) & (month <= months[-1])
        counts = count_in_cells(result.cells, result.point_cells[inside])
        frame[f"crimes_{name}"] = counts.astype("int64")
        if inside.sum() >= MIN_POINTS:
            labels.append(gi_star(counts, result.weights).hotspot.to_numpy())
        else:
            labels.append(None)
    frame["change"] = frame.crimes_last - frame.crimes_first
    first, last = periods
    span = f"{_month_range(first)} with {_month_range(last)}"
    rose, fell = int((frame.change > 0).sum()), int((frame.change < 0).sum())
    notes = [
        f"Hot-spot change compares {span} ({len(first)} months each): serious violence rose "
        f"in {rose:,} cell(s) and fell in {fell:,}."
    ]
    if len(first) < YEAR_MONTHS:  # halves of a short period are different months of the year
        notes.append(
            "The two periods are different months of the year, so the change includes seasonal "
            "differences as well as any change in where violence happens."
        )
    if any(label is None for label in labels):
        notes.append(
            f"A period holds fewer than {MIN_POINTS} located crimes, so hot spots are not "
            "compared between the periods."
        )
        return notes
    frame["hotspot_first"], frame["hotspot_last"] = labels
    frame["change_category"] = change_category(*labels)
    found = frame.change_category.value_counts()
    kinds = [PERSISTENT, EMERGING, FORMER]
    hot = ", ".join(f"{int(found.get(f'{k} {HOT}', 0)):,} {k}" for k in kinds)
    cold = ", ".join(f"{int(found.get(f'{k} {COLD}', 0)):,} {k}" for k in kinds)
    mixed = int(found.get(MIXED, 0))
    notes.append(
        f"With Gi* in each period, {hot} hot spot cell(s) (hot in both periods, only the later, "
        f"only the earlier), {cold} cold spot cell(s) and {mixed:,} mixed."
    )
    return notes


def _period_caveats(ctx: AnalysisContext, periods: tuple[list[date], list[date]]) -> list[str]:
    first, last = periods
    notes = []
    if len(first) < YEAR_MONTHS:
        notes.append(
            "The two periods are shorter than a year and cover different months, so part of "
            "the change may be seasonal."
        )
    if first[0] <= LOCKDOWN[1] and first[-1] >= LOCKDOWN[0]:
        notes.append(
            "The earlier period falls in the 2020-21 COVID-19 lockdowns (March 2020 to March "
            "2021), when recorded violence and robbery fell, so a rise against it mixes the end "
            "of the lockdowns with any underlying change."
        )
    held = set(exposure_months(ctx))
    gaps = [m for m in (*first, *last) if m not in held]
    if gaps:
        listed = ", ".join(f"{m:%B %Y}" for m in gaps)
        notes.append(
            f"No crime is recorded in {listed} (a gap in the data), so the periods differ."
        )
    return notes


def _method_sentences(
    x: np.ndarray, y: np.ndarray, grid: Grid, cells: int, bandwidth: float, area: bool
) -> list[str]:
    side, size = min(float(np.ptp(x)), float(np.ptp(y))), grid.size
    rounded = "rounded down to 100 m" if size % ROUND_TO_METRES == 0 else "not rounded"
    kept = "that touch the area's LSOAs" if area else "over the crimes' convex hull"
    return [
        f"Grid-cell hot spots follow sfhotspot (Ashby): the {len(x):,} located crimes are "
        f"projected to the British National Grid and counted in {cells:,} square cells of "
        f"{size:,.0f} m {kept} (the shorter side of their bounding box, {side / 1000:,.1f} km, "
        f"divided by 50 and {rounded}).",
        f"The density surface is a quartic kernel with a bandwidth of {bandwidth:,.0f} m (the "
        "normal reference rule of MASS::bandwidth.nrd, averaged over eastings and northings), "
        "in crimes per square kilometre over the period.",
    ]


def _gi_sentence(frame: pd.DataFrame, size: float) -> str:
    hot = frame[frame.hotspot == HOT]
    cold = int((frame.hotspot == COLD).sum())
    share = 100 * hot.crimes.sum() / frame.crimes.sum()
    return (
        f"Getis-Ord Gi* on the cell counts, each cell with the 8 cells around it (centres within "
        f"{size * math.sqrt(2):,.0f} m), finds {len(hot):,} hot spot cell(s) holding "
        f"{share:.0f}% of the located serious violence and {cold:,} cold spot cell(s) "
        f"(Benjamini-Hochberg false discovery rate {ALPHA:.0%})."
    )


def _finding(frame: pd.DataFrame, size: float) -> Finding | None:
    hot = frame[frame.hotspot == HOT]
    if hot.empty:
        return None
    share = 100 * hot.crimes.sum() / frame.crimes.sum()
    area = 100 * len(hot) / len(frame)
    return Finding(
        KEY,
        f"{share:.0f}% of located serious violence falls in {len(hot):,} hot spot cells of "
        f"{size:,.0f} m, {area:.0f}% of the area's grid (Getis-Ord Gi*, 5% false discovery "
        "rate).",
        evidence="place_points_grid",
        effect=times(share / area) if area else None,
        tested=True,
    )


def _month_range(months: list[date]) -> str:
    return f"{months[0]:%B %Y} to {months[-1]:%B %Y}"


__all__ = [
    "Grid",
    "GridHotspots",
    "PointHotspots",
    "bandwidth_nrd",
    "cell_districts",
    "cell_size",
    "change_category",
    "change_periods",
    "count_in_cells",
    "grid_hotspots",
    "grid_weights",
    "kde_bandwidth",
    "kept_cells",
    "located_crimes",
    "make_grid",
    "point_hotspots",
    "quartic_kde",
    "to_british_national_grid",
    "to_wgs84",
]
