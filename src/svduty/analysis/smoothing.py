"""Empirical Bayes smoothing of LSOA rates: small populations stop ruling the maps and rankings.

An LSOA has about 1,500 residents, so one crime more or less moves its rate a lot, and the
highest and lowest raw rates belong to the smallest populations. Empirical Bayes shrinks each
raw rate ``r_i = e_i / b_i`` (events over person-years) towards a reference mean by how little
its population can tell (Marshall 1991; Anselin, Lozano & Koschinsky 2006):

- **global**: the reference is the area's rate ``m = sum e / sum b``. The prior variance is the
  method-of-moments estimate ``A = sum b_i (r_i - m)^2 / sum b - m / mean(b)``, set to 0 when
  negative (then every rate is ``m``: the areas differ no more than chance alone would make
  them). Each LSOA keeps the share ``w_i = A / (A + m / b_i)`` of its own rate:
  ``EB_i = m + w_i (r_i - m)``. esda 2.9's ``Empirical_Bayes`` computes the same without the
  truncation of a negative ``A`` (its weights then leave [0, 1]), so this module computes it
  and the tests pin it to esda wherever ``A > 0``.
- **spatial**: the reference is the rate of the LSOA and its queen neighbours together and ``A``
  is estimated in that neighbourhood (esda ``Spatial_Empirical_Bayes``, which truncates at 0).
  An LSOA with no neighbour (an island) takes its global value; a neighbourhood with no events
  gives 0.

Raw rates stay in the tables; the smoothed ones rank places and draw maps. The global smoothing
ranks (it borrows nothing from neighbours, so one LSOA's rank is its own); the spatial one is for
maps that show the pattern.

References: R. J. Marshall, "Mapping disease and mortality rates using empirical Bayes
estimators", Applied Statistics 40 (1991) 283-294; L. Anselin, N. Lozano, J. Koschinsky, "Rate
transformations and smoothing", GeoDa Center technical report (2006).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np
from esda.smoothing import Spatial_Empirical_Bayes

from svduty.analysis.gistar import subset_weights

if TYPE_CHECKING:
    from libpysal.weights import W


def _usable(counts: np.ndarray, exposure: np.ndarray) -> np.ndarray:
    return np.isfinite(exposure) & (exposure > 0) & np.isfinite(counts)


def empirical_bayes(
    counts: np.ndarray | list[float], exposure: np.ndarray | list[float]
) -> np.ndarray:
    """Global empirical Bayes rates (events per unit of exposure); NaN where exposure <= 0."""
    e = np.asarray(counts, dtype=float)
    b = np.asarray(exposure, dtype=float)
    if e.shape != b.shape:
        raise ValueError(f"{e.size} counts for {b.size} exposures")
    out = np.full(e.shape, np.nan)
    keep = _usable(e, b)
    if not keep.any():
        return out
    e, b = e[keep], b[keep]
    mean = e.sum() / b.sum()
    rate = e / b
    if mean == 0:
        out[keep] = 0.0
        return out
    prior_variance = (b * (rate - mean) ** 2).sum() / b.sum() - mean / b.mean()
    prior_variance = max(prior_variance, 0.0)
    weight = prior_variance / (prior_variance + mean / b)
    out[keep] = mean + weight * (rate - mean)
    return out


def spatial_empirical_bayes(
    counts: np.ndarray | list[float], exposure: np.ndarray | list[float], weights: W
) -> np.ndarray:
    """Spatial empirical Bayes rates in ``weights``' id order (binary contiguity, no self-links).

    LSOAs without exposure are left out of every neighbourhood (NaN); islands take their global
    empirical Bayes rate.
    """
    e = np.asarray(counts, dtype=float)
    b = np.asarray(exposure, dtype=float)
    if not (e.size == b.size == weights.n):
        raise ValueError(f"{e.size} counts and {b.size} exposures for {weights.n} areas")
    out = np.full(e.shape, np.nan)
    keep = _usable(e, b)
    if not keep.any():
        return out
    ids = [code for code, ok in zip(weights.id_order, keep, strict=True) if ok]
    local = subset_weights(weights, ids)  # a fresh W: esda switches its transform in place
    global_rates = empirical_bayes(e[keep], b[keep])
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore")
        smoothed = Spatial_Empirical_Bayes(e[keep], b[keep], local).r.ravel()
    islands = np.array([local.cardinalities[code] == 0 for code in ids])
    smoothed = np.where(islands, global_rates, smoothed)
    smoothed = np.where(np.isnan(smoothed), 0.0, smoothed)  # a neighbourhood with no events
    out[keep] = smoothed
    return out
