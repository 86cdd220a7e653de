"""The figures a measure can take from the warehouse, and how each is read per quarter.

Every figure is a column of a table the needs-assessment sections already compute (the same
tables the dashboards show); nothing here counts records itself. A figure is read for the
partnership's definition of serious violence (``insight.defaults.default_definition``) and
for the measure's area (a district code; blank: the whole warehouse, as the dashboards open).

Core measures (the Home Office's, ``core_measures_quarterly``):

- ``homicide``, ``knife_enabled_serious_violence``, ``sharp_object_admissions_under_25``,
  ``sharp_object_admissions_all_ages``: counts per financial-year quarter.

Needs-assessment indicators:

- ``serious_violence``: offences under the local definition per quarter, the sum of the three
  months of ``trends_monthly``; a quarter with a gap month (no crime rows) has no figure;
- ``knife_rate_per_100k``: knife-enabled serious violence per 100,000 residents a year
  (``core_measures_knife_rate``; complete quarters only);
- ``sharp_object_admissions_0_17``, ``_18_24``, ``_25_plus``: sharp-object admissions by age
  band (``core_measures_sharp_object_admissions``).

Only quarters the period covers in full (``months_in_period`` of 3) have a figure, as the core
measures dashboard compares only full quarters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from svduty.reports.charts import CORE_MEASURES
from svduty.web.common.periods import FinancialQuarter

FULL_QUARTER = 3


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    section: str
    table: str
    column: str
    monthly: bool = False


CORE_INDICATORS = {
    key: Indicator(key, label, "core_measures", "core_measures_quarterly", key)
    for key, label in CORE_MEASURES.items()
}
WAREHOUSE_INDICATORS = {
    indicator.key: indicator
    for indicator in (
        Indicator(
            "serious_violence",
            "Serious violence under the local definition (offences)",
            "trends",
            "trends_monthly",
            "serious_violence",
            monthly=True,
        ),
        Indicator(
            "knife_rate_per_100k",
            "Knife-enabled serious violence per 100,000 residents a year",
            "core_measures",
            "core_measures_knife_rate",
            "rate_per_100k_a_year",
        ),
        Indicator(
            "sharp_object_admissions_0_17",
            "Sharp-object admissions, aged 0 to 17",
            "core_measures",
            "core_measures_sharp_object_admissions",
            "aged_0_17",
        ),
        Indicator(
            "sharp_object_admissions_18_24",
            "Sharp-object admissions, aged 18 to 24",
            "core_measures",
            "core_measures_sharp_object_admissions",
            "aged_18_24",
        ),
        Indicator(
            "sharp_object_admissions_25_plus",
            "Sharp-object admissions, aged 25 and over",
            "core_measures",
            "core_measures_sharp_object_admissions",
            "aged_25_plus",
        ),
    )
}
INDICATORS = {**CORE_INDICATORS, **WAREHOUSE_INDICATORS}


def choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form's select."""
    return [
        ("Home Office core measures", [(i.key, i.label) for i in CORE_INDICATORS.values()]),
        ("Needs-assessment indicators", [(i.key, i.label) for i in WAREHOUSE_INDICATORS.values()]),
    ]


def _number(value) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def quarterly_values(indicator: Indicator, frame: pd.DataFrame) -> dict[FinancialQuarter, float]:
    """The indicator's figure for each full quarter of a section table."""
    if indicator.column not in frame.columns:
        return {}
    if indicator.monthly:
        return _from_months(indicator, frame)
    out: dict[FinancialQuarter, float] = {}
    for row in frame.itertuples(index=False):
        if getattr(row, "months_in_period", FULL_QUARTER) < FULL_QUARTER:
            continue
        value = _number(getattr(row, indicator.column))
        if value is not None:
            out[FinancialQuarter.of(pd.Timestamp(row.quarter_start).date())] = value
    return out


def _from_months(indicator: Indicator, frame: pd.DataFrame) -> dict[FinancialQuarter, float]:
    """Sum three months into each quarter; a gap or missing month leaves the quarter out."""
    months: dict[FinancialQuarter, list[float | None]] = {}
    for row in frame.itertuples(index=False):
        value = (
            None if bool(getattr(row, "gap", False)) else _number(getattr(row, indicator.column))
        )
        months.setdefault(FinancialQuarter.of(pd.Timestamp(row.month).date()), []).append(value)
    return {
        quarter: sum(values)  # type: ignore[arg-type]
        for quarter, values in months.items()
        if len(values) == FULL_QUARTER and all(v is not None for v in values)
    }
