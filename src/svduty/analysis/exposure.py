"""Residents and person-years at risk by LSOA, for rates per 1,000 residents.

The population of an LSOA in a year is its ``age_band = 'all'`` row (sex and ethnicity ``all``)
or, when a source gives only bands, the sum of its age rows with sex and ethnicity ``all``. A year
with no population uses the nearest year that has one (ties: the earlier year), because
estimates lag the crime data. Person-years weight each year by the months of it in the period, so
a part year is not compared with a whole one.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

ALL = "all"


def period_months(ctx: AnalysisContext) -> list[date]:
    """Every month of the assessment: the scope's months, else the months crime covers."""
    start, end = ctx.scope.start_month, ctx.scope.end_month
    if start is None or end is None:
        covered = ctx.period
        if covered is None:
            return []
        start = start or covered[0]
        end = end or covered[1]
    months = pd.date_range(start, end, freq="MS")
    return [stamp.date() for stamp in months]


def exposure_months(ctx: AnalysisContext) -> list[date]:
    """The period's months that hold recorded crime in scope: the months a rate is over.

    A month with no crime rows is a gap in the data (the scope section flags it), not a month
    without violence, so its residents are not at risk in the denominator: counting them would
    understate every rate by the gap's share of the period.
    """
    crimes = ctx.crimes
    held = crimes.select(month=crimes.occurred_month.cast("date")).distinct().to_pandas()
    present = {pd.Timestamp(month).date() for month in held.month}
    return [month for month in period_months(ctx) if month in present]


def months_per_year(months: list[date]) -> dict[int, int]:
    """How many months of each calendar year the period covers."""
    counts: dict[int, int] = {}
    for month in months:
        counts[month.year] = counts.get(month.year, 0) + 1
    return counts


def lsoa_population(ctx: AnalysisContext) -> ir.Table | None:
    """``area_code, year, population`` per LSOA in the area and year, or None without data."""
    if not ctx.has_rows("population"):
        return None
    pop = ctx.in_scope(ctx.con.table("population"), None, "area_code")
    both_all = (pop.sex == ALL) & (pop.ethnicity == ALL)
    # A source split by age, sex and ethnicity with no "all" rows (svduty synth's long layout)
    # gives its finest cells: their sum is the whole population.
    finest = (pop.age_band != ALL) & (pop.sex != ALL) & (pop.ethnicity != ALL)
    totals = pop.group_by(["area_code", "year"]).aggregate(
        whole=pop.population.sum(where=both_all & (pop.age_band == ALL)),
        bands=pop.population.sum(where=both_all & (pop.age_band != ALL)),
        cells=pop.population.sum(where=finest),
    )
    population = totals.whole.coalesce(totals.bands, totals.cells).cast("float64")
    return totals.select("area_code", "year", population=population)


def nearest_year(available: list[int], wanted: int) -> int:
    """The available year closest to ``wanted`` (the earlier one on a tie)."""
    return min(available, key=lambda year: (abs(year - wanted), year))


def lsoa_person_years_by_year(ctx: AnalysisContext, months: list[date]) -> pd.DataFrame:
    """``lsoa_code, year, population, person_years`` per year of ``months`` (nearest year rule)."""
    columns = ["lsoa_code", "year", "population", "person_years"]
    table = lsoa_population(ctx)
    if table is None or not months:
        return pd.DataFrame(columns=columns)
    frame = table.to_pandas()  # one row per LSOA-year: small
    frame = frame[frame.population.notna()]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    available = sorted(int(year) for year in frame.year.unique())
    wide = frame.pivot_table(index="area_code", columns="year", values="population", aggfunc="sum")
    parts = []
    for year, count in months_per_year(months).items():
        population = wide[nearest_year(available, year)].fillna(0.0)
        parts.append(
            pd.DataFrame(
                {
                    "lsoa_code": wide.index.to_numpy(),
                    "year": year,
                    "population": population.to_numpy(),
                    "person_years": population.to_numpy() * count / 12,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)[columns]


def lsoa_person_years(ctx: AnalysisContext, months: list[date]) -> pd.DataFrame:
    """``lsoa_code, person_years, population`` over ``months`` (empty without population).

    ``population`` is the LSOA's residents in the period's last year (nearest year rule).
    """
    by_year = lsoa_person_years_by_year(ctx, months)
    if by_year.empty:
        return pd.DataFrame(columns=["lsoa_code", "person_years", "population"])
    last = by_year[by_year.year == by_year.year.max()].set_index("lsoa_code").population
    total = by_year.groupby("lsoa_code").person_years.sum()
    return pd.DataFrame(
        {
            "lsoa_code": total.index,
            "person_years": total.to_numpy(),
            "population": last.reindex(total.index).to_numpy(),
        }
    ).reset_index(drop=True)


def annual_population(ctx: AnalysisContext, years: list[int]) -> pd.DataFrame:
    """``year, population, population_year`` for the area (nearest available year each)."""
    columns = ["year", "population", "population_year"]
    table = lsoa_population(ctx)
    if table is None or not years:
        return pd.DataFrame(columns=columns)
    totals = table.group_by("year").aggregate(population=table.population.sum()).to_pandas()
    totals = totals[totals.population > 0]
    if totals.empty:
        return pd.DataFrame(columns=columns)
    by_year = dict(zip(totals.year.astype(int), totals.population, strict=True))
    rows = []
    for year in years:
        source = nearest_year(sorted(by_year), year)
        rows.append((year, float(by_year[source]), source))
    return pd.DataFrame(rows, columns=columns)
