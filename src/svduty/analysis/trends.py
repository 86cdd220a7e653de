"""Section 3, trends: monthly series, rolling totals, yearly rates and honest comparisons.

Only equal, complete periods are compared (see ``periods``): a complete year with the year just
before it (year on year) and with the first complete year (the baseline), on calendar or
financial years, whichever basis the data supports better; the latest part year only with the
same months a year earlier. A month with no crime rows (a gap) has no count, not a zero: it
makes its years incomplete and breaks the 12-month rolling total, which is given only where 12
consecutive months hold data.

Rates are per 1,000 residents per year: counts over person-years, the population of each month's
calendar year (nearest year available) for each month that holds data. A change is an exact
Poisson rate ratio (conditional binomial method, see ``rates``); without population the exposure
is months. Seasonality — the mean count in each calendar month over the mean monthly count
(100 = average) — needs :data:`periods.MIN_SEASONALITY_MONTHS` months of data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svduty.analysis import periods
from svduty.analysis.exposure import annual_population, exposure_months, period_months
from svduty.analysis.rates import rate_ratio_frame
from svduty.analysis.result import Finding, SectionResult, SectionTable, times

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from svduty.analysis.context import AnalysisContext

KEY = "trends"
TITLE = "Trends"
ROLLING_MONTHS = 12
#: How a year-on-year change names the years it compares.
CHANGE_BASIS = {
    periods.CALENDAR: "complete calendar years",
    periods.FINANCIAL: "complete financial years, April to March",
}
ANNUAL_NOTES = (
    "Rate per 1,000 residents per year over the months that hold data (population: age band "
    "'all' or the sum of bands, nearest year available). Changes compare complete years only: "
    "on the previous year with the year just before, when both are complete; on the baseline "
    "year with the first complete year. Rate ratios have exact Poisson 95% confidence "
    "intervals (conditional binomial method). A part year or a year with a gap month has "
    "counts and a rate but no change (see the note column)."
)


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
    """The trends section on ``ctx``: see the module docstring and :func:`from_monthly`."""
    months = period_months(ctx)
    if not months:
        return SectionResult.absent(KEY, TITLE, "There is no recorded crime in scope.")
    monthly = monthly_counts(ctx)
    years = sorted({month.year for month in months})
    population = annual_population(ctx, years)
    residents = dict(zip(population.year, population.population, strict=True))
    monthly["person_years"] = [residents.get(m.year, np.nan) / 12 for m in monthly.month]
    sources = dict(zip(population.year, population.population_year, strict=True))
    return from_monthly(monthly, exposure_months(ctx), sources)


def from_monthly(
    monthly: pd.DataFrame, held: list[date], population_year: Mapping[int, int] | None = None
) -> SectionResult:
    """The section from a monthly series: the tables, the commentary and the findings.

    ``monthly`` has ``month`` (every month of the period, in order), ``serious_violence`` and
    ``person_years`` (the month's residents / 12; NaN without population); ``held`` lists the
    months that hold data (any other month is a gap); ``population_year`` maps a calendar year
    to the year its population comes from.
    """
    monthly = _with_gaps(monthly, held)
    spans = periods.analyse(held, list(monthly.month))
    calendar = _years_frame(spans.calendar, monthly)
    calendar.insert(0, "year", [status.period.year for status in spans.calendar])
    source = population_year or {}
    calendar.insert(4, "population_year", [source.get(year, pd.NA) for year in calendar.year])
    financial = _years_frame(spans.financial, monthly)
    financial.insert(0, "financial_year", [status.period.label for status in spans.financial])
    financial.insert(1, "start_year", [status.period.year for status in spans.financial])

    tables = [
        SectionTable(
            "trends_monthly",
            "Serious violence by month, with 12-month rolling totals",
            monthly[["month", "gap", "serious_violence", "rolling_12m"]],
            notes=(
                "A gap month (no crime rows of the source) has no count. The rolling total is "
                "the sum of the 12 months ending in the month, given only when all 12 hold data."
            ),
            count_columns=("serious_violence", "rolling_12m"),
        ),
        SectionTable(
            "trends_annual",
            "Serious violence by calendar year: counts, rates and change",
            calendar,
            notes=ANNUAL_NOTES,
            count_columns=("serious_violence",),
        ),
        SectionTable(
            "trends_financial_years",
            "Serious violence by financial year (April to March): counts, rates and change",
            financial,
            notes=ANNUAL_NOTES,
            count_columns=("serious_violence",),
        ),
    ]
    basis = periods.comparison_basis(spans)
    by_basis = {periods.CALENDAR: calendar, periods.FINANCIAL: financial}
    changes: list[_Change] = []
    commentary = [
        periods.coverage_sentence(spans),
        periods.years_sentence(spans, periods.CALENDAR),
        periods.years_sentence(spans, periods.FINANCIAL),
    ]
    commentary += _year_sentences(spans, basis, by_basis[basis], changes)
    part = _part_year(spans, monthly)
    if part is not None:
        tables.append(part[0])
        changes.append(part[1])
    if spans.part_year is not None:
        commentary.append(periods.part_year_sentence(spans))
        if part is not None:
            commentary += _unless_finding(part[1])
    reason = periods.seasonality_reason(spans.held)
    if reason:
        commentary.append(f"The seasonality index is not shown: {reason}.")
    else:
        tables.append(
            SectionTable(
                "trends_seasonality",
                "Seasonality: month-of-year index (100 = an average month)",
                _seasonality(monthly),
                notes="Months that hold data only: a gap month is left out, not counted as zero.",
                count_columns=("serious_violence",),
            )
        )
    findings = [
        Finding(
            KEY, change.sentence, evidence=change.evidence, effect=times(change.ratio), tested=True
        )
        for change in changes
        if change.significant
    ]
    return SectionResult(KEY, TITLE, tables=tables, findings=findings, commentary=commentary)


# -- tables -------------------------------------------------------------------------------------


def _with_gaps(monthly: pd.DataFrame, held: list[date]) -> pd.DataFrame:
    """Gap months blanked (no count, no person-years) and the 12-month rolling totals."""
    monthly = monthly.copy()
    monthly["gap"] = ~monthly.month.isin(set(held))
    counts = monthly.serious_violence.astype("float64")
    monthly["serious_violence"] = counts.where(~monthly.gap)
    monthly["person_years"] = monthly.person_years.astype("float64").where(~monthly.gap)
    # a window holding a gap is NaN, so a total exists only over 12 months of data
    monthly["rolling_12m"] = monthly.serious_violence.rolling(
        ROLLING_MONTHS, min_periods=ROLLING_MONTHS
    ).sum()
    return monthly


def _years_frame(statuses: tuple[periods.YearStatus, ...], monthly: pd.DataFrame) -> pd.DataFrame:
    """One row per year: months with data, completeness, counts, rates and complete-year change."""
    rows = []
    indexed = monthly.set_index("month")
    for status in statuses:
        inside = indexed.loc[list(status.held)] if status.held else indexed.iloc[:0]
        person_years = inside.person_years.sum(min_count=1) if len(inside) else np.nan
        rows.append(
            {
                "months": len(status.held),
                "complete": status.complete,
                "note": status.note or None,  # an empty cell in XLSX either way
                "serious_violence": int(inside.serious_violence.sum()),
                "population": 12 * person_years / len(inside) if len(inside) else np.nan,
                "person_years": person_years,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=["months", "complete", "note", "serious_violence", "population", "person_years"],
    )
    frame["serious_violence"] = frame.serious_violence.astype("int64")
    frame["rate_per_1000"] = 1000 * frame.serious_violence / frame.person_years
    exposure = _exposure(frame)
    complete = frame.complete.to_numpy(dtype=bool)
    previous = np.zeros(len(frame), dtype=bool)
    previous[1:] = complete[1:] & complete[:-1]
    first = int(np.argmax(complete)) if complete.any() else len(frame)
    reference = {
        "previous": (previous, frame.index - 1),
        "baseline": (complete & (frame.index > first), np.full(len(frame), first)),
    }
    for name, (use, other) in reference.items():
        pairs = list(zip(use, other, strict=True))
        ratios = rate_ratio_frame(
            frame.serious_violence.where(use, 0),
            exposure.where(use, 0.0),
            pd.Series([frame.serious_violence.iloc[o] if u else 0 for u, o in pairs]),
            pd.Series([exposure.iloc[o] if u else 0.0 for u, o in pairs]),
        )
        frame[f"change_pct_vs_{name}"] = (100 * (ratios.rate_ratio - 1)).where(use)
        frame[f"rr_vs_{name}"] = ratios.rate_ratio.where(use)
        frame[f"rr_vs_{name}_ci_low"] = ratios.ci_low.where(use)
        frame[f"rr_vs_{name}_ci_high"] = ratios.ci_high.where(use)
        frame[f"rr_vs_{name}_p"] = ratios.p_value.where(use)
    return frame


def _exposure(frame: pd.DataFrame) -> pd.Series:
    """Person-years, or months without population (a rate per month is still a fair ratio)."""
    return frame.person_years.where(frame.person_years.notna(), frame.months.astype(float))


def _part_year(
    spans: periods.Periods, monthly: pd.DataFrame
) -> tuple[SectionTable, _Change] | None:
    """The latest part year against the same months a year earlier, when both hold data."""
    part = spans.part_year
    if part is None or not part.comparable:
        return None
    indexed = monthly.set_index("month")
    rows = []
    for period in (part.comparator, part.period):
        inside = indexed.loc[list(period.months)]
        rows.append(
            {
                "period": period.words,
                "months": len(period.months),
                "serious_violence": int(inside.serious_violence.sum()),
                "person_years": inside.person_years.sum(min_count=1),
            }
        )
    frame = pd.DataFrame(rows)
    frame["rate_per_1000"] = 1000 * frame.serious_violence / frame.person_years
    exposure = _exposure(frame)
    ratios = rate_ratio_frame(
        frame.serious_violence.iloc[[1]],
        exposure.iloc[[1]],
        frame.serious_violence.iloc[[0]],
        exposure.iloc[[0]],
    ).iloc[0]
    frame["change_pct_vs_year_earlier"] = [np.nan, 100 * (ratios.rate_ratio - 1)]
    frame["rr_vs_year_earlier"] = [np.nan, ratios.rate_ratio]
    frame["rr_vs_year_earlier_ci_low"] = [np.nan, ratios.ci_low]
    frame["rr_vs_year_earlier_ci_high"] = [np.nan, ratios.ci_high]
    frame["rr_vs_year_earlier_p"] = [np.nan, ratios.p_value]
    table = SectionTable(
        "trends_part_year",
        f"The part year {part.period.words} against the same months a year earlier",
        frame,
        notes=(
            "Rate per 1,000 residents per year over the months shown; the rate ratio compares "
            "the part year with the same months a year earlier (exact Poisson 95% CI)."
        ),
        count_columns=("serious_violence",),
    )
    change = _Change(
        now=part.period.words,
        then=part.comparator.words,
        basis="the same months of each year",
        ratio=float(ratios.rate_ratio),
        low=float(ratios.ci_low),
        high=float(ratios.ci_high),
        evidence="trends_part_year",
    )
    return table, change


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


# -- sentences ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    """One comparison of two equal, complete periods, and how to say it."""

    now: str
    then: str
    basis: str
    ratio: float
    low: float
    high: float
    evidence: str

    @property
    def significant(self) -> bool:
        """Does the 95% interval exclude 1?"""
        return not np.isnan(self.low) and not (self.low <= 1 <= self.high)

    @property
    def sentence(self) -> str:
        if np.isnan(self.ratio):
            return (
                f"There is no serious violence in {self.now} or {self.then} to compare "
                f"({self.basis})."
            )
        change = 100 * (self.ratio - 1)
        size = f"{abs(change):.1f}%" if abs(change) < 1 else f"{abs(change):.0f}%"
        numbers = (
            f"{self.basis}; rate ratio {self.ratio:.2f}, 95% CI {self.low:.2f} to {self.high:.2f}"
        )
        if self.significant:
            word = "rose" if change > 0 else "fell"
            return (
                f"The rate of serious violence {word} by {size} in {self.now} compared with "
                f"{self.then} ({numbers})."
            )
        word = "higher" if change > 0 else "lower"
        return (
            f"The rate of serious violence in {self.now} was {size} {word} than in {self.then} "
            f"({numbers}), a difference within what chance alone could explain."
        )


def _year_sentences(
    spans: periods.Periods, basis: str, frame: pd.DataFrame, changes: list[_Change]
) -> list[str]:
    """Year on year and against the baseline on ``basis``; appends each change made."""
    words = CHANGE_BASIS[basis]
    evidence = "trends_annual" if basis == periods.CALENDAR else "trends_financial_years"
    complete = spans.complete(basis)
    labels = [status.period.label for status in spans.years(basis)]
    lines = []
    pair = periods.year_on_year(spans, basis)
    if pair is None:
        lines.append(
            "No year-on-year change is given: the data holds no two consecutive complete "
            "calendar years or financial years."
        )
    else:
        row = labels.index(pair[0].label)
        changes.append(_row_change(frame, row, pair, "previous", words, evidence))
        lines += _unless_finding(changes[-1])
    lines.append(periods.baseline_sentence(spans, basis))
    base = periods.baseline(spans, basis)
    latest = complete[-1] if complete else None
    # against the baseline, unless that is the year-on-year comparison already
    if base is not None and latest not in (None, base) and (pair is None or pair[1] != base):
        row = labels.index(latest.label)
        against = (latest, base)
        changes.append(_row_change(frame, row, against, "baseline", "the baseline", evidence))
        lines += _unless_finding(changes[-1])
    return lines


def _unless_finding(change: _Change) -> list[str]:
    """A change within chance goes in the commentary; a significant one is a finding."""
    return [] if change.significant else [change.sentence]


def _row_change(
    frame: pd.DataFrame,
    row: int,
    pair: tuple[periods.Period, periods.Period],
    name: str,
    basis: str,
    evidence: str,
) -> _Change:
    values = frame.iloc[row]
    return _Change(
        now=pair[0].label,
        then=pair[1].label,
        basis=basis,
        ratio=float(values[f"rr_vs_{name}"]),
        low=float(values[f"rr_vs_{name}_ci_low"]),
        high=float(values[f"rr_vs_{name}_ci_high"]),
        evidence=evidence,
    )
