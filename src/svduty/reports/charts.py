"""Altair (Vega-Lite) charts for the needs-assessment tables, keyed by table name.

One builder per table returns the chart specs drawn from it: the same specs render to static SVG
in the HTML and PDF reports and run interactive in the web dashboards. A builder reads only the
columns its table documents in ``docs/analysis-tables.md`` and returns no chart when they are
absent, so a table that changes shape loses its chart rather than breaking the report.

Print first: titles, labelled axes, sizes that fit an A4 column, colour-blind-safe colours
(Okabe-Ito for categories, viridis for magnitudes).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd

from svduty.analysis.result import SectionTable
from svduty.reports.labels import label, value_label

WIDTH = 520
HEIGHT = 220
#: Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
OKABE_ITO = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
]
SEQUENTIAL = "viridis"
FONT = "DejaVu Sans"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
HOTSPOT_COLOURS = {
    "hot spot": "#D55E00",
    "cold spot": "#0072B2",
    "not significant": "#DDDDDD",
}
#: Local Moran's I clusters and outliers (``place_map.cluster``): highs warm, lows blue.
CLUSTER_COLOURS = {
    "high-high": "#D55E00",
    "high-low": "#E69F00",
    "low-high": "#56B4E9",
    "low-low": "#0072B2",
    "not significant": "#DDDDDD",
}


@dataclass(frozen=True)
class Figure:
    """A chart and the caption a report numbers it with.

    ``datasets`` are named inline datasets (the LSOA polygons of a map) merged into the spec's
    top-level ``datasets`` after Altair has built it: Altair would otherwise walk and validate
    every vertex, which costs more than drawing the map.
    """

    caption: str
    chart: alt.TopLevelMixin
    datasets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def spec(self, validate: bool = True) -> dict[str, Any]:
        spec = self.chart.to_dict(validate=validate)
        # Text is measured and drawn in the same font everywhere (vl-convert, Chromium,
        # WeasyPrint), so labels and legends fit the space they were laid out for.
        config = spec.setdefault("config", {})
        config.setdefault("font", FONT)
        config.setdefault("legend", {}).setdefault("titleLimit", 260)
        titled(spec)
        if self.datasets:
            spec.setdefault("datasets", {}).update(self.datasets)
        return spec


def titled(spec: Any) -> Any:
    """Give every tooltip line a title from the label table.

    Vega-Lite would otherwise name the line by its field (``sv_share_pct``); a title given is
    kept. Axes and legends are titled by their builders (drawn, they are checked in the report).
    """
    if isinstance(spec, list):
        for item in spec:
            titled(item)
    elif isinstance(spec, dict):
        for key, value in spec.items():
            if key == "encoding" and isinstance(value, dict):
                for channel, definition in value.items():
                    if channel != "tooltip":
                        continue
                    for field_def in definition if isinstance(definition, list) else [definition]:
                        if (
                            isinstance(field_def, dict)
                            and isinstance(field_def.get("field"), str)
                            and "title" not in field_def
                        ):
                            field_def["title"] = label(field_def["field"].rpartition(".")[2])
            elif key != "datasets" and key != "data":
                titled(value)
    return spec


@dataclass(frozen=True)
class ChartInputs:
    """What a builder may need besides its table: the LSOA boundaries for maps."""

    boundaries: dict[str, Any] | None = None


Builder = Callable[[pd.DataFrame, SectionTable, ChartInputs], list[Figure]]
BUILDERS: dict[str, Builder] = {}


def builder(*names: str) -> Callable[[Builder], Builder]:
    def register(function: Builder) -> Builder:
        for name in names:
            BUILDERS[name] = function
        return function

    return register


def figures_for(table: SectionTable, inputs: ChartInputs | None = None) -> list[Figure]:
    """The charts drawn from ``table`` (none for a table shown only as a table)."""
    build = BUILDERS.get(table.name)
    if build is None or table.frame.empty:
        return []
    frame = plottable(table.frame)
    try:
        return build(frame, table, inputs or ChartInputs())
    except KeyError:  # a column the builder needs is missing: no chart, the table still shows
        return []


def plottable(frame: pd.DataFrame) -> pd.DataFrame:
    """Suppressed cells ("[c]") become missing; dates become ISO text Vega-Lite parses."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object:
            non_null = series.dropna()
            if non_null.empty:
                continue
            first = non_null.iloc[0]
            if isinstance(first, dt.date):
                out[column] = series.map(
                    lambda v: v.isoformat() if isinstance(v, dt.date) else None
                )
            elif isinstance(first, int | float) or (
                isinstance(first, str) and non_null.map(_is_marker_or_number).all()
            ):
                out[column] = pd.to_numeric(series, errors="coerce")
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%Y-%m-%d")
    return out


def _is_marker_or_number(value: object) -> bool:
    return isinstance(value, int | float) or value == "[c]"


def _data(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> alt.Data:
    """Inline values (no URL, no row limit): the spec stays self-contained."""
    if columns is not None:
        frame = frame[list(columns)]
    records = []
    for row in frame.to_dict("records"):
        records.append({k: _json_value(v) for k, v in row.items()})
    return alt.Data(values=records)


def _json_value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def humanise(value: object) -> str:
    """``knife_enabled`` → "Knife or sharp instrument involved": a code as the tables show it."""
    text = value_label(str(value))
    return text[:1].upper() + text[1:]


def _titled(chart: alt.Chart, title: str, subtitle: str | None = None) -> alt.Chart:
    return chart.properties(title=alt.Title(title, subtitle=subtitle or alt.Undefined))


# -- scope ---------------------------------------------------------------------------------------


@builder("scope_coverage")
def _scope_coverage(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = frame[["source", "month", "rows", "gap"]].assign(
        status=["gap (no rows)" if g else "rows present" for g in frame.gap]
    )
    chart = (
        alt.Chart(_data(data.drop(columns="gap")))
        .mark_tick(thickness=3, size=14)
        .encode(
            x=alt.X("month:T", title="Month", axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y("source:N", title=None),
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(
                    domain=["rows present", "gap (no rows)"], range=[OKABE_ITO[0], OKABE_ITO[3]]
                ),
            ),
            tooltip=["source:N", alt.Tooltip("month:T", format="%Y-%m"), "rows:Q"],
        )
        .properties(
            width=WIDTH - 100,
            height=max(60, 20 * data.source.nunique()),
            title="Monthly coverage of each dated source",
        )
    )
    return [Figure("Monthly coverage of each source (gaps are months with no rows)", chart)]


# -- profile -------------------------------------------------------------------------------------


@builder("profile_by_year")
def _profile_by_year(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = frame[["year", "serious_violence", "sv_share_pct"]].assign(year=frame.year.astype(str))
    base = alt.Chart(_data(data)).encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0))
    )
    bars = base.mark_bar(color=OKABE_ITO[0]).encode(
        y=alt.Y(
            "serious_violence:Q", title="Serious violence (crimes)", axis=alt.Axis(format=",d")
        ),
        tooltip=["year:O", alt.Tooltip("serious_violence:Q", format=","), "sv_share_pct:Q"],
    )
    chart = bars.properties(width=WIDTH, height=HEIGHT)
    return [Figure("Serious violence recorded by year", _titled(chart, "Serious violence by year"))]


@builder("profile_by_category")
def _profile_by_category(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = frame[["category", "crimes", "share_of_sv_pct"]].assign(
        category=frame.category.map(humanise)
    )
    chart = (
        alt.Chart(_data(data))
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            y=alt.Y("category:N", sort="-x", title=None),
            x=alt.X("share_of_sv_pct:Q", title="Share of serious violence (%)"),
            tooltip=["category:N", "crimes:Q", "share_of_sv_pct:Q"],
        )
        .properties(width=WIDTH - 120, height=max(80, 24 * len(data)))
    )
    subtitle = "A crime can be in several categories, so shares add up to more than 100%."
    return [
        Figure(
            "Serious violence by category (share of serious-violence crimes)",
            _titled(chart, "Serious violence by category", subtitle),
        )
    ]


# -- trends --------------------------------------------------------------------------------------


@builder("trends_monthly")
def _trends_monthly(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = _data(frame, ["month", "serious_violence", "rolling_12m"])
    x = alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y"))
    monthly = (
        alt.Chart(data)
        .mark_line(color=OKABE_ITO[0], point=alt.OverlayMarkDef(size=12))
        .encode(x=x, y=alt.Y("serious_violence:Q", title="Crimes per month"))
        .properties(width=WIDTH, height=170, title="Serious violence per month")
    )
    rolling = (
        alt.Chart(data)
        .mark_line(color=OKABE_ITO[3], strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y(
                "rolling_12m:Q",
                title="Crimes in the last 12 months",
                scale=alt.Scale(zero=False),
                axis=alt.Axis(format=",d"),
            ),
        )
        .transform_filter("isValid(datum.rolling_12m)")
        .properties(width=WIDTH, height=170, title="12-month rolling total")
    )
    return [
        Figure(
            "Serious violence per month and the 12-month rolling total",
            alt.vconcat(monthly, rolling),
        )
    ]


@builder("trends_annual")
def _trends_annual(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = frame[["year", "rate_per_1000", "serious_violence"]].assign(year=frame.year.astype(str))
    chart = (
        alt.Chart(_data(data))
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("rate_per_1000:Q", title="Crimes per 1,000 residents"),
            tooltip=["year:O", "serious_violence:Q", alt.Tooltip("rate_per_1000:Q", format=".2f")],
        )
        .properties(width=WIDTH, height=HEIGHT)
    )
    return [
        Figure(
            "Serious violence per 1,000 residents by year",
            _titled(chart, "Rate of serious violence per 1,000 residents"),
        )
    ]


def _month_bars(
    frame: pd.DataFrame, month: str, value: str, x_title: str, y_title: str
) -> alt.Chart:
    """Bars by month of the year (``month`` holds 1-12), labelled Jan…Dec in calendar order."""
    data = frame[[month, value]].assign(month_name=[MONTHS[int(m) - 1][:3] for m in frame[month]])
    return (
        alt.Chart(_data(data))
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            x=alt.X(
                "month_name:N",
                sort=[m[:3] for m in MONTHS],
                title=x_title,
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y(f"{value}:Q", title=y_title),
        )
    )


@builder("trends_seasonality")
def _trends_seasonality(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    bars = _month_bars(
        frame, "month_of_year", "index", "Month of the year", "Index (100 = an average month)"
    )
    rule = alt.Chart(alt.Data(values=[{"y": 100}])).mark_rule(strokeDash=[4, 3]).encode(y="y:Q")
    chart = alt.layer(bars, rule).properties(
        width=WIDTH, height=HEIGHT, title="Seasonality of serious violence"
    )
    return [Figure("Seasonality: month-of-year index of serious violence", chart)]


# -- place ---------------------------------------------------------------------------------------


def _rate_bars(frame: pd.DataFrame, label: str, what: str) -> alt.Chart:
    data = frame[[label, "rate_per_1000", "serious_violence"]]
    return (
        alt.Chart(_data(data))
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            y=alt.Y(f"{label}:N", sort="-x", title=None),
            x=alt.X("rate_per_1000:Q", title="Crimes per 1,000 residents a year"),
            tooltip=[f"{label}:N", "serious_violence:Q", "rate_per_1000:Q"],
        )
        .properties(
            width=WIDTH - 140,
            height=max(60, 22 * len(data)),
            title=f"Rate of serious violence by {what}",
        )
    )


@builder("place_district")
def _place_district(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    return [
        Figure("Serious violence rate by district", _rate_bars(frame, "district_name", "district"))
    ]


@builder("place_csp")
def _place_csp(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    chart = _rate_bars(frame, "csp_name", "Community Safety Partnership")
    return [Figure("Serious violence rate by Community Safety Partnership", chart)]


@builder("place_concentration")
def _place_concentration(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = frame[["top_pct_of_lsoas", "share_pct"]].assign(
        group=[f"Top {int(p)}% of LSOAs" for p in frame.top_pct_of_lsoas]
    )
    chart = (
        alt.Chart(_data(data))
        .mark_bar(color=OKABE_ITO[3])
        .encode(
            x=alt.X("group:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "share_pct:Q",
                title="Share of serious violence (%)",
                scale=alt.Scale(domain=[0, 100]),
            ),
        )
        .properties(width=WIDTH, height=HEIGHT, title="Concentration of serious violence")
    )
    return [Figure("Share of serious violence in the top 1%, 5% and 10% of LSOAs", chart)]


@builder("place_lorenz")
def _place_lorenz(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = _data(frame, ["lsoa_share_pct", "sv_share_pct"])
    curve = (
        alt.Chart(data)
        .mark_line(color=OKABE_ITO[3], strokeWidth=2)
        .encode(
            x=alt.X("lsoa_share_pct:Q", title="Cumulative share of LSOAs (%)"),
            y=alt.Y("sv_share_pct:Q", title="Cumulative share of serious violence (%)"),
        )
    )
    equality = (
        alt.Chart(alt.Data(values=[{"x": 0, "y": 0}, {"x": 100, "y": 100}]))
        .mark_line(color="#777777", strokeDash=[4, 3])
        .encode(x="x:Q", y="y:Q")
    )
    chart = alt.layer(equality, curve).properties(
        width=320, height=320, title="Lorenz curve of serious violence across LSOAs"
    )
    return [
        Figure(
            "Lorenz curve: LSOAs from most to least serious violence (dashed: equal spread)",
            chart,
        )
    ]


def map_features(boundaries: dict[str, Any], max_vertices: int = 60_000) -> list[dict[str, Any]]:
    """GeoJSON features ready for ``mark_geoshape``.

    Vega's d3-geo reads rings on the sphere, so an exterior ring must run clockwise (the reverse
    of RFC 7946): a counter-clockwise square would fill the whole globe. Rings are re-wound,
    simplified when the boundaries are detailed (a print map needs no metre-level vertices) and
    rounded to about a metre, which keeps the SVG small.
    """
    import shapely
    from shapely.geometry import mapping, shape
    from shapely.geometry.polygon import orient

    features = boundaries.get("features") or []
    shapes = [shape(f["geometry"]) for f in features if f.get("geometry")]
    vertices = sum(shapely.get_num_coordinates(g) for g in shapes)
    tolerance = 0.0
    if vertices > max_vertices and shapes:
        minx, miny, maxx, maxy = shapely.total_bounds(shapes)
        tolerance = max(maxx - minx, maxy - miny) / 2000
    prepared = []
    for feature in features:
        if not feature.get("geometry"):
            continue
        geometry = shape(feature["geometry"])
        if tolerance:
            geometry = geometry.simplify(tolerance, preserve_topology=True)
        geometry = shapely.set_precision(geometry, 1e-5)
        if geometry.geom_type == "Polygon":
            geometry = orient(geometry, sign=-1.0)
        elif geometry.geom_type == "MultiPolygon":
            geometry = shapely.MultiPolygon([orient(p, sign=-1.0) for p in geometry.geoms])
        prepared.append(
            {
                "type": "Feature",
                "properties": feature.get("properties", {}),
                "geometry": mapping(geometry),
            }
        )
    return prepared


#: Name of the LSOA polygons in a map spec's top-level ``datasets``.
LSOA_DATASET = "lsoa_boundaries"


#: Space-time patterns: hot spots in warm Okabe-Ito colours, cold spots in blues, none grey.
_HOT = ["#D55E00", "#E69F00", "#CC79A7", "#F0E442", "#A6361C", "#B8860B", "#8E3B6E", "#7F6A00"]
_COLD = ["#0072B2", "#56B4E9", "#009E73", "#004B75", "#2A7FA8", "#1B6B55", "#7FB8DA", "#00415F"]
_PATTERNS = [
    "new", "consecutive", "intensifying", "persistent",
    "diminishing", "sporadic", "oscillating", "historical",
]  # fmt: skip


def _pattern_order(category: str) -> tuple[int, int]:
    kind = 0 if "hot" in category else 1 if "cold" in category else 2
    first = category.split()[0] if category else ""
    return kind, _PATTERNS.index(first) if first in _PATTERNS else len(_PATTERNS)


def pattern_colour(category: str) -> str:
    """A stable colour for an emerging hot spot category."""
    kind, index = _pattern_order(category)
    if kind == 2:
        return "#DDDDDD"
    palette = _HOT if kind == 0 else _COLD
    return palette[index % len(palette)]


def rate_classes(rates: pd.Series, classes: int = 5) -> pd.Series:
    """Each rate's quantile class as a label (``"1. 0.0–2.3"``), sortable; "" when missing."""
    values = pd.to_numeric(rates, errors="coerce")
    known = values.dropna()
    if known.nunique() < 2:
        return pd.Series(["" if pd.isna(v) else f"1. {v:.1f}" for v in values], index=rates.index)
    bins = pd.qcut(known, q=min(classes, known.nunique()), duplicates="drop")
    labels = {
        interval: f"{i}. {max(interval.left, known.min()):.1f}–{interval.right:.1f}"
        for i, interval in enumerate(bins.cat.categories, start=1)
    }
    out = pd.Series("", index=rates.index, dtype=object)
    out.loc[known.index] = [labels[b] for b in bins]
    return out


def _map(lookup: pd.DataFrame, fields: list[str]) -> alt.Chart:
    """LSOA polygons (no tiles) joined to ``lookup`` on ``lsoa_code``."""
    return (
        alt.Chart(alt.NamedData(name=LSOA_DATASET))
        .mark_geoshape(stroke="white", strokeWidth=0.3)
        .transform_lookup(
            lookup="properties.lsoa_code",
            from_=alt.LookupData(_data(lookup), key="lsoa_code", fields=fields),
        )
        .project(type="mercator")
        .properties(width=WIDTH, height=WIDTH * 0.75)
    )


@builder("place_map")
def _place_map(frame: pd.DataFrame, table: SectionTable, inputs: ChartInputs) -> list[Figure]:
    if not inputs.boundaries or not inputs.boundaries.get("features"):
        return []
    datasets = {LSOA_DATASET: map_features(inputs.boundaries)}
    # Maps show the empirical Bayes smoothed rate (raw rates on ~1,500 residents are noise); the
    # raw rate stays in the tooltip and the tables.
    smoothed = "smoothed_rate_per_1000" in frame and frame["smoothed_rate_per_1000"].notna().any()
    value = "smoothed_rate_per_1000" if smoothed else "rate_per_1000"
    columns = list(dict.fromkeys(["lsoa_code", "lsoa_name", "rate_per_1000", value, "hotspot"]))
    lookup = frame[columns].assign(rate_class=rate_classes(frame[value]))
    order = [c for c in lookup.rate_class.drop_duplicates().sort_values() if c]
    rate = _map(lookup, [*columns[1:], "rate_class"]).encode(
        # Quintile classes: one city-centre LSOA must not wash out the rest of the map.
        color=alt.Color(
            "rate_class:O",
            title=("Smoothed, per 1,000 a year" if smoothed else "Per 1,000 a year")
            + " (fifths of LSOAs)",
            sort=order,
            scale=alt.Scale(scheme=SEQUENTIAL),
        ),
        tooltip=[
            "properties.lsoa_code:N",
            "lsoa_name:N",
            *([alt.Tooltip(f"{value}:Q", format=".2f", title="smoothed rate")] if smoothed else []),
            alt.Tooltip("rate_per_1000:Q", format=".2f", title="rate"),
        ],
    )
    figures = [
        Figure(
            "Serious violence per 1,000 residents a year by LSOA"
            + (" (empirical Bayes smoothed)" if smoothed else ""),
            rate.properties(title="Rate of serious violence by LSOA"),
            datasets,
        )
    ]
    if frame["hotspot"].notna().any():
        hot = _map(lookup, ["lsoa_name", "hotspot"]).encode(
            color=alt.Color(
                "hotspot:N",
                title="Getis-Ord Gi*",
                scale=alt.Scale(domain=list(HOTSPOT_COLOURS), range=list(HOTSPOT_COLOURS.values())),
            ),
            tooltip=["properties.lsoa_code:N", "lsoa_name:N", "hotspot:N"],
        )
        figures.append(
            Figure(
                "Hot and cold spots of serious violence (Getis-Ord Gi*, false discovery rate 5%)",
                hot.properties(title="Hot spots of serious violence"),
                datasets,
            )
        )
    if "cluster" in frame and frame["cluster"].notna().any():
        clusters = frame[["lsoa_code", "lsoa_name", "cluster"]]
        found = [c for c in CLUSTER_COLOURS if c in set(clusters.cluster.dropna())]
        moran = _map(clusters, ["lsoa_name", "cluster"]).encode(
            color=alt.Color(
                "cluster:N",
                title="Local Moran's I",
                scale=alt.Scale(domain=found, range=[CLUSTER_COLOURS[c] for c in found]),
            ),
            tooltip=["properties.lsoa_code:N", "lsoa_name:N", "cluster:N"],
        )
        figures.append(
            Figure(
                "Clusters and outliers of serious violence (Local Moran's I, false discovery "
                "rate 5%)",
                moran.properties(title="Clusters of serious violence"),
                datasets,
            )
        )
    if "emerging_category" in frame and frame["emerging_category"].notna().any():
        trend = frame[["lsoa_code", "emerging_category"]]
        categories = sorted(trend.emerging_category.dropna().unique(), key=_pattern_order)
        emerging = _map(trend, ["emerging_category"]).encode(
            color=alt.Color(
                "emerging_category:N",
                title="Space-time pattern",
                scale=alt.Scale(domain=categories, range=[pattern_colour(c) for c in categories]),
            ),
            tooltip=["properties.lsoa_code:N", "emerging_category:N"],
        )
        figures.append(
            Figure(
                "Persistent and emerging hot spots across years",
                emerging.properties(title="Space-time pattern of hot spots"),
                datasets,
            )
        )
    return figures


#: Two-period patterns of the grid cells (``place_points_grid``): hot warm, cold blue.
CHANGE_COLOURS = {
    "persistent hot spot": "#D55E00",
    "emerging hot spot": "#E69F00",
    "former hot spot": "#CC79A7",
    "persistent cold spot": "#0072B2",
    "emerging cold spot": "#56B4E9",
    "former cold spot": "#009E73",
    "mixed hot and cold spot": "#000000",
}
#: Light greys, faintest first: the density surface sits under the hot spots, not over them.
DENSITY_GREYS = ["#F7F7F7", "#E3E3E3", "#CCCCCC", "#B0B0B0", "#8F8F8F"]
#: Names of the grid cells' squares in a map spec's top-level ``datasets``.
DENSITY_CELLS, SPOT_CELLS, CHANGE_CELLS = "density_cells", "spot_cells", "change_cells"


def _spread(colours: list[str], n: int) -> list[str]:
    """``n`` of ``colours`` from the first to the last, evenly spaced."""
    if n <= 1:
        return colours[-1:][:n]
    return [colours[round(i * (len(colours) - 1) / (n - 1))] for i in range(n)]


def cell_features(frame: pd.DataFrame, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Grid cells as GeoJSON squares from ``west, south, east, north``, wound for d3-geo.

    The ring runs clockwise (see :func:`map_features`); ``fields`` become its properties.
    """
    features = []
    for row in frame.to_dict("records"):
        w, s, e, n = (row[k] for k in ("west", "south", "east", "north"))
        features.append(
            {
                "type": "Feature",
                "properties": {k: _json_value(row[k]) for k in fields},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[w, s], [w, n], [e, n], [e, s], [w, s]]],
                },
            }
        )
    return features


def _grid_map(
    frame: pd.DataFrame,
    inputs: ChartInputs,
    cells: list[tuple[str, list[dict[str, Any]], alt.Chart]],
    title: str,
) -> tuple[alt.LayerChart, dict[str, list[dict[str, Any]]]]:
    """LSOA boundaries, then each ``(dataset, features, layer)`` of cells, then district names."""
    datasets: dict[str, list[dict[str, Any]]] = {}
    layers: list[alt.Chart] = []
    if inputs.boundaries and inputs.boundaries.get("features"):
        datasets[LSOA_DATASET] = map_features(inputs.boundaries)
        layers.append(
            alt.Chart(alt.NamedData(name=LSOA_DATASET)).mark_geoshape(
                fill="#F4F4F4", stroke="#A0A0A0", strokeWidth=0.3
            )
        )
    for name, features, layer in cells:
        if features:
            datasets[name] = features
            layers.append(layer)
    labels = frame[frame["district_label"].fillna(False).astype(bool)]
    # A name without a place (the public summary withholds cell positions) would stretch the
    # projection's fit to the whole globe: a 245,930 px tall map.
    labels = labels.dropna(subset=["longitude", "latitude"])
    if not labels.empty:
        names = _data(labels, ["longitude", "latitude", "district_name"])
        where = {
            "longitude": "longitude:Q",
            "latitude": "latitude:Q",
            "text": "district_name:N",
        }
        # A white halo under each name keeps it readable over dark cells.
        layers.append(
            alt.Chart(names)
            .mark_text(fontSize=10, fontWeight="bold", stroke="white", strokeWidth=3)
            .encode(**where)
        )
        layers.append(alt.Chart(names).mark_text(fontSize=10, fontWeight="bold").encode(**where))
    chart = (
        alt.layer(*layers)
        .resolve_scale(color="independent")
        .project(type="mercator")
        .properties(width=WIDTH, height=WIDTH * 0.75, title=title)
    )
    return chart, datasets


@builder("place_points_grid")
def _place_points_grid(
    frame: pd.DataFrame, table: SectionTable, inputs: ChartInputs
) -> list[Figure]:
    dense = frame[frame["kde_per_km2"] > 0].assign(
        density_class=lambda f: rate_classes(f["kde_per_km2"])
    )
    order = [c for c in dense.density_class.drop_duplicates().sort_values() if c]
    density = (
        alt.Chart(alt.NamedData(name=DENSITY_CELLS))
        .mark_geoshape(strokeWidth=0)
        .encode(
            # Fifths of the cells with any density, drawn lightly: the hot spots lead.
            color=alt.Color(
                "properties.density_class:O",
                title="Density per km² (fifths of cells)",
                sort=order,
                scale=alt.Scale(domain=order, range=_spread(DENSITY_GREYS, len(order))),
            ),
        )
    )
    spots = frame[frame["hotspot"].isin(["hot spot", "cold spot"])]
    kinds = [k for k in ("hot spot", "cold spot") if k in set(spots.hotspot)]
    spot_layer = (
        alt.Chart(alt.NamedData(name=SPOT_CELLS))
        .mark_geoshape(stroke="white", strokeWidth=0.2)
        .encode(
            color=alt.Color(
                "properties.hotspot:N",
                title="Getis-Ord Gi* (grid cells)",
                scale=alt.Scale(domain=kinds, range=[HOTSPOT_COLOURS[k] for k in kinds]),
            ),
            tooltip=[
                alt.Tooltip("properties.cell_id:N", title="cell"),
                alt.Tooltip("properties.district_name:N", title="district"),
                alt.Tooltip("properties.crimes:Q", title="crimes"),
            ],
        )
    )
    fields = ["cell_id", "district_name", "crimes", "hotspot"]
    chart, datasets = _grid_map(
        frame,
        inputs,
        [
            (DENSITY_CELLS, cell_features(dense, ["density_class"]), density),
            (SPOT_CELLS, cell_features(spots, fields), spot_layer),
        ],
        "Grid-cell hot spots of serious violence",
    )
    figures = [
        Figure(
            "Grid-cell hot spots of serious violence (Getis-Ord Gi*, false discovery rate 5%) "
            "over the kernel density surface, with district names",
            chart,
            datasets,
        )
    ]
    if "change_category" in frame and frame["change_category"].isin(list(CHANGE_COLOURS)).any():
        changed = frame[frame["change_category"].isin(list(CHANGE_COLOURS))]
        present = [c for c in CHANGE_COLOURS if c in set(changed.change_category)]
        change_layer = (
            alt.Chart(alt.NamedData(name=CHANGE_CELLS))
            .mark_geoshape(stroke="white", strokeWidth=0.2)
            .encode(
                color=alt.Color(
                    "properties.change_category:N",
                    title="Between the two periods",
                    scale=alt.Scale(domain=present, range=[CHANGE_COLOURS[c] for c in present]),
                ),
                tooltip=[
                    alt.Tooltip("properties.cell_id:N", title="cell"),
                    alt.Tooltip("properties.change_category:N", title="pattern"),
                    alt.Tooltip("properties.change:Q", title="change in crimes"),
                ],
            )
        )
        fields = ["cell_id", "change_category", "change"]
        chart, datasets = _grid_map(
            frame,
            inputs,
            [(CHANGE_CELLS, cell_features(changed, fields), change_layer)],
            "Grid-cell hot spots: change between the two periods",
        )
        figures.append(
            Figure(
                "Persistent, emerging and former grid-cell hot spots between the first and last "
                "periods, with district names",
                chart,
                datasets,
            )
        )
    return figures


# -- deprivation ---------------------------------------------------------------------------------


@builder("deprivation_by_decile")
def _deprivation_by_decile(
    frame: pd.DataFrame, table: SectionTable, _: ChartInputs
) -> list[Figure]:
    decile = "imd_decile" if "imd_decile" in frame else "decile"
    data = frame[[decile, "rate_per_1000"]].rename(columns={decile: "decile"})
    chart = (
        alt.Chart(_data(data))
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            x=alt.X(
                "decile:O",
                title="IMD decile (1 = most deprived 10% in England)",
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("rate_per_1000:Q", title="Crimes per 1,000 residents a year"),
        )
        .properties(width=WIDTH, height=HEIGHT, title="Serious violence by deprivation decile")
    )
    return [Figure("Serious violence per 1,000 residents by IMD decile", chart)]


def _ratio_plot(
    data: pd.DataFrame, label: str, ratio: str, low: str, high: str, title: str, x_title: str
) -> alt.Chart:
    values = _data(data)
    base = alt.Chart(values).encode(y=alt.Y(f"{label}:N", sort=None, title=None))
    scale = alt.Scale(type="log")
    interval = base.mark_rule(color=OKABE_ITO[0]).encode(
        x=alt.X(f"{low}:Q", scale=scale, title=x_title), x2=f"{high}:Q"
    )
    point = base.mark_point(filled=True, size=50, color=OKABE_ITO[0]).encode(
        x=alt.X(f"{ratio}:Q", scale=scale),
        tooltip=[f"{label}:N", alt.Tooltip(f"{ratio}:Q", format=".2f")],
    )
    one = (
        alt.Chart(alt.Data(values=[{"x": 1}]))
        .mark_rule(strokeDash=[4, 3], color="#777777")
        .encode(x="x:Q")
    )
    return alt.layer(interval, point, one).properties(
        width=WIDTH - 200, height=max(80, 18 * len(data)), title=title
    )


@builder("deprivation_domains")
def _deprivation_domains(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    columns = ["domain", "irr", "ci_low", "ci_high"]
    data = frame[[*columns, "model"]] if "model" in frame else frame[columns].assign(model="")
    data = data.dropna(subset=columns)
    data = data[(data.irr > 0) & (data.ci_low > 0)]
    if data.empty:
        return []
    data = data.assign(
        label=[
            f"{humanise(d)} ({m})" if m else humanise(d)
            for d, m in zip(data.domain, data.model, strict=True)
        ]
    )
    chart = _ratio_plot(
        data,
        "label",
        "irr",
        "ci_low",
        "ci_high",
        "Association with the deprivation domains",
        "Rate ratio per decile more deprived (log scale, 95% CI)",
    )
    return [Figure("Incidence rate ratios of serious violence for the IMD domains", chart)]


# -- people --------------------------------------------------------------------------------------


def _people_bars(frame: pd.DataFrame, dimension: str, label: str) -> list[Figure]:
    data = frame[["role", dimension, "records"]].assign(role=frame.role.map(humanise))
    chart = (
        alt.Chart(_data(data))
        .mark_bar()
        .encode(
            x=alt.X(f"{dimension}:N", title=label, sort=None, axis=alt.Axis(labelAngle=0)),
            xOffset="role:N",
            y=alt.Y("records:Q", title="People recorded (victim or suspect records)"),
            color=alt.Color("role:N", title="Role", scale=alt.Scale(range=OKABE_ITO[:2])),
        )
        .properties(
            width=WIDTH - 80, height=HEIGHT, title=f"Victims and suspects by {label.lower()}"
        )
    )
    return [Figure(f"Victims and suspects of serious violence by {label.lower()}", chart)]


@builder("people_by_age_band")
def _people_age(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    return _people_bars(frame, "age_band", "Age band")


@builder("people_by_sex")
def _people_sex(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    return _people_bars(frame, "sex", "Sex")


@builder("people_by_ethnicity")
def _people_ethnicity(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    return _people_bars(frame, "ethnicity", "Ethnicity")


@builder("people_disproportionality")
def _people_disproportionality(
    frame: pd.DataFrame, table: SectionTable, _: ChartInputs
) -> list[Figure]:
    data = frame[["role", "dimension", "group", "ratio", "ci_low", "ci_high"]].dropna()
    data = data[(data.ratio > 0) & (data.ci_low > 0)]
    if data.empty:
        return []
    data = data.assign(
        label=[f"{humanise(r)}s: {g}" for r, g in zip(data.role, data.group, strict=True)]
    )
    chart = _ratio_plot(
        data,
        "label",
        "ratio",
        "ci_low",
        "ci_high",
        "Disproportionality against the resident population",
        "Rate ratio against the rest of the population (log scale, 95% CI)",
    )
    return [
        Figure(
            "Disproportionality ratios of victims and suspects with 95% confidence intervals", chart
        )
    ]


# -- time ----------------------------------------------------------------------------------------


def _heat(frame: pd.DataFrame, value: str, title: str, legend: str) -> alt.Chart:
    data = frame[["weekday", "hour", value]]
    return (
        alt.Chart(_data(data))
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title="Hour of the day", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("weekday:N", sort=WEEKDAYS, title=None),
            color=alt.Color(f"{value}:Q", title=legend, scale=alt.Scale(scheme=SEQUENTIAL)),
            tooltip=["weekday:N", "hour:O", f"{value}:Q"],
        )
        .properties(width=WIDTH - 40, height=170, title=title)
    )


@builder("time_hour_weekday")
def _time_heat(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    chart = _heat(frame, "crimes", "Serious violence by hour and day", "Crimes")
    return [Figure("Serious violence by hour of the day and day of the week", chart)]


@builder("time_month_of_year")
def _time_month(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    chart = _month_bars(
        frame, "month", "mean_per_month", "Month", "Crimes in an average month"
    ).properties(width=WIDTH, height=HEIGHT, title="Serious violence by month of the year")
    return [Figure("Serious violence in an average month, by month of the year", chart)]


# -- health --------------------------------------------------------------------------------------


@builder("health_ed_hour_weekday")
def _ed_heat(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    chart = _heat(frame, "assaults", "Emergency department assaults by hour and day", "Assaults")
    return [Figure("Emergency department assault attendances by hour and day of the week", chart)]


def _share_bars(frame: pd.DataFrame, label: str, value: str, title: str) -> alt.Chart:
    data = frame[[label, value]].assign(**{label: frame[label].map(humanise)})
    return (
        alt.Chart(_data(data))
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            y=alt.Y(f"{label}:N", sort="-x", title=None),
            x=alt.X(f"{value}:Q", title="Assault attendances"),
        )
        .properties(width=WIDTH - 140, height=max(60, 22 * len(data)), title=title)
    )


@builder("health_ed_location_type")
def _ed_location(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    chart = _share_bars(frame, "location_type", "assaults", "ED assaults by location type")
    return [Figure("Emergency department assaults by type of location", chart)]


@builder("health_ed_assault_method")
def _ed_method(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    chart = _share_bars(frame, "assault_method", "assaults", "ED assaults by method")
    return [Figure("Emergency department assaults by method of assault", chart)]


@builder("health_admissions")
def _health_admissions(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    long = frame.melt(
        id_vars=["year", "age_band"],
        value_vars=["assault_admissions", "sharp_object_admissions"],
        var_name="measure",
        value_name="admissions",
    )
    long["measure"] = long.measure.map(
        {
            "assault_admissions": "Assault (X85-Y09)",
            "sharp_object_admissions": "Sharp object (X99)",
        }
    )
    long["year"] = long.year.astype(str)
    chart = (
        alt.Chart(_data(long))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("admissions:Q", title="Admissions"),
            color=alt.Color("age_band:N", title="Age band", scale=alt.Scale(range=OKABE_ITO[:3])),
            column=alt.Column("measure:N", title=None),
        )
        .properties(width=(WIDTH - 120) / 2, height=HEIGHT)
        .resolve_scale(y="independent")
    )
    return [
        Figure("Hospital admissions for assault and for sharp-object assault by age band", chart)
    ]


# -- cohorts -------------------------------------------------------------------------------------


@builder("cohorts_risk_factors")
def _cohort_factors(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = frame[["cohort", "label", "ratio", "ci_low", "ci_high"]].dropna()
    data = data[(data.ratio > 0) & (data.ci_low > 0)]
    if data.empty:
        return []
    data = data.assign(
        row=[f"{humanise(c)}: {label}" for c, label in zip(data.cohort, data.label, strict=True)]
    )
    chart = _ratio_plot(
        data,
        "row",
        "ratio",
        "ci_low",
        "ci_high",
        "Risk factors: serious-violence offenders against the rest of the cohort",
        "Prevalence ratio (log scale, 95% CI)",
    )
    return [
        Figure(
            "Prevalence ratios of risk factors in the youth justice and probation cohorts", chart
        )
    ]


@builder("cohorts_school_exclusions")
def _school_exclusions(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = frame[["academic_year", "event_type", "violence_or_weapon_events"]].assign(
        event_type=frame.event_type.map(humanise)
    )
    chart = (
        alt.Chart(_data(data))
        .mark_bar()
        .encode(
            x=alt.X("academic_year:O", title="Academic year", axis=alt.Axis(labelAngle=0)),
            xOffset="event_type:N",
            y=alt.Y("violence_or_weapon_events:Q", title="Suspensions and exclusions"),
            color=alt.Color("event_type:N", title=None, scale=alt.Scale(range=OKABE_ITO[:2])),
        )
        .properties(
            width=WIDTH - 80,
            height=HEIGHT,
            title="Suspensions and exclusions for violence or weapons",
        )
    )
    return [
        Figure(
            "Suspensions and permanent exclusions for violence or weapons by academic year", chart
        )
    ]


# -- case-study triggers -------------------------------------------------------------------------


@builder("triggers_age_heatmap")
def _triggers_heat(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    data = frame[["event_type", "age_at_event", "events"]].assign(
        event_type=frame.event_type.map(humanise)
    )
    order = list(dict.fromkeys(data.event_type))
    chart = (
        alt.Chart(_data(data))
        .mark_rect()
        .encode(
            x=alt.X("age_at_event:O", title="Age at the event", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("event_type:N", sort=order, title=None),
            color=alt.Color("events:Q", title="Events", scale=alt.Scale(scheme=SEQUENTIAL)),
            tooltip=["event_type:N", "age_at_event:O", "events:Q"],
        )
        .properties(
            width=WIDTH - 160, height=max(80, 22 * len(order)), title="Life-course events by age"
        )
    )
    return [Figure("Life-course events in case reviews by type and age at the event", chart)]


# -- core measures -------------------------------------------------------------------------------

CORE_MEASURES = {
    "homicide": "Homicide",
    "knife_enabled_serious_violence": "Knife-enabled serious violence",
    "sharp_object_admissions_under_25": "Sharp-object admissions, under 25",
    "sharp_object_admissions_all_ages": "Sharp-object admissions, all ages",
}


@builder("core_measures_quarterly")
def _core_measures(frame: pd.DataFrame, table: SectionTable, _: ChartInputs) -> list[Figure]:
    present = [c for c in CORE_MEASURES if c in frame.columns]
    if not present:
        return []
    long = frame.melt(
        id_vars=["quarter"], value_vars=present, var_name="measure", value_name="count"
    )
    long["measure"] = long.measure.map(CORE_MEASURES)
    order = list(dict.fromkeys(frame.quarter))
    chart = (
        alt.Chart(_data(long))
        .mark_line(point=alt.OverlayMarkDef(size=14), color=OKABE_ITO[0])
        .encode(
            x=alt.X("quarter:O", sort=order, title="Quarter (financial year)"),
            y=alt.Y("count:Q", title=None),
            row=alt.Row(
                "measure:N",
                title=None,
                sort=[CORE_MEASURES[c] for c in present],
                header=alt.Header(labelAngle=0, labelAlign="left", labelOrient="top"),
            ),
        )
        .properties(width=WIDTH, height=90)
        .resolve_scale(y="independent")
    )
    return [Figure("Core measures by quarter", chart)]
