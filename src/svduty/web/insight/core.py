"""Core measures: the latest full quarter against a baseline, with 95% confidence intervals.

Baseline: the mean quarterly count over the first four full quarters of the period (the
partnership's starting point; fewer when the period is shorter, never the latest quarter). The
comparison is a Poisson rate ratio (latest quarter ÷ baseline mean) with a log-Wald interval
(``svduty.analysis.ratios.rate_ratio``); the latest count also gets its exact Poisson interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from scipy.stats import chi2

from svduty.analysis.ratios import rate_ratio

BASELINE_QUARTERS = 4


@dataclass(frozen=True)
class MeasureComparison:
    measure: str
    label: str
    latest_quarter: str
    latest: int
    latest_low: float
    latest_high: float
    baseline_quarters: str
    baseline_mean: float
    ratio: float | None
    ratio_low: float | None
    ratio_high: float | None

    @property
    def verdict(self) -> str:
        """Plain words for the comparison: only a CI clear of 1 counts as a change."""
        if self.ratio is None:
            return "cannot be compared (no events in one of the periods)"
        if self.ratio_low is not None and self.ratio_low > 1:
            return "higher than the baseline"
        if self.ratio_high is not None and self.ratio_high < 1:
            return "lower than the baseline"
        return "no clear change from the baseline"


def poisson_interval(count: int, confidence: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) interval for a Poisson count."""
    alpha = 1 - confidence
    low = 0.0 if count == 0 else chi2.ppf(alpha / 2, 2 * count) / 2
    high = chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    return float(low), float(high)


def compare(frame: pd.DataFrame, measures: dict[str, str]) -> list[MeasureComparison]:
    """Latest full quarter against the mean of the first four full quarters, per measure."""
    if frame.empty or "quarter" not in frame.columns:
        return []
    full = frame[frame["months_in_period"] >= 3] if "months_in_period" in frame else frame
    quarters = min(BASELINE_QUARTERS, len(full) - 1)
    if quarters < 1:
        return []
    baseline = full.head(quarters)
    latest = full.iloc[-1]
    out = []
    for measure, label in measures.items():
        if measure not in frame.columns:
            continue
        count = int(latest[measure])
        total = int(baseline[measure].sum())
        ratio = rate_ratio([count], [1], [total], [quarters]).iloc[0]
        low, high = poisson_interval(count)
        out.append(
            MeasureComparison(
                measure=measure,
                label=label,
                latest_quarter=str(latest["quarter"]),
                latest=count,
                latest_low=low,
                latest_high=high,
                baseline_quarters=f"{baseline.quarter.iloc[0]} to {baseline.quarter.iloc[-1]}",
                baseline_mean=total / quarters,
                ratio=None if pd.isna(ratio.ratio) else float(ratio.ratio),
                ratio_low=None if pd.isna(ratio.ci_low) else float(ratio.ci_low),
                ratio_high=None if pd.isna(ratio.ci_high) else float(ratio.ci_high),
            )
        )
    return out
