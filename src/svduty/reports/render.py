"""Chart specs to static SVG, offline, with vl-convert (Vega-Lite compiled in-process, no browser).

Several SVGs share one HTML page, so each one's element ids are prefixed: two charts both
defining ``clip1`` or a legend gradient would otherwise draw with each other's definitions.
"""

from __future__ import annotations

import re
from typing import Any

import altair as alt

#: vl-convert wants "MAJOR.MINOR" of the Vega-Lite version Altair writes.
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
_ID = re.compile(r'\bid="([^"]+)"')


def svg_from_spec(spec: dict[str, Any], prefix: str) -> str:
    """The chart as an ``<svg>`` element whose ids all start with ``prefix``."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION)
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    return _prefix_ids(svg, prefix)


def _prefix_ids(svg: str, prefix: str) -> str:
    ids = set(_ID.findall(svg))
    if not ids:
        return svg
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    for old in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f"url(#{old})", f"url(#{prefix}-{old})")
        svg = svg.replace(f'href="#{old}"', f'href="#{prefix}-{old}"')
    return svg
