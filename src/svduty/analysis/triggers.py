"""Section 10, case-study triggers: life-course events by age at event, and the ages at which
each trigger peaks (Warwickshire's case-study method).

Case-study events carry an age, not a date or place, so the scope's period and area do not
apply: every imported case review counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis.result import Finding, SectionResult, SectionTable

if TYPE_CHECKING:
    from svduty.analysis.context import AnalysisContext

KEY = "triggers"
TITLE = "Case-study triggers"
#: a peak-age finding needs at least this many events of the type
FINDING_MIN_EVENTS = 10


def compute(ctx: AnalysisContext) -> SectionResult:
    """Event type × age heat-map table and each event type's peak (mode), median and IQR age."""
    if not ctx.has_rows("case_study_events"):
        return SectionResult.absent(KEY, TITLE, "No case-study events were imported.")
    events = ctx.con.table("case_study_events")
    counts = (
        events.group_by(["event_type", "age_at_event"])
        .aggregate(events=events.count())
        .to_pandas()
        .astype({"age_at_event": "int64", "events": "int64"})
    )
    stats = (
        events.group_by("event_type")
        .aggregate(
            events=events.count(),
            cases=events.case_key.nunique(),
            median_age=events.age_at_event.cast("float64").quantile(0.5),
            q1_age=events.age_at_event.cast("float64").quantile(0.25),
            q3_age=events.age_at_event.cast("float64").quantile(0.75),
        )
        .to_pandas()
    )
    result = SectionResult(key=KEY, title=TITLE)
    result.tables.append(_heat_map(counts))
    peaks = _peaks(counts, stats)
    result.tables.append(peaks)
    total_cases = int(events.case_key.nunique().execute())
    finding = _peak_finding(peaks.frame, total_cases)
    if finding is not None:
        result.findings.append(finding)
    return result


def _peak_finding(frame: pd.DataFrame, total_cases: int) -> Finding | None:
    """One sentence listing the peak age of every trigger seen often enough, youngest first."""
    common = frame[frame.events >= FINDING_MIN_EVENTS].sort_values(["mode_age", "median_age"])
    if common.empty:
        return None
    parts = [f"{row.event_type.replace('_', ' ')} at {row.mode_age}" for row in common.itertuples()]
    return Finding(
        section=KEY,
        text=f"In case reviews, the triggers peaked at these ages: {'; '.join(parts)}.",
        evidence=(
            f"{total_cases} cases; peak = most common age at the event; event types with at "
            f"least {FINDING_MIN_EVENTS} events"
        ),
    )


def _heat_map(counts: pd.DataFrame) -> SectionTable:
    types = _type_order(counts)
    ages = range(int(counts.age_at_event.min()), int(counts.age_at_event.max()) + 1)
    grid = pd.MultiIndex.from_product([types, ages], names=["event_type", "age_at_event"])
    frame = counts.set_index(["event_type", "age_at_event"]).reindex(grid, fill_value=0)
    frame = frame.reset_index()
    frame["events"] = frame.events.astype("int64")
    return SectionTable(
        name="triggers_age_heatmap",
        title="Life-course events in case reviews by age at event",
        frame=frame,
        notes=(
            "Events from case reviews by event type and age at the event; every age between the "
            "youngest and oldest recorded is listed, with zero where nothing happened. Event "
            "types are ordered by their median age."
        ),
        count_columns=("events",),
    )


def _type_order(counts: pd.DataFrame) -> list[str]:
    expanded = counts.loc[counts.index.repeat(counts.events)]
    medians = expanded.groupby("event_type").age_at_event.median()
    return sorted(medians.index, key=lambda name: (medians[name], name))


def _peaks(counts: pd.DataFrame, stats: pd.DataFrame) -> SectionTable:
    # mode: the age with most events; ties go to the youngest age (the earliest chance to act)
    modes = (
        counts.sort_values(["event_type", "events", "age_at_event"], ascending=[True, False, True])
        .drop_duplicates("event_type")
        .set_index("event_type")
    )
    frame = stats.set_index("event_type")
    frame["mode_age"] = modes.age_at_event.astype("int64")
    frame["events_at_mode"] = modes.events.astype("int64")
    frame = frame.reset_index()
    frame["events"] = frame.events.astype("int64")
    frame["cases"] = frame.cases.astype("int64")
    frame = frame.sort_values(["median_age", "event_type"]).reset_index(drop=True)
    frame = frame[
        [
            "event_type",
            "events",
            "cases",
            "mode_age",
            "events_at_mode",
            "median_age",
            "q1_age",
            "q3_age",
        ]
    ]
    return SectionTable(
        name="triggers_peak_ages",
        title="Ages at which each trigger peaks",
        frame=frame,
        notes=(
            "Most common age: the age with the most events of that type (the youngest when tied); "
            "median and quartiles of age at event (linear interpolation)."
        ),
        count_columns=("events", "cases", "events_at_mode"),
    )
