"""Section 11, core measures: the Home Office Serious Violence Duty / VRU primary measures by
financial-year quarter (April-June is Q1, as the Home Office reports).

These are national measures, the same whatever the local definition: homicide (Home Office codes
1, 4/1, 4/2, 4/10 or the merged homicide code), knife-enabled serious violence (an ONS knife
"selected offence" with the knife flag set) and hospital admissions for assault with a sharp
object (ICD-10 X99 only; W25-W26, X78 and Y28 are never counted), under 25 and all ages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis.bands import UNDER_25
from svduty.analysis.exposure import period_months
from svduty.analysis.result import SectionResult, SectionTable
from svduty.reference import (
    HOMICIDE_COMPONENTS,
    MERGED_HOMICIDE,
    SHARP_OBJECT_ASSAULT,
    knife_selected_codes,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

KEY = "core_measures"
TITLE = "Core measures"
HOMICIDE_CODES = (*HOMICIDE_COMPONENTS, MERGED_HOMICIDE)
POLICE_MEASURES = ("homicide", "knife_enabled_serious_violence")
HEALTH_MEASURES = ("sharp_object_admissions_under_25", "sharp_object_admissions_all_ages")


def financial_quarter_start(when: ir.DateValue) -> ir.DateValue:
    """First day of the financial-year quarter (Apr, Jul, Oct, Jan) that ``when`` falls in."""
    month = when.cast("date").truncate("M")
    return month - (((when.month() - 4) % 3 + 3) % 3).as_interval("M")


def quarter_label(start: pd.Timestamp) -> str:
    """``2023-04-01`` → ``2023/24 Q1``; ``2024-01-01`` → ``2023/24 Q4``."""
    year = start.year if start.month >= 4 else start.year - 1
    return f"{year}/{(year + 1) % 100:02d} Q{(start.month - 4) % 12 // 3 + 1}"


def compute(ctx: AnalysisContext) -> SectionResult:
    """Quarterly homicide, knife-enabled serious violence and X99 admissions."""
    police = _police_counts(ctx)
    health = _admission_counts(ctx) if ctx.has_rows("hospital_admissions") else None
    if police is None and health is None:
        return SectionResult.absent(
            KEY,
            TITLE,
            "Neither force crime records with offence codes nor hospital admissions are in "
            "scope, so no core measure can be counted.",
        )
    quarters = _quarters(ctx, [part for part in (police, health) if part is not None])
    frame = pd.DataFrame({"quarter_start": quarters})
    notes = [
        "Financial-year quarters (April-June is Q1). Homicide: Home Office codes 1, 4/1, 4/2, "
        "4/10. Knife-enabled serious violence: ONS knife selected offences with the knife flag "
        "set, whatever the local definition. Sharp-object admissions: ICD-10 X99 (assault by "
        "sharp object) by admission date, residents of the area; under 25 is age at admission. "
        "months_in_period below 3 marks a quarter the period only partly covers."
    ]
    for part, measures in ((police, POLICE_MEASURES), (health, HEALTH_MEASURES)):
        if part is None:
            continue
        frame = frame.merge(part, on="quarter_start", how="left")
        for measure in measures:
            frame[measure] = frame[measure].fillna(0).astype("int64")
    if police is None:
        notes.append("Police measures are absent: no force crime records with offence codes.")
    if health is None:
        notes.append("Admission measures are absent: no hospital admissions were imported.")
    frame.insert(0, "quarter", [quarter_label(pd.Timestamp(q)) for q in frame.quarter_start])
    frame.insert(2, "months_in_period", _months_in_quarters(ctx, frame.quarter_start))
    frame["quarter_start"] = pd.to_datetime(frame.quarter_start).dt.date
    counts = tuple(m for m in (*POLICE_MEASURES, *HEALTH_MEASURES) if m in frame.columns)
    result = SectionResult(key=KEY, title=TITLE)
    result.tables.append(
        SectionTable(
            name="core_measures_quarterly",
            title="Core measures by financial-year quarter",
            frame=frame,
            notes=" ".join(notes),
            count_columns=counts,
        )
    )
    return result


def _police_counts(ctx: AnalysisContext) -> pd.DataFrame | None:
    if ctx.scope.definition.proxy:
        return None
    crimes = ctx.crimes
    coded = crimes.filter(crimes.ho_code.notnull())
    if not int(coded.count().execute()):
        return None
    knife = coded.knife.fill_null(False) & coded.ho_code.isin(sorted(knife_selected_codes()))
    coded = coded.mutate(
        quarter_start=financial_quarter_start(coded.occurred_month),
        is_homicide=coded.ho_code.isin(list(HOMICIDE_CODES)).cast("int64"),
        is_knife=knife.cast("int64"),
    )
    frame = (
        coded.group_by("quarter_start")
        .aggregate(
            homicide=coded.is_homicide.sum(), knife_enabled_serious_violence=coded.is_knife.sum()
        )
        .to_pandas()
    )
    frame["quarter_start"] = pd.to_datetime(frame.quarter_start)
    return frame


def _admission_counts(ctx: AnalysisContext) -> pd.DataFrame | None:
    adm = ctx.in_scope(ctx.con.table("hospital_admissions"), "admission_date", "residence_lsoa")
    sharp = adm.filter(adm.icd10_cause.upper().substr(0, 3) == SHARP_OBJECT_ASSAULT)
    sharp = sharp.mutate(
        quarter_start=financial_quarter_start(sharp.admission_date),
        young=(sharp.age < UNDER_25).fill_null(False).cast("int64"),
    )
    frame = (
        sharp.group_by("quarter_start")
        .aggregate(
            sharp_object_admissions_under_25=sharp.young.sum(),
            sharp_object_admissions_all_ages=sharp.count(),
        )
        .to_pandas()
    )
    if frame.empty and not int(adm.count().execute()):
        return None
    frame["quarter_start"] = pd.to_datetime(frame.quarter_start)
    return frame


def _quarters(ctx: AnalysisContext, parts: list[pd.DataFrame]) -> list[pd.Timestamp]:
    """Every quarter from the first to the last in scope, so empty quarters show as zero."""
    starts = [q for part in parts for q in part.quarter_start]
    period = ctx.period
    if period is not None:
        starts += [_quarter_of(pd.Timestamp(period[0])), _quarter_of(pd.Timestamp(period[1]))]
    if ctx.scope.start_month is not None:
        starts.append(_quarter_of(pd.Timestamp(ctx.scope.start_month)))
    if ctx.scope.end_month is not None:
        starts.append(_quarter_of(pd.Timestamp(ctx.scope.end_month)))
    if not starts:
        return []
    return list(pd.date_range(min(starts), max(starts), freq="3MS"))


def _months_in_quarters(ctx: AnalysisContext, starts: pd.Series) -> list[int]:
    """How many months of each quarter the period covers (3 unless the period cuts it)."""
    months = period_months(ctx)
    if not months:
        return [3] * len(starts)
    quarters = pd.Series([_quarter_of(pd.Timestamp(month)) for month in months]).value_counts()
    return [int(quarters.get(pd.Timestamp(start), 0)) for start in starts]


def _quarter_of(month: pd.Timestamp) -> pd.Timestamp:
    offset = (month.month - 4) % 3
    return (month - pd.DateOffset(months=offset)).normalize().replace(day=1)
