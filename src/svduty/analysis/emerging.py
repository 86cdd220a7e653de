"""Emerging hot spot analysis: a space-time classification of yearly Gi* results.

esda 2.9 has no emerging hot spot module, so this follows the published ESRI definitions
("How Emerging Hot Spot Analysis works", ArcGIS Pro) on a series of time steps: each LSOA has a
Gi* z-score and a hot/cold/not-significant label per step (see ``gistar``), and a Mann-Kendall
trend test on its z-scores. Categories, checked in this order (hot shown; cold is symmetric):

- new: significant hot only in the final step;
- consecutive: one run of hot steps ending in the final step, none before it, fewer than 90% hot;
- intensifying: hot in >= 90% of steps including the final one, z rising (Mann-Kendall p < alpha);
- persistent: hot in >= 90% of steps including the final one, no significant trend;
- diminishing: hot in >= 90% of steps including the final one, z falling;
- sporadic: hot in the final step, < 90% hot, never a cold spot;
- oscillating: hot in the final step, < 90% hot, a cold spot in some step;
- historical: not hot in the final step, hot in >= 90% of steps;
- no pattern: none of the above.

With few steps the Mann-Kendall test has little power (with three years it can never reach
p < 0.05), so a series that is always hot is then "persistent". Below
:data:`periods.MIN_EMERGING_YEARS` steps there is no trend to speak of and no place is classified
(ESRI's tool itself asks for ten). The steps are complete calendar years only
(:func:`emerging_by_complete_year`): a part year or a year with a gap month has fewer crimes for
want of data, which would read as a cooling spot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from scipy import stats

from svduty.analysis import periods
from svduty.analysis.gistar import ALPHA, COLD, HOT

SHARE = 0.9
NO_PATTERN = "no pattern"
KINDS = (
    "new",
    "consecutive",
    "intensifying",
    "persistent",
    "diminishing",
    "sporadic",
    "oscillating",
    "historical",
)


def mann_kendall(series: np.ndarray) -> pd.DataFrame:
    """Mann-Kendall trend test on each row of ``series`` (rows: places, columns: time steps).

    Columns ``s`` (sum of signs over pairs), ``var_s`` (with the tie correction), ``z`` (with the
    continuity correction) and two-sided normal ``p``.
    """
    x = np.asarray(series, dtype=float)
    n_rows, steps = x.shape
    s = np.zeros(n_rows)
    for i in range(steps - 1):
        s += np.sign(x[:, i + 1 :] - x[:, [i]]).sum(axis=1)
    var = np.full(n_rows, steps * (steps - 1) * (2 * steps + 5) / 18.0)
    for row in range(n_rows):
        _, counts = np.unique(x[row], return_counts=True)
        ties = counts[counts > 1]
        if ties.size:
            var[row] -= (ties * (ties - 1) * (2 * ties + 5)).sum() / 18.0
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(s > 0, (s - 1) / np.sqrt(var), np.where(s < 0, (s + 1) / np.sqrt(var), 0.0))
    z = np.where(var > 0, z, 0.0)
    p = 2 * stats.norm.sf(np.abs(z))
    return pd.DataFrame({"s": s, "var_s": var, "z": z, "p": p})


def classify_series(
    labels: np.ndarray, trend_z: np.ndarray, trend_p: np.ndarray, alpha: float = ALPHA
) -> np.ndarray:
    """The category of each row of ``labels`` (hot/cold/not significant per time step)."""
    labels = np.asarray(labels, dtype=object)
    result = np.full(labels.shape[0], NO_PATTERN, dtype=object)
    for row in range(labels.shape[0]):
        for spot, other in ((HOT, COLD), (COLD, HOT)):
            kind = _classify_one(
                labels[row] == spot, labels[row] == other, trend_z[row], trend_p[row], spot, alpha
            )
            if kind is not None:
                result[row] = f"{kind} {spot}"
                break
    return result


def _classify_one(
    spot: np.ndarray, other: np.ndarray, z: float, p: float, kind: str, alpha: float
) -> str | None:
    steps = len(spot)
    share = spot.sum() / steps
    final = bool(spot[-1])
    earlier = spot[:-1]
    if final and not earlier.any():
        return "new"
    if final:
        run = 0
        for value in spot[::-1]:
            if not value:
                break
            run += 1
        before = spot[: steps - run]
        if share < SHARE and run >= 2 and not before.any():
            return "consecutive"
        if share >= SHARE:
            rising = z > 0 if kind == HOT else z < 0  # intensity: hotter, or colder for cold spots
            if p < alpha and rising:
                return "intensifying"
            if p < alpha:
                return "diminishing"
            return "persistent"
        return "oscillating" if other.any() else "sporadic"
    if share >= SHARE:
        return "historical"
    return None


def emerging_hotspots(z: np.ndarray, labels: np.ndarray, alpha: float = ALPHA) -> pd.DataFrame:
    """Per row: ``category``, ``steps_hot``, ``steps_cold``, ``trend_z``, ``trend_p``.

    ``z`` and ``labels`` are (places x time steps) Gi* z-scores and hot/cold labels. With fewer
    than :data:`periods.MIN_EMERGING_YEARS` steps ``category`` is None for every place.
    """
    z = np.asarray(z, dtype=float)
    labels = np.asarray(labels, dtype=object)
    trend = mann_kendall(np.nan_to_num(z, nan=0.0))
    if labels.shape[1] < periods.MIN_EMERGING_YEARS:
        category = np.full(labels.shape[0], None, dtype=object)
    else:
        category = classify_series(labels, trend.z.to_numpy(), trend.p.to_numpy(), alpha)
    return pd.DataFrame(
        {
            "category": category,
            "steps_hot": (labels == HOT).sum(axis=1),
            "steps_cold": (labels == COLD).sum(axis=1),
            "trend_z": trend.z.to_numpy(),
            "trend_p": trend.p.to_numpy(),
        }
    )


@dataclass(frozen=True)
class EmergingResult:
    """Categories on the complete calendar years, or None, and a sentence saying which."""

    frame: pd.DataFrame | None  # as :func:`emerging_hotspots`; None when not classified
    years: tuple[int, ...]  # the complete calendar years used as time steps
    sentence: str


def emerging_by_complete_year(
    z: np.ndarray,
    labels: np.ndarray,
    years: Sequence[int],
    held: Iterable[date],
    expected: Iterable[date] | None = None,
    alpha: float = ALPHA,
) -> EmergingResult:
    """Emerging hot spots over the complete calendar years among ``years`` only.

    ``z`` and ``labels`` are (places x ``years``) yearly Gi* results; ``held`` the months that
    hold data and ``expected`` the period's months (see :func:`periods.analyse`). Part years and
    years with a gap month are dropped; with fewer than :data:`periods.MIN_EMERGING_YEARS`
    complete years nothing is classified and the sentence says why.
    """
    spans = periods.analyse(held, expected)
    complete = set(spans.complete_calendar_years)
    keep = [i for i, year in enumerate(years) if year in complete]
    used = tuple(int(years[i]) for i in keep)
    reason = periods.emerging_reason(spans)
    if reason or len(used) < periods.MIN_EMERGING_YEARS:
        reason = reason or (
            f"they need at least {periods.MIN_EMERGING_YEARS} complete calendar years of yearly "
            f"hot spots and {len(used)} were given"
        )
        return EmergingResult(
            None, used, f"Emerging and persistent hot-spot categories are not shown: {reason}."
        )
    frame = emerging_hotspots(
        np.asarray(z, dtype=float)[:, keep], np.asarray(labels, dtype=object)[:, keep], alpha
    )
    left_out = [
        f"{status.period.label} ({status.note})"
        for status in spans.calendar
        if not status.complete and status.period.year in set(years)
    ]
    sentence = (
        "Emerging and persistent hot-spot categories follow each LSOA's yearly Gi* result over "
        f"the {len(used)} complete calendar years "
        f"{periods.join_words([str(year) for year in used])}"
    )
    if left_out:
        sentence += f"; left out as incomplete: {'; '.join(left_out)}"
    return EmergingResult(frame, used, sentence + ".")
