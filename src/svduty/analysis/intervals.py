"""Exact Poisson confidence intervals for a count and for the rate it gives (Garwood 1936).

A count ``k`` of independent events is Poisson; its exact two-sided ``1 - alpha`` interval for the
mean is ``[chi2(alpha/2; 2k) / 2, chi2(1 - alpha/2; 2k + 2) / 2]`` (chi-square quantiles, the
lower limit 0 when ``k = 0``), the interval whose tails each hold at most ``alpha/2`` of the
Poisson probability. A rate's interval divides both limits by the exposure (person-years): the
exposure is a known denominator, not a random quantity. Rate ratios between two areas are in
:mod:`svduty.analysis.rates`.

Reference: F. Garwood, "Fiducial limits for the Poisson distribution", Biometrika 28 (1936)
437-442; Ulm (1990), Am. J. Epidemiol. 131:373-375 for the chi-square form.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

CONFIDENCE = 0.95


def poisson_interval(
    counts: np.ndarray | pd.Series | float, confidence: float = CONFIDENCE
) -> tuple[np.ndarray, np.ndarray]:
    """``(low, high)`` exact limits for the Poisson mean of each count (NaN for a NaN count)."""
    k = np.atleast_1d(np.asarray(counts, dtype=float))
    if np.any(k[np.isfinite(k)] < 0):
        raise ValueError("a count cannot be negative")
    alpha = 1 - confidence
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, stats.chi2.ppf(alpha / 2, 2 * np.where(k > 0, k, 1)) / 2, 0.0)
        high = stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    low = np.where(np.isnan(k), np.nan, low)
    return low, high


def rate_interval(
    counts: np.ndarray | pd.Series,
    exposure: np.ndarray | pd.Series,
    per: float = 1000.0,
    confidence: float = CONFIDENCE,
) -> tuple[np.ndarray, np.ndarray]:
    """``(low, high)`` exact limits of ``per x count / exposure``; NaN where exposure is not > 0."""
    low, high = poisson_interval(counts, confidence)
    e = np.atleast_1d(np.asarray(exposure, dtype=float))
    usable = np.isfinite(e) & (e > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(usable, per / np.where(usable, e, 1.0), np.nan)
    return low * scale, high * scale
