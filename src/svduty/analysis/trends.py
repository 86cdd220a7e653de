"""Section 3, trends: monthly series, rolling totals, annual rates and change with exact CIs.

Annual rates are per 1,000 residents per year: counts over person-years (a part year counts
for the months of it in the period). Change against the previous year and against the baseline
(first) year is an exact Poisson rate ratio (conditional binomial method, see ``rates``).
Seasonality is the mean count in each calendar month over the mean monthly count (100 = average).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svduty.analysis.exposure import annual_population, months_per_year, period_months
from svduty.analysis.rates import rate_ratio_frame
from svduty.analysis.result import Finding, SectionResult, SectionTable

if TYPE_CHECKING:
    from svduty.analysis.context import AnalysisContext

KEY = "trends"
TITLE = "Trends"


def monthly_counts(ctx: AnalysisContext) -> pd.DataFrame:
    """``month, serious_violence`` for every month of the period (zeros included)."""
    months = period_months(ctx)
    serious = ctx.serious_violence
    counts = (
        serious.group_by(month=serious.occurred_month)
        .aggregate(serious_violence=serious.count())
        .to_pandas()
    )
    counts["month"] = pd.to_datetime(counts["month"]).dt.date
    frame = pd.DataFrame({"month": months}).merge(counts, on="month", how="left")
    frame["serious_violence"] = frame["serious_violence"].fillna(0).astype("int64")
    return frame


def compute(ctx: AnalysisContext) -> SectionResult:
    months = period_months(ctx)
    if not months:
        return SectionResult.absent(KEY, TITLE, "There is no recorded crime in scope.")
    monthly = monthly_counts(ctx)
    monthly["rolling_12m"] = monthly.serious_violence.rolling(12, min_periods=12).sum()

    covered = months_per_year(months)
    monthly["year"] = [month.year for month in monthly.month]
    annual = monthly.groupby("year", as_index=False).serious_violence.sum()
    annual["months"] = annual.year.map(covered).astype("int64")
    population = annual_population(ctx, list(annual.year))
    if population.empty:
        annual["population"] = np.nan
        annual["population_year"] = pd.NA
    else:
        annual = annual.merge(population, on="year", how="left")
    annual["person_years"] = annual.population * annual.months / 12
    annual["rate_per_1000"] = 1000 * annual.serious_violence / annual.person_years
    # without population the exposure is months (a rate per month), still a fair comparison
    exposure = annual.person_years.where(annual.person_years.notna(), annual.months.astype(float))
    previous = rate_ratio_frame(
        annual.serious_violence,
        exposure,
        annual.serious_violence.shift(1).fillna(0),
        exposure.shift(1).fillna(0),
    )
    baseline = rate_ratio_frame(
        annual.serious_violence,
        exposure,
        pd.Series(annual.serious_violence.iloc[0], index=annual.index),
        pd.Series(exposure.iloc[0], index=annual.index),
    )
    for name, ratios in (("previous", previous), ("baseline", baseline)):
        annual[f"change_pct_vs_{name}"] = 100 * (ratios.rate_ratio - 1)
        annual[f"rr_vs_{name}"] = ratios.rate_ratio
        annual[f"rr_vs_{name}_ci_low"] = ratios.ci_low
        annual[f"rr_vs_{name}_ci_high"] = ratios.ci_high
        annual[f"rr_vs_{name}_p"] = ratios.p_value
    first = annual.index[0]
    for column in [c for c in annual.columns if c.endswith("_vs_previous") or "_vs_previous_" in c]:
        annual.loc[first, column] = np.nan
    for column in [c for c in annual.columns if c.endswith("_vs_baseline") or "_vs_baseline_" in c]:
        annual.loc[first, column] = np.nan

    seasonality = _seasonality(monthly)
    tables = [
        SectionTable(
            "trends_monthly",
            "Serious violence by month, with 12-month rolling totals",
            monthly[["month", "serious_violence", "rolling_12m"]],
            notes="The rolling total is the sum of the 12 months ending in the month.",
            count_columns=("serious_violence", "rolling_12m"),
        ),
        SectionTable(
            "trends_annual",
            "Serious violence by year: counts, rates and change",
            annual[
                [
                    "year",
                    "months",
                    "serious_violence",
                    "population",
                    "population_year",
                    "person_years",
                    "rate_per_1000",
                    *[c for c in annual.columns if "_vs_" in c],
                ]
            ],
            notes=(
                "Rate per 1,000 residents per year (population: age band 'all' or the sum of "
                "bands, nearest year available). Rate ratios compare rates with exact Poisson "
                "95% confidence intervals (conditional binomial method); a part year is "
                "compared by its rate."
            ),
            count_columns=("serious_violence",),
        ),
        SectionTable(
            "trends_seasonality",
            "Seasonality: month-of-year index (100 = an average month)",
            seasonality,
            count_columns=("serious_violence",),
        ),
    ]
    findings = _findings(annual)
    return SectionResult(KEY, TITLE, tables=tables, findings=findings)


def _seasonality(monthly: pd.DataFrame) -> pd.DataFrame:
    frame = monthly.assign(month_of_year=[month.month for month in monthly.month])
    grouped = frame.groupby("month_of_year").serious_violence.agg(["sum", "count"])
    grouped = grouped.reindex(range(1, 13))
    mean_month = frame.serious_violence.mean()
    result = pd.DataFrame(
        {
            "month_of_year": range(1, 13),
            "serious_violence": grouped["sum"].fillna(0).astype("int64").values,
            "months_observed": grouped["count"].fillna(0).astype("int64").values,
        }
    )
    result["mean_per_month"] = result.serious_violence / result.months_observed.where(
        result.months_observed > 0
    )
    result["index"] = 100 * result.mean_per_month / mean_month if mean_month else np.nan
    return result


def _findings(annual: pd.DataFrame) -> list[Finding]:
    if len(annual) < 2:
        return []
    last = annual.iloc[-1]
    findings = []
    for name, label in (
        ("previous", f"{int(last.year) - 1}"),
        ("baseline", str(annual.year.iloc[0])),
    ):
        if name == "baseline" and len(annual) < 3:
            continue
        low, high = last[f"rr_vs_{name}_ci_low"], last[f"rr_vs_{name}_ci_high"]
        if np.isnan(low) or (low <= 1 <= high):
            continue  # not significant: no finding
        change = last[f"change_pct_vs_{name}"]
        word = "rose" if change > 0 else "fell"
        findings.append(
            Finding(
                KEY,
                f"The rate of serious violence {word} by {abs(change):.0f}% in {int(last.year)} "
                f"compared with {label} (rate ratio {last[f'rr_vs_{name}']:.2f}, "
                f"95% CI {low:.2f} to {high:.2f}).",
                evidence="trends_annual",
            )
        )
    return findings
