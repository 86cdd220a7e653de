"""Priority places led by burden: where most of the area's serious violence is, weighted by risk.

The score of an LSOA with serious violence is

    priority_score = 100 x volume x (VOLUME_WEIGHT + RATE_WEIGHT x rate + PERSISTENCE_WEIGHT x
                                     persistence) / (sum of the weights in use)

- ``volume``: the LSOA's serious violence (harm-weighted when the definition sets
  ``harm_weights``) over that of the area's most affected LSOA, 0-1. Its share of the area's
  serious violence is shown as ``volume_share_pct``; the two order places alike.
- ``rate``: the percentile (0-1) of its empirical Bayes smoothed rate per resident among the
  area's LSOAs (see :mod:`smoothing`): high when residents are at high risk, not because few
  live there.
- ``persistence``: the share of the calendar years the period covers in full (:func:`full_years`)
  in which it was in the top tenth of LSOAs by serious violence, or a significant Gi* hot spot.

The rate and persistence only scale the volume, between :data:`VOLUME_WEIGHT` / (sum of weights)
and 1: they reorder places of similar burden but can at most double a place's score. So, by
construction, an LSOA never outranks one with at least twice its (weighted) serious violence
(ties go to the larger volume), and the most affected LSOA scores at least 50 and can be passed
only by LSOAs holding more than half its volume. A term with no data (no population imported:
no rate; fewer than :data:`MIN_PERSISTENCE_YEARS` full years: no persistence) is left out and
the others rescaled, which only strengthens that guarantee. The weights: half the multiplier is
fixed, so burden always leads; the rate gets more of the rest than persistence because it is
measured over the whole period, persistence on two or three yearly snapshots.

Harm weights: a crime with several tags (a knife-enabled robbery) takes the highest weight of its
tags, so it counts once, at the weight of its most harmful category. The smoothed rate stays a
rate of crimes (a Poisson count): weights enter the volume only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from functools import reduce

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

VOLUME_WEIGHT = 0.5
RATE_WEIGHT = 0.3
PERSISTENCE_WEIGHT = 0.2
#: "Top tenth" of LSOAs by a year's serious violence, for persistence.
TOP_SHARE = 0.1
#: Fewer full calendar years than this and persistence is not scored.
MIN_PERSISTENCE_YEARS = 2
SENSITIVITY_ROWS = 10
MONTHS_IN_YEAR = 12
RANK_COLUMNS = ("volume_only_rank", "rate_only_rank")


def full_years(months: list[date]) -> list[int]:
    """Calendar years all twelve of whose months are in ``months`` (the period), in order.

    Not :func:`periods.analyse`'s complete years, which also drop a year with a month of missing
    data: a year-on-year total needs that, a ranking of LSOAs within the year does not (the gap
    lowers every LSOA's count alike).
    """
    counts: dict[int, int] = {}
    for month in months:
        counts[month.year] = counts.get(month.year, 0) + 1
    return sorted(year for year, count in counts.items() if count == MONTHS_IN_YEAR)


def top_share(values: pd.Series, share: float = TOP_SHARE) -> pd.Series:
    """Is each value among the top ``share`` of areas (at least one; ties at the edge included)?

    Zeros are never in it: a year with serious violence in few LSOAs has a short top.
    """
    values = pd.to_numeric(values, errors="coerce").fillna(0.0)
    places = max(1, math.ceil(share * len(values))) if len(values) else 0
    rank = values.rank(method="min", ascending=False)
    return (rank <= places) & (values > 0)


def persistence(
    yearly_burden: pd.DataFrame, yearly_hot: pd.DataFrame | None, years: list[int]
) -> pd.Series:
    """Share of ``years`` each LSOA (row) was in the top tenth by burden or a Gi* hot spot.

    ``yearly_burden``: LSOAs x years of (weighted) serious violence, every LSOA of the area;
    ``yearly_hot``: LSOAs x years of booleans (a hot spot that year), or None without boundaries.
    NaN for every LSOA when ``years`` has fewer than :data:`MIN_PERSISTENCE_YEARS`.
    """
    if len(years) < MIN_PERSISTENCE_YEARS:
        return pd.Series(np.nan, index=yearly_burden.index, dtype=float)
    marked = pd.DataFrame(index=yearly_burden.index)
    for year in years:
        top = top_share(yearly_burden.get(year, pd.Series(0.0, index=yearly_burden.index)))
        if yearly_hot is not None and year in yearly_hot:
            hot = yearly_hot[year].reindex(yearly_burden.index).fillna(False).astype(bool)
            top = top | hot
        marked[year] = top
    return marked.mean(axis=1).astype(float)


def harm_weight(crimes: ir.Table, weights: Mapping[str, float]) -> ir.FloatingValue:
    """Each crime's harm weight: the highest weight among its ``sv_<tag>`` tags (1 unweighted)."""
    if not weights:
        return ibis.literal(1.0)
    terms = [ibis.ifelse(crimes[f"sv_{tag}"], float(w), 0.0) for tag, w in weights.items()]
    return reduce(lambda left, right: ibis.greatest(left, right), terms)


def score(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, float]]:
    """The scored LSOAs with serious violence, best first, and the weights used.

    ``frame`` has every LSOA of the area with ``lsoa_code``, ``serious_violence``,
    ``weighted_serious_violence``, ``smoothed_rate_per_1000`` (NaN without population) and
    ``persistence`` (NaN when not scored). Adds ``volume_share_pct``, ``volume_index``,
    ``rate_percentile``, ``priority_score``, ``priority_rank``, ``volume_only_rank`` and
    ``rate_only_rank``. The rate percentile ranks every LSOA of the area with a rate, zeros too.
    """
    frame = frame.copy()
    frame["rate_percentile"] = frame.smoothed_rate_per_1000.rank(pct=True)
    weighted = frame.weighted_serious_violence.astype(float)
    total = weighted.sum()
    frame["volume_share_pct"] = 100 * weighted / total if total else np.nan
    places = frame[frame.serious_violence > 0].copy()
    if places.empty:
        empty = ["volume_index", "priority_score", "priority_rank"]
        return places.reindex(columns=[*places.columns, *empty, *RANK_COLUMNS]), {}
    volume = places.weighted_serious_violence.astype(float)
    places["volume_index"] = volume / volume.max()
    used = {"volume": VOLUME_WEIGHT}
    multiplier = pd.Series(VOLUME_WEIGHT, index=places.index)
    if places.smoothed_rate_per_1000.notna().any():
        used["rate"] = RATE_WEIGHT
        multiplier += RATE_WEIGHT * places.rate_percentile.fillna(0.0)  # no population: 0
    if places.persistence.notna().any():
        used["persistence"] = PERSISTENCE_WEIGHT
        multiplier += PERSISTENCE_WEIGHT * places.persistence.fillna(0.0)
    places["priority_score"] = 100 * places.volume_index * multiplier / sum(used.values())
    places = places.sort_values(
        ["priority_score", "weighted_serious_violence", "lsoa_code"],
        ascending=[False, False, True],
    )
    places["priority_rank"] = np.arange(1, len(places) + 1)
    by_volume = places.sort_values(
        ["weighted_serious_violence", "lsoa_code"], ascending=[False, True]
    )
    places["volume_only_rank"] = pd.Series(np.arange(1, len(places) + 1), index=by_volume.index)
    rated = places[places.smoothed_rate_per_1000.notna()].sort_values(
        ["smoothed_rate_per_1000", "weighted_serious_violence", "lsoa_code"],
        ascending=[False, False, True],
    )
    places["rate_only_rank"] = pd.Series(np.arange(1, len(rated) + 1), index=rated.index)
    return places.reset_index(drop=True), {
        name: weight / sum(used.values()) for name, weight in used.items()
    }


def sensitivity(scored: pd.DataFrame, rows: int = SENSITIVITY_ROWS) -> pd.DataFrame:
    """Every LSOA in the top ``rows`` under the score, volume alone or rate alone, with its three
    ranks (best priority rank first)."""
    top = (
        (scored.priority_rank <= rows)
        | (scored.volume_only_rank <= rows)
        | (scored.rate_only_rank <= rows)
    )
    columns = ["lsoa_code", "lsoa_name", "serious_violence", "smoothed_rate_per_1000"]
    columns += ["priority_rank", "volume_only_rank", "rate_only_rank"]
    out = scored.loc[top, [c for c in columns if c in scored.columns]]
    out = out.astype({"rate_only_rank": "Int64"})
    return out.sort_values("priority_rank").reset_index(drop=True)


def sensitivity_sentence(scored: pd.DataFrame, rows: int = SENSITIVITY_ROWS) -> str:
    """How the top ``rows`` changes when places are ranked by volume alone or by rate alone."""
    top = set(scored.lsoa_code[scored.priority_rank <= rows])
    volume = set(scored.lsoa_code[scored.volume_only_rank <= rows])
    rate = set(scored.lsoa_code[scored.rate_only_rank <= rows])
    size = len(top)
    text = (
        f"Sensitivity: {len(top & volume)} of the top {size} priority places are also in the top "
        f"{size} by volume of serious violence alone"
    )
    if rate:
        text += f", and {len(top & rate)} in the top {size} by smoothed rate alone"
    return text + "."


def method_table(used: Mapping[str, float], harm: Mapping[str, float]) -> pd.DataFrame:
    """One row per term of the score: its weight as used and what it measures."""
    measures = {
        "volume": (
            "serious violence"
            + (" (harm-weighted, highest weight of a crime's tags)" if harm else "")
            + " over that of the area's most affected LSOA"
        ),
        "rate": "percentile of the empirical Bayes smoothed rate per 1,000 residents",
        "persistence": (
            "share of the calendar years the period covers in full in which the LSOA was in "
            "the top tenth of LSOAs by serious violence or a Gi* hot spot"
        ),
    }
    rows = [
        (term, measures[term], round(used[term], 4) if term in used else 0.0, term in used)
        for term in ("volume", "rate", "persistence")
    ]
    rows += [
        (f"harm weight: {tag}", "weight of one crime with this tag", weight, True)
        for tag, weight in harm.items()
    ]
    return pd.DataFrame(rows, columns=["term", "measure", "weight", "used"])
