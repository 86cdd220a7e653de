"""Resident population by age band, sex or ethnicity, for rates and disproportionality.

The ``population`` table may hold several layers at once (fine cells by age, sex and ethnicity,
single years of age with sex and ethnicity ``all``, totals ``all``). Summing every row would count
people twice, so for each breakdown one layer is chosen: the rows broken down by that dimension
with the other two at ``all`` if there are any, otherwise the finest layer there is. Single years of
age are summed into the report bands; a layer whose age groups straddle a band cannot be used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

import pandas as pd

if TYPE_CHECKING:
    from svduty.analysis.context import AnalysisContext

from svduty.analysis.exposure import months_per_year, nearest_year
from svduty.reference import AGE_BANDS

Dimension = Literal["age_band", "sex", "ethnicity"]
ALL = "all"
_DIMENSIONS: tuple[str, ...] = ("age_band", "sex", "ethnicity")


@dataclass(frozen=True)
class Residents:
    """Residents per year (rows) and group of one dimension (columns)."""

    dimension: str
    per_year: pd.DataFrame

    def regroup(self, dimension: str, groups: dict[str, str]) -> Residents:
        """The same residents under coarser groups (``groups`` maps old label → new label)."""
        per_year = self.per_year.T.groupby(lambda label: groups[label]).sum().T
        return Residents(dimension=dimension, per_year=per_year)

    def person_years(self, months: list[date]) -> pd.Series:
        """Person-years per group over ``months``: each calendar year of the period takes the
        population of the nearest year that has one (the earlier on a tie, as in
        :mod:`svduty.analysis.exposure`), weighted by its months in the period ÷ 12."""
        available = sorted(int(year) for year in self.per_year.index)
        total = pd.Series(0.0, index=self.per_year.columns)
        for year, count in months_per_year(months).items():
            total = total + self.per_year.loc[nearest_year(available, year)] * count / 12
        return total


def population_frame(ctx: AnalysisContext) -> pd.DataFrame:
    """Population of the scope's area summed over its LSOAs: one small row per (year, age_band,
    age_min, age_max, sex, ethnicity)."""
    if not ctx.has_rows("population"):
        return pd.DataFrame()
    pop = ctx.in_scope(ctx.con.table("population"), None, "area_code")
    return (
        pop.group_by(["year", "age_band", "age_min", "age_max", "sex", "ethnicity"])
        .aggregate(population=pop.population.sum())
        .to_pandas()
    )


def residents_by(frame: pd.DataFrame, dimension: Dimension) -> Residents | None:
    """Residents per year and group of ``dimension``, or None when the population lacks it."""
    if frame.empty:
        return None
    others = [d for d in _DIMENSIONS if d != dimension]
    rows = frame[frame[dimension] != ALL]
    if rows.empty:
        return None
    # prefer the layer with the other dimensions at "all", then the finest one
    for first_all, second_all in ((True, True), (True, False), (False, True), (False, False)):
        layer = rows[
            ((rows[others[0]] == ALL) == first_all) & ((rows[others[1]] == ALL) == second_all)
        ]
        if not layer.empty:
            break
    layer = layer.copy()
    if dimension == "age_band":
        layer["group"] = [
            _band(lo, hi) for lo, hi in zip(layer.age_min, layer.age_max, strict=True)
        ]
        if layer["group"].isna().any():
            return None
    else:
        layer["group"] = layer[dimension]
    layer["year"] = layer["year"].astype("int64")
    per_year = layer.pivot_table(
        index="year", columns="group", values="population", aggfunc="sum", fill_value=0
    ).astype(float)
    return Residents(dimension=dimension, per_year=per_year)


def _band(age_min: object, age_max: object) -> str | None:
    if age_min is None or pd.isna(age_min):
        return None
    for band in AGE_BANDS:
        low_ok = int(age_min) >= band.min_age
        if band.max_age is None:
            high_ok = True
        else:
            high_ok = age_max is not None and not pd.isna(age_max) and int(age_max) <= band.max_age
        if low_ok and high_ok:
            return band.label
    return None
