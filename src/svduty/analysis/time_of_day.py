"""Section 7, time: when serious violence happens — hour by weekday, month of year, and the
night-time economy window.

The month-of-year pattern (seasonality) is shown only when at least
:data:`periods.MIN_SEASONALITY_MONTHS` months hold data, so every calendar month is seen at least
twice; its mean per month divides by the months that hold data (a gap month is not a zero).

The night-time economy (NTE) window is Friday 22:00 to Saturday 02:59 and Saturday 22:00 to
Sunday 02:59 (the early hours belong to the night before): 10 of the 168 hours of a week. Its rate
ratio compares crimes per hour-of-the-week inside the window with the rest of the week.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis import periods
from svduty.analysis.exposure import exposure_months
from svduty.analysis.ratios import rate_ratio
from svduty.analysis.result import Finding, SectionResult, SectionTable, times

if TYPE_CHECKING:
    from datetime import date

    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

KEY = "time"
TITLE = "Time of day, week and year"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
FRIDAY, SATURDAY, SUNDAY = 4, 5, 6  # Ibis day_of_week.index(): Monday = 0
NTE_START_HOUR, NTE_END_HOUR = 22, 3  # 22:00 to 02:59
NTE_HOURS_PER_WEEK = 2 * ((24 - NTE_START_HOUR) + NTE_END_HOUR)
HOURS_PER_WEEK = 7 * 24
NTE_DEFINITION = (
    "Night-time economy window: Friday 22:00 to Saturday 02:59 and Saturday 22:00 to Sunday "
    f"02:59 ({NTE_HOURS_PER_WEEK} of the {HOURS_PER_WEEK} hours of a week), by the crime's "
    "recorded start time."
)


def in_nte_window(when: ir.TimestampValue) -> ir.BooleanValue:
    """Is ``when`` in the night-time economy window (see the module docstring)?"""
    day = when.day_of_week.index()
    hour = when.hour()
    late = hour >= NTE_START_HOUR
    early = hour < NTE_END_HOUR
    return (
        ((day == FRIDAY) & late) | ((day == SATURDAY) & (late | early)) | ((day == SUNDAY) & early)
    )


def compute(ctx: AnalysisContext) -> SectionResult:
    """Hour × weekday heat map, month of year and the night-time economy share and rate ratio."""
    sv = ctx.serious_violence
    if not int(sv.count().execute()):
        return SectionResult.absent(KEY, TITLE, "There is no serious violence in scope.")
    result = SectionResult(key=KEY, title=TITLE)
    held = exposure_months(ctx)
    reason = periods.seasonality_reason(held)
    if reason:
        result.commentary.append(f"The month-of-year pattern is not shown: {reason}.")
    else:
        result.tables.append(_month_of_year(sv, held))
    timed = sv.filter(sv.occurred_at.notnull())
    heat = _hour_weekday(timed)
    if heat is None:
        result.commentary.append(
            "No serious-violence record carries a time of day, so the hour-by-weekday and "
            "night-time economy tables cannot be produced."
        )
        return result
    result.tables.append(heat)
    nte = _night_time_economy(timed, heat.frame["crimes"].sum())
    result.tables.append(nte)
    row = nte.frame.iloc[0]
    if row["ci_low"] > 1:
        result.findings.append(
            Finding(
                section=KEY,
                text=(
                    f"{row['share']:.0%} of serious violence with a known time happened in the "
                    f"night-time economy window (Friday and Saturday 22:00-03:00), "
                    f"{NTE_HOURS_PER_WEEK / HOURS_PER_WEEK:.0%} of the week's hours: "
                    f"{row['ratio']:.1f} times the hourly rate of other hours."
                ),
                evidence=(
                    f"rate ratio {row['ratio']:.2f}, 95% CI {row['ci_low']:.2f} to "
                    f"{row['ci_high']:.2f}"
                ),
                effect=times(row["ratio"]),
                tested=True,
            )
        )
    return result


def hour_weekday_counts(table: ir.Table, when: ir.TimestampValue, name: str) -> pd.DataFrame:
    """Rows of ``table`` counted by weekday and hour of ``when``: all 168 hours of the week,
    zero where nothing happened (``weekday_index`` 0 is Monday)."""
    counts = (
        table.group_by(weekday_index=when.day_of_week.index(), hour=when.hour())
        .aggregate(**{name: table.count()})
        .to_pandas()
    )
    grid = pd.MultiIndex.from_product([range(7), range(24)], names=["weekday_index", "hour"])
    frame = (
        counts.astype({"weekday_index": "int64", "hour": "int64"})
        .set_index(["weekday_index", "hour"])
        .reindex(grid, fill_value=0)
        .reset_index()
    )
    frame[name] = frame[name].astype("int64")
    frame.insert(1, "weekday", [WEEKDAYS[i] for i in frame.weekday_index])
    return frame


def _hour_weekday(timed: ir.Table) -> SectionTable | None:
    frame = hour_weekday_counts(timed, timed.occurred_at, "crimes")
    if not frame.crimes.sum():
        return None
    frame["share"] = frame.crimes / frame.crimes.sum()
    return SectionTable(
        name="time_hour_weekday",
        title="Serious violence by hour of day and day of week",
        frame=frame,
        notes=(
            "Crimes with a recorded time only, by the hour of the recorded start time; "
            "weekday number 0 is Monday. Every hour of the week is listed, "
            "with zero where nothing happened."
        ),
        count_columns=("crimes",),
    )


def _month_of_year(sv: ir.Table, held: list[date]) -> SectionTable:
    counts = sv.group_by(month=sv.occurred_month.month()).aggregate(crimes=sv.count()).to_pandas()
    frame = pd.DataFrame({"month": range(1, 13)}).merge(
        counts.astype({"month": "int64"}), on="month", how="left"
    )
    frame["crimes"] = frame.crimes.fillna(0).astype("int64")
    frame.insert(1, "month_name", MONTHS)
    seen = Counter(month.month for month in held)
    frame["months_with_data"] = [seen.get(m, 0) for m in frame.month]
    frame["mean_per_month"] = frame.crimes / frame.months_with_data.where(
        frame.months_with_data > 0
    )
    return SectionTable(
        name="time_month_of_year",
        title="Serious violence by month of the year",
        frame=frame,
        notes=(
            "All serious violence in scope by calendar month of occurrence; mean_per_month "
            "divides by how many times that month holds data in the period, so a period that is "
            "not whole years, or a gap month, does not bias the seasonal pattern. Shown only "
            f"with at least {periods.MIN_SEASONALITY_MONTHS} months of data."
        ),
        count_columns=("crimes",),
    )


def _night_time_economy(timed: ir.Table, total: int) -> SectionTable:
    inside = int(timed.filter(in_nte_window(timed.occurred_at)).count().execute())
    outside = int(total) - inside
    frame = pd.DataFrame(
        {
            "window": ["night-time economy", "other hours"],
            "crimes": [inside, outside],
            "hours_per_week": [NTE_HOURS_PER_WEEK, HOURS_PER_WEEK - NTE_HOURS_PER_WEEK],
        }
    )
    frame["share"] = frame.crimes / total if total else float("nan")
    frame["crimes_per_weekly_hour"] = frame.crimes / frame.hours_per_week
    ratios = rate_ratio(
        [inside, outside],
        [NTE_HOURS_PER_WEEK, HOURS_PER_WEEK - NTE_HOURS_PER_WEEK],
        [outside, inside],
        [HOURS_PER_WEEK - NTE_HOURS_PER_WEEK, NTE_HOURS_PER_WEEK],
    )
    frame = pd.concat([frame, ratios], axis=1)
    return SectionTable(
        name="time_night_time_economy",
        title="Serious violence in the night-time economy window",
        frame=frame,
        notes=(
            f"{NTE_DEFINITION} Crimes with a recorded time only. The ratio compares crimes per "
            "hour of the week in the window with the other hours (each row against the other); "
            "95% CI by the log (Wald) method for a ratio of two Poisson rates."
        ),
        count_columns=("crimes",),
    )
