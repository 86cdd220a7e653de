"""Section 8, health: emergency department assaults (ISTV) and hospital admissions for assault.

ED assaults not known to the police are the Cardiff Model's reason to share ED data. An ED
assault "matches" a police record when a police violence crime (Home Office offence group
violence against the person, robbery or sexual offences, with a recorded time) happened in the
SAME LSOA as the assault within ±``MATCH_WINDOW_HOURS`` hours of the assault time (the arrival
time when the assault time is not recorded). Assaults with no assault LSOA cannot be matched and
are counted apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import pandas as pd

from svduty.analysis.bands import age_band, band_order
from svduty.analysis.result import Finding, SectionResult, SectionTable, times
from svduty.analysis.time_of_day import hour_weekday_counts
from svduty.reference import SHARP_OBJECT_ASSAULT, icd10_assault_codes, offence_codes

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

KEY = "health"
TITLE = "Health: emergency department assaults and hospital admissions"
MATCH_WINDOW_HOURS = 2  # as the synth calibration measures "known to police"
POLICE_VIOLENCE_GROUPS = ("Violence against the person", "Robbery", "Sexual offences")
#: an "unknown to police" finding is reported when at least this share is unmatched
UNMATCHED_FINDING_SHARE = 0.5
MATCH_METHOD = (
    "An ED assault matches when a police crime in offence group violence against the person, "
    "robbery or sexual offences with a recorded time happened in the same LSOA as the assault "
    f"within ±{MATCH_WINDOW_HOURS} hours of the assault time (or of the arrival time when the "
    "assault time is missing). Only police crimes in the scope's "
    "area and period are searched. Assaults with no assault LSOA cannot be matched and are "
    "counted apart; the share with no police record is of the assaults that could be matched."
)


def compute(ctx: AnalysisContext) -> SectionResult:
    """ED assault tables, police matching, and admissions by age band and year."""
    has_ed = ctx.has_rows("ed_assaults")
    has_admissions = ctx.has_rows("hospital_admissions")
    if not (has_ed or has_admissions):
        return SectionResult.absent(
            KEY, TITLE, "No emergency department (ISTV) or hospital admission data was imported."
        )
    result = SectionResult(key=KEY, title=TITLE)
    if has_ed:
        ed = ed_assaults_in_scope(ctx)
        if ctx.scope.area_code is not None:
            result.commentary.append(
                f"ED assaults are placed in area {ctx.scope.area_code} by the assault LSOA; "
                "assaults with no assault LSOA are left out."
            )
        result.tables += [
            _ed_hour_weekday(ed),
            _ed_by(ed, "location_type", "location type"),
            _ed_by(ed, "assault_method", "assault method"),
        ]
        match = _police_match(ctx, ed)
        if match is not None:
            result.tables.append(match)
            result.findings += _match_findings(match.frame)
        else:
            result.commentary.append(
                "ED assaults cannot be matched to police records: the police data in scope has "
                "no times of day or offence codes."
            )
    else:
        result.commentary.append("No emergency department (ISTV) data was imported.")
    if has_admissions:
        result.tables.append(_admissions(ctx))
    else:
        result.commentary.append("No hospital admission data was imported.")
    return result


def ed_assaults_in_scope(ctx: AnalysisContext) -> ir.Table:
    """ED assaults in the period (by arrival) and area (by assault LSOA), with ``assault_time``."""
    ed = ctx.in_scope(ctx.con.table("ed_assaults"), "arrival_at", "assault_lsoa")
    return ed.mutate(assault_time=ed.assault_at.fill_null(ed.arrival_at))


def _ed_hour_weekday(ed: ir.Table) -> SectionTable:
    frame = hour_weekday_counts(ed, ed.assault_time, "assaults")
    return SectionTable(
        name="health_ed_hour_weekday",
        title="Emergency department assaults by hour of day and day of week",
        frame=frame,
        notes=(
            "ISTV assault attendances by the time of the assault, or the arrival time when the "
            "assault time was not recorded; weekday number 0 is Monday."
        ),
        count_columns=("assaults",),
    )


def _ed_by(ed: ir.Table, column: str, label: str) -> SectionTable:
    frame = (
        ed.group_by(ed[column])
        .aggregate(assaults=ed.count())
        .to_pandas()
        .sort_values(["assaults", column], ascending=[False, True])
        .reset_index(drop=True)
    )
    frame["assaults"] = frame.assaults.astype("int64")
    frame["share"] = frame.assaults / frame.assaults.sum()
    return SectionTable(
        name=f"health_ed_{column}",
        title=f"Emergency department assaults by {label}",
        frame=frame,
        notes=f"ISTV assault attendances in scope by the recorded {label}.",
        count_columns=("assaults",),
    )


def _police_violence(ctx: AnalysisContext) -> ir.Table | None:
    crimes = ctx.crimes
    if "ho_code" not in crimes.columns:
        return None
    codes = [
        code
        for code, item in offence_codes().items()
        if item.offence_group in POLICE_VIOLENCE_GROUPS
    ]
    timed = crimes.filter(
        crimes.occurred_at.notnull() & crimes.lsoa_code.notnull() & crimes.ho_code.isin(codes)
    )
    if not int(timed.count().execute()):
        return None
    return timed.select(
        p_lsoa=timed.lsoa_code, p_at=timed.occurred_at, p_slot=_slot(timed.occurred_at)
    )


def _slot(when: ir.TimestampValue) -> ir.IntegerValue:
    """The ``MATCH_WINDOW_HOURS``-wide time slot of ``when``. Two times within the window of
    each other are in the same or adjacent slots, so the match can join on equal LSOA and slot
    (a hash join) instead of comparing every pair of an LSOA's records."""
    return when.epoch_seconds() // (MATCH_WINDOW_HOURS * 3600)


def _police_match(ctx: AnalysisContext, ed: ir.Table) -> SectionTable | None:
    police = _police_violence(ctx)
    if police is None:
        return None
    located = ed.filter(ed.assault_lsoa.notnull()).mutate(ed_id=ibis.row_number())
    located = located.select("ed_id", "assault_lsoa", "assault_time")
    shifts = ibis.memtable({"shift": [-1, 0, 1]}, schema={"shift": "int64"})
    candidates = located.cross_join(shifts)
    candidates = candidates.mutate(slot=_slot(candidates.assault_time) + candidates["shift"])
    window = ibis.interval(hours=MATCH_WINDOW_HOURS)
    pairs = candidates.join(
        police,
        [
            candidates.assault_lsoa == police.p_lsoa,
            candidates.slot == police.p_slot,
            police.p_at >= candidates.assault_time - window,
            police.p_at <= candidates.assault_time + window,
        ],
    )
    matched = int(pairs.select("ed_id").distinct().count().execute())
    with_place = int(located.count().execute())
    total = int(ed.count().execute())
    unmatched = with_place - matched
    frame = pd.DataFrame(
        {
            "measure": [
                "ED assaults in scope",
                "with an assault LSOA (matchable)",
                "matching a police record",
                "with no matching police record",
                "with no assault LSOA (cannot be matched)",
            ],
            "assaults": [total, with_place, matched, unmatched, total - with_place],
        }
    )
    frame["share_of_matchable"] = frame.assaults / with_place if with_place else float("nan")
    frame.loc[[0, 4], "share_of_matchable"] = float("nan")
    return SectionTable(
        name="health_ed_police_match",
        title="Emergency department assaults with and without a matching police record",
        frame=frame,
        notes=MATCH_METHOD,
        count_columns=("assaults",),
    )


def _match_findings(frame: pd.DataFrame) -> list[Finding]:
    row = frame.set_index("measure").loc["with no matching police record"]
    matchable = int(frame.set_index("measure").loc["with an assault LSOA (matchable)", "assaults"])
    share = row["share_of_matchable"]
    if not matchable or not share >= UNMATCHED_FINDING_SHARE:
        return []
    return [
        Finding(
            section=KEY,
            text=(
                f"{share:.0%} of emergency department assaults had no matching police record, "
                "so much violence is known only to health services."
            ),
            evidence=(
                f"{int(row['assaults'])} of {matchable} ED assaults with a location; same LSOA "
                f"within ±{MATCH_WINDOW_HOURS} hours"
            ),
            # emergency department assaults per assault the police also recorded
            effect=times(1 / (1 - share)) if share < 1 else None,
        )
    ]


def _admissions(ctx: AnalysisContext) -> SectionTable:
    adm = ctx.in_scope(ctx.con.table("hospital_admissions"), "admission_date", "residence_lsoa")
    category = adm.icd10_cause.upper().substr(0, 3)
    adm = adm.filter(category.isin(sorted(icd10_assault_codes())))
    adm = adm.mutate(
        year=adm.admission_date.year(),
        age_band=age_band(adm.age),
        sharp=(adm.icd10_cause.upper().substr(0, 3) == SHARP_OBJECT_ASSAULT).cast("int64"),
    )
    counts = (
        adm.group_by(["year", "age_band"])
        .aggregate(assault_admissions=adm.count(), sharp_object_admissions=adm.sharp.sum())
        .to_pandas()
    )
    years = sorted(int(y) for y in counts.year.unique())
    bands = band_order(sorted(counts.age_band.unique()))
    grid = pd.MultiIndex.from_product([years, bands], names=["year", "age_band"])
    frame = (
        counts.astype({"year": "int64"})
        .set_index(["year", "age_band"])
        .reindex(grid, fill_value=0)
        .reset_index()
    )
    for column in ("assault_admissions", "sharp_object_admissions"):
        frame[column] = frame[column].fillna(0).astype("int64")
    return SectionTable(
        name="health_admissions",
        title="Hospital admissions for assault and for assault with a sharp object",
        frame=frame,
        notes=(
            "Admissions by calendar year of admission and age band at admission. Assault: ICD-10 "
            "external cause X85-Y09; sharp object: X99 only (accidental W25-W26, self-harm X78 "
            "and undetermined intent Y28 are never counted). Area by residence LSOA."
        ),
        count_columns=("assault_admissions", "sharp_object_admissions"),
    )
