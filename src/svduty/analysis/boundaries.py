"""LSOA boundaries from the warehouse: shapely polygons for weights, GeoJSON for maps.

Maps are drawn from these boundaries (Vega-Lite geoshape), never from a tile server.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import ibis

if TYPE_CHECKING:
    import geopandas as gpd

    from svduty.analysis.context import AnalysisContext


def lsoa_boundaries(ctx: AnalysisContext) -> gpd.GeoDataFrame | None:
    """``lsoa_code, lsoa_name, geometry`` (WGS84) for the area's LSOAs, or None without any."""
    import geopandas as gpd
    import shapely

    if not ctx.has_rows("areas"):
        return None
    areas = ctx.con.table("areas")
    lsoas = areas.filter((areas.area_type == "lsoa") & areas.geometry.notnull())
    newest = ibis.row_number().over(group_by=lsoas.area_code, order_by=ibis.desc(lsoas.batch_id))
    lsoas = lsoas.mutate(_newest=newest).filter(lambda t: t._newest == 0)
    lsoas = ctx.in_scope(lsoas, None, "area_code")
    frame = lsoas.select(
        lsoa_code=lsoas.area_code, lsoa_name=lsoas.area_name, wkb=lsoas.geometry
    ).to_pandas()
    if frame.empty:
        return None
    frame = frame.sort_values("lsoa_code").reset_index(drop=True)
    geometry = shapely.from_wkb(frame.pop("wkb").map(bytes).to_numpy())
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def lsoa_geojson(ctx: AnalysisContext) -> dict[str, Any] | None:
    """The area's LSOA boundaries as a GeoJSON FeatureCollection (properties: code and name)."""
    boundaries = lsoa_boundaries(ctx)
    if boundaries is None:
        return None
    return json.loads(boundaries.to_json(drop_id=True))
