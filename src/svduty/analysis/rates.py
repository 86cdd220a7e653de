"""Exact Poisson rate ratios: the conditional binomial method.

Given counts ``a`` (exposure ``e1``) and ``b`` (exposure ``e2``), conditional on ``a + b`` the count
``a`` is binomial with ``p = RR e1 / (RR e1 + e2)``. The Clopper-Pearson interval for ``p`` (beta
quantiles) maps to the rate-ratio interval ``RR = p / (1 - p) * e2 / e1``; the two-sided p-value is
the exact binomial test of ``p0 = e1 / (e1 + e2)`` (Breslow & Day 1987, vol. II, section 2.3).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

CONFIDENCE = 0.95


def exact_rate_ratio(
    count: float, exposure: float, count_ref: float, exposure_ref: float
) -> tuple[float, float, float, float]:
    """``(ratio, ci_low, ci_high, p_value)`` for (count/exposure) / (count_ref/exposure_ref).

    NaN where undefined (no exposure, or no events on either side).
    """
    a, b = int(count), int(count_ref)
    if exposure <= 0 or exposure_ref <= 0 or a + b == 0:
        return (np.nan, np.nan, np.nan, np.nan)
    n = a + b
    alpha = 1 - CONFIDENCE
    p_low = stats.beta.ppf(alpha / 2, a, n - a + 1) if a > 0 else 0.0
    p_high = stats.beta.ppf(1 - alpha / 2, a + 1, n - a) if a < n else 1.0
    scale = exposure_ref / exposure
    ratio = (a / exposure) / (b / exposure_ref) if b > 0 else np.inf
    low = p_low / (1 - p_low) * scale
    high = p_high / (1 - p_high) * scale if p_high < 1 else np.inf
    p_value = stats.binomtest(a, n, exposure / (exposure + exposure_ref)).pvalue
    return (float(ratio), float(low), float(high), float(p_value))


def rate_ratio_frame(
    count: pd.Series, exposure: pd.Series, count_ref: pd.Series, exposure_ref: pd.Series
) -> pd.DataFrame:
    """Columns ``rate_ratio, ci_low, ci_high, p_value`` row by row (small tables only)."""
    rows = [
        exact_rate_ratio(a, e1, b, e2)
        for a, e1, b, e2 in zip(count, exposure, count_ref, exposure_ref, strict=True)
    ]
    return pd.DataFrame(
        rows, columns=["rate_ratio", "ci_low", "ci_high", "p_value"], index=count.index
    )
