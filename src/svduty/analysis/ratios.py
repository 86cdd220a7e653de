"""Ratios with 95% confidence intervals, vectorised over the rows of a small aggregate table.

Two published methods, both on the log scale:
- ``rate_ratio``: two Poisson counts over fixed exposures (person-years, hours of the week), the
  Wald interval of log(rate ratio) (statsmodels ``wald-log``): SE = sqrt(1/a + 1/b).
- ``risk_ratio``: two proportions of people (Katz log method, as SciPy's ``relative_risk``):
  SE = sqrt(1/a - 1/n1 + 1/c - 1/n2).
A ratio with a zero count on either side has no log interval; its bounds are NaN.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CONFIDENCE = 0.95


def rate_ratio(
    count: pd.Series | np.ndarray,
    exposure: pd.Series | np.ndarray,
    count_ref: pd.Series | np.ndarray,
    exposure_ref: pd.Series | np.ndarray,
) -> pd.DataFrame:
    """``ratio``, ``ci_low``, ``ci_high`` of (count/exposure) ÷ (count_ref/exposure_ref)."""
    from statsmodels.stats.rates import confint_poisson_2indep

    a, e1, b, e2 = (np.asarray(x, dtype=float) for x in (count, exposure, count_ref, exposure_ref))
    valid = (a > 0) & (b > 0) & (e1 > 0) & (e2 > 0)
    ratio = np.full(a.shape, np.nan)
    low = np.full(a.shape, np.nan)
    high = np.full(a.shape, np.nan)
    if valid.any():
        ratio[valid] = (a[valid] / e1[valid]) / (b[valid] / e2[valid])
        lo, hi = confint_poisson_2indep(
            a[valid],
            e1[valid],
            b[valid],
            e2[valid],
            method="wald-log",
            compare="ratio",
            alpha=1 - CONFIDENCE,
        )
        low[valid], high[valid] = lo, hi
    return pd.DataFrame({"ratio": ratio, "ci_low": low, "ci_high": high})


def risk_ratio(
    cases: pd.Series | np.ndarray,
    people: pd.Series | np.ndarray,
    cases_ref: pd.Series | np.ndarray,
    people_ref: pd.Series | np.ndarray,
) -> pd.DataFrame:
    """Columns ``ratio``, ``ci_low``, ``ci_high`` for (cases/people) ÷ (cases_ref/people_ref)."""
    from scipy.stats.contingency import relative_risk

    rows = zip(
        *(np.asarray(x, dtype=int) for x in (cases, people, cases_ref, people_ref)), strict=True
    )
    out = []
    for a, n1, c, n2 in rows:  # one call per group of a small aggregate, not per person
        if a <= 0 or c <= 0 or n1 <= 0 or n2 <= 0:
            out.append(
                ((a / n1) / (c / n2) if n1 > 0 and n2 > 0 and c > 0 else np.nan, np.nan, np.nan)
            )
            continue
        result = relative_risk(int(a), int(n1), int(c), int(n2))
        interval = result.confidence_interval(confidence_level=CONFIDENCE)
        out.append((result.relative_risk, interval.low, interval.high))
    return pd.DataFrame(out, columns=["ratio", "ci_low", "ci_high"], dtype=float)


def significant(frame: pd.DataFrame) -> pd.Series:
    """Rows whose interval excludes 1."""
    return (frame["ci_low"] > 1) | (frame["ci_high"] < 1)
