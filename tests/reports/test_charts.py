"""Chart builders: one Vega-Lite spec per chart, data taken from the table, rendered offline."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from svduty.analysis.result import SectionTable
from svduty.reports.charts import BUILDERS, ChartInputs, figures_for, map_features, plottable
from svduty.reports.render import svg_from_spec


def _inline_values(spec: dict) -> list[list[dict]]:
    """Every inline dataset in a spec (top level, layers, concats, lookups)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and "values" in data:
                found.append(data["values"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def test_every_table_with_a_builder_gets_a_chart(section_results, report_warehouse) -> None:
    from svduty.analysis.boundaries import lsoa_geojson
    from svduty.analysis.context import AnalysisContext, Scope
    from svduty.definitions import load_definition
    from svduty.warehouse import ibis_connect

    tables, _ = section_results
    warehouse, definition = report_warehouse
    con = ibis_connect(warehouse, read_only=True)
    try:
        boundaries = lsoa_geojson(AnalysisContext(con, Scope(load_definition(definition))))
    finally:
        con.disconnect()
    charted = {name for name in tables if name in BUILDERS}
    # The fixture exercises nearly every builder: a renamed column would silently drop a chart.
    assert len(charted) >= 25
    for name in sorted(charted):
        figures = figures_for(tables[name], ChartInputs(boundaries))
        assert figures, f"{name} lost its chart (a column it needs is missing?)"
        for figure in figures:
            spec = figure.spec()
            assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
            assert "url" not in str(spec.get("data", ""))
    maps = figures_for(tables["place_map"], ChartInputs(boundaries))
    assert len(maps) >= 2  # rate and hot spots


def test_monthly_chart_carries_the_table_values() -> None:
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(["2023-01-01", "2023-02-01", "2023-03-01"]).date,
            "serious_violence": [5, 7, 11],
            "rolling_12m": [float("nan"), float("nan"), 80.0],
        }
    )
    (figure,) = figures_for(SectionTable("trends_monthly", "T", frame))
    values = _inline_values(figure.spec())[0]
    assert [v["serious_violence"] for v in values] == [5, 7, 11]
    assert [v["month"] for v in values] == ["2023-01-01", "2023-02-01", "2023-03-01"]
    assert values[0]["rolling_12m"] is None and values[2]["rolling_12m"] == 80.0
    svg = svg_from_spec(figure.spec(), "t")
    assert svg.startswith("<svg") and "Serious violence per month" in svg


def test_suppressed_cells_are_not_plotted() -> None:
    frame = pd.DataFrame(
        {
            "category": ["robbery", "homicide"],
            "crimes": [40, "[c]"],
            "share_of_sv_pct": [90.0, "[c]"],
        }
    )
    data = plottable(frame)
    assert data.crimes.tolist()[0] == 40 and pd.isna(data.crimes.tolist()[1])
    (figure,) = figures_for(SectionTable("profile_by_category", "P", frame))
    values = _inline_values(figure.spec())[0]
    assert values[1]["share_of_sv_pct"] is None


def test_a_table_missing_a_column_loses_its_chart_not_the_report() -> None:
    frame = pd.DataFrame({"year": [2022], "something_else": [1]})
    assert figures_for(SectionTable("profile_by_year", "P", frame)) == []


def test_map_rings_are_wound_for_d3_and_ids_are_prefixed() -> None:
    # A counter-clockwise (RFC 7946) square: d3-geo would fill the whole globe with it.
    square = [[-1.6, 54.9], [-1.59, 54.9], [-1.59, 54.91], [-1.6, 54.91], [-1.6, 54.9]]
    boundaries = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"lsoa_code": "E01000001"},
                "geometry": {"type": "Polygon", "coordinates": [square]},
            }
        ],
    }
    assert shapely.Polygon(square).exterior.is_ccw
    (feature,) = map_features(boundaries)
    assert not shape(feature["geometry"]).exterior.is_ccw
    frame = pd.DataFrame(
        {
            "lsoa_code": ["E01000001"],
            "lsoa_name": ["A"],
            "rate_per_1000": [3.5],
            "hotspot": ["hot spot"],
        }
    )
    figures = figures_for(SectionTable("place_map", "M", frame), ChartInputs(boundaries))
    svg = svg_from_spec(figures[0].spec(), "f9")
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert all(i.startswith("f9-") for i in ids)
    assert "<path" in svg


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_builders_are_registered_for_documented_tables(name) -> None:
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "analysis-tables.md"
    if not doc.exists():
        pytest.skip("docs/analysis-tables.md not written yet")
    assert name in doc.read_text(encoding="utf-8"), f"{name} is not a documented table"


def test_rate_classes_are_quintiles_with_readable_labels() -> None:
    from svduty.reports.charts import rate_classes

    rates = pd.Series([float(v) for v in range(1, 11)] + [float("nan")])
    classes = rate_classes(rates)
    assert classes.iloc[-1] == ""
    assert classes.iloc[:10].tolist() == [
        "1. 1.0–2.8", "1. 1.0–2.8", "2. 2.8–4.6", "2. 2.8–4.6", "3. 4.6–6.4",
        "3. 4.6–6.4", "4. 6.4–8.2", "4. 6.4–8.2", "5. 8.2–10.0", "5. 8.2–10.0",
    ]  # fmt: skip


def _squares(codes: list[str]) -> dict:
    """One clockwise unit square per LSOA code, side by side."""
    features = []
    for i, code in enumerate(codes):
        x = -1.6 + 0.01 * i
        ring = [[x, 54.9], [x, 54.91], [x + 0.01, 54.91], [x + 0.01, 54.9], [x, 54.9]]
        features.append(
            {
                "type": "Feature",
                "properties": {"lsoa_code": code},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def test_rate_map_is_coloured_by_the_smoothed_rate_and_clusters_get_their_map() -> None:
    codes = [f"E0100000{i}" for i in range(1, 6)]
    frame = pd.DataFrame(
        {
            "lsoa_code": codes,
            "lsoa_name": list("ABCDE"),
            # the raw rates order the LSOAs one way, the smoothed ones the other way
            "rate_per_1000": [50.0, 40.0, 30.0, 20.0, 10.0],
            "smoothed_rate_per_1000": [1.0, 2.0, 3.0, 4.0, 5.0],
            "hotspot": ["not significant"] * 5,
            "cluster": ["high-high", "low-low", "not significant", "high-low", None],
        }
    )
    figures = figures_for(SectionTable("place_map", "M", frame), ChartInputs(_squares(codes)))
    assert [f.caption for f in figures] == [
        "Serious violence per 1,000 residents a year by LSOA (empirical Bayes smoothed)",
        "Hot and cold spots of serious violence (Getis-Ord Gi*, false discovery rate 5%)",
        "Clusters and outliers of serious violence (Local Moran's I, false discovery rate 5%)",
    ]
    values = {row["lsoa_code"]: row for row in _inline_values(figures[0].spec())[0]}
    # the lowest smoothed rate is in the first fifth although its raw rate is the highest
    assert values["E01000001"]["rate_class"].startswith("1. ")
    assert values["E01000005"]["rate_class"].startswith("5. ")
    assert "Smoothed" in str(figures[0].spec()["encoding"]["color"]["title"])
    scale = figures[2].spec()["encoding"]["color"]["scale"]
    assert scale["domain"] == ["high-high", "high-low", "low-low", "not significant"]
    assert scale["range"] == ["#D55E00", "#E69F00", "#0072B2", "#DDDDDD"]
    # without smoothed rates (no population) the raw rate colours the map
    raw = frame.drop(columns=["smoothed_rate_per_1000", "cluster"])
    (rate_map, _) = figures_for(SectionTable("place_map", "M", raw), ChartInputs(_squares(codes)))
    values = {row["lsoa_code"]: row for row in _inline_values(rate_map.spec())[0]}
    assert values["E01000001"]["rate_class"].startswith("5. ")
