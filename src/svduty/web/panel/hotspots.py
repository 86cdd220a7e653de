"""Where a place review's LSOA stands in the needs assessment's priority-neighbourhood ranking.

The ranking is the place section's ``place_priority`` table (docs/analysis-tables.md) for the
partnership's default dashboard scope. It is read from insight's per-warehouse-state cache and
never computed here: a page must answer at once, and the worker warms that cache after every
import (:func:`svduty.web.insight.worker.warm_dashboards`), as does opening the dashboards.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from svduty.web.insight import sections, warehouse
from svduty.web.insight.defaults import default_definition

PLACE_SECTION = "place"


class Standing(enum.StrEnum):
    RANKED = "ranked"  # in the priority table
    UNRANKED = "unranked"  # in the assessment, outside the priority table
    ABSENT = "absent"  # not in the assessment (no serious violence / outside the area)
    NO_ASSESSMENT = "no_assessment"  # no crime data: the place section is unavailable
    NOT_COMPUTED = "not_computed"  # the cache is cold for the current warehouse


@dataclass(frozen=True)
class HotspotStanding:
    """One LSOA's entry in the ranking (fields ``None`` when the assessment lacks them)."""

    standing: Standing
    definition: str
    lsoa_code: str
    rank: int | None = None
    ranked_lsoas: int | None = None  # how many rows the priority table lists
    lsoas_with_violence: int | None = None  # the pool the ranking is drawn from, when known
    serious_violence: int | None = None
    rate_per_1000: float | None = None
    priority_score: float | None = None
    hotspot: str | None = None
    emerging_category: str | None = None
    years_hot: int | None = None
    reason: str = ""

    @property
    def sentence(self) -> str:
        """What the page says when there is no ranked entry to tabulate."""
        if self.standing is Standing.NOT_COMPUTED:
            return (
                "The needs assessment is not yet computed for the current data: open the "
                "dashboards, or wait for it to be computed after the next import."
            )
        if self.standing is Standing.NO_ASSESSMENT:
            return f"There is no needs assessment: {self.reason or 'no crime data imported.'}"
        if self.standing is Standing.ABSENT:
            return (
                f"{self.lsoa_code} is not in the needs assessment "
                "(no serious violence recorded there, or outside the partnership's area)."
            )
        if self.standing is Standing.UNRANKED:
            return (
                f"{self.lsoa_code} is not among the {self.ranked_lsoas} priority neighbourhoods "
                "of the needs assessment."
            )
        return f"Priority neighbourhood {self.rank} of {self.ranked_lsoas} listed."


def hotspot_standing(partnership, lsoa_code: str) -> HotspotStanding | None:
    """The LSOA's standing for the partnership's default scope; ``None`` without a warehouse."""
    return hotspot_standings(partnership, [lsoa_code]).get((lsoa_code or "").upper())


def hotspot_standings(partnership, lsoa_codes) -> dict[str, HotspotStanding]:
    """:func:`hotspot_standing` for many LSOAs, one cache look-up (empty without a warehouse)."""
    if warehouse.state() is None:
        return {}
    definition = default_definition(partnership)
    computed = sections.computed_if_ready(sections.ScopeKey(definition))
    codes = {(code or "").upper() for code in lsoa_codes}
    return {code: _standing(computed, definition, code) for code in codes}


def _standing(computed, definition: str, code: str) -> HotspotStanding:
    if computed is None:
        return HotspotStanding(Standing.NOT_COMPUTED, definition, code)
    place = next((r for r in computed.results if r.key == PLACE_SECTION), None)
    if place is None or not place.available:
        reason = place.unavailable if place is not None else ""
        return HotspotStanding(Standing.NO_ASSESSMENT, definition, code, reason=reason or "")
    tables = {t.name: t.frame for t in place.tables}
    priority = tables.get("place_priority")
    if priority is None:
        return HotspotStanding(Standing.NO_ASSESSMENT, definition, code)
    pool = tables.get("place_map")
    pool_size = None if pool is None else int((pool.serious_violence > 0).sum())
    common = {"ranked_lsoas": len(priority), "lsoas_with_violence": pool_size}
    row = priority[priority.lsoa_code == code]
    if not row.empty:
        rank = _int(row, "priority_rank")
        score = _float(row, "priority_score")
        measures = _measures(row)
        return HotspotStanding(
            Standing.RANKED, definition, code, rank=rank, priority_score=score, **common, **measures
        )
    if pool is not None:
        row = pool[(pool.lsoa_code == code) & (pool.serious_violence > 0)]
        if not row.empty:
            return HotspotStanding(Standing.UNRANKED, definition, code, **common, **_measures(row))
    return HotspotStanding(Standing.ABSENT, definition, code, **common)


def _measures(row) -> dict:
    return {
        "serious_violence": _int(row, "serious_violence"),
        "rate_per_1000": _float(row, "rate_per_1000"),
        "hotspot": _text(row, "hotspot"),
        "emerging_category": _text(row, "emerging_category"),
        "years_hot": _int(row, "years_hot"),
    }


def _value(row, column: str):
    import pandas as pd

    if column not in row.columns:
        return None
    value = row[column].iloc[0]
    return None if pd.isna(value) else value


def _int(row, column: str) -> int | None:
    value = _value(row, column)
    return None if value is None else int(value)


def _float(row, column: str) -> float | None:
    value = _value(row, column)
    return None if value is None else float(value)


def _text(row, column: str) -> str | None:
    value = _value(row, column)
    return None if value is None else str(value)
