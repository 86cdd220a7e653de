"""Section 9, cohorts and risk factors: youth justice and probation people with serious-violence
offences against the rest of each cohort, and school exclusions for violence or weapons.

Cohort offences carry a Home Office code but no knife, firearm or domestic-abuse flag, no
location and no victim age, so they are classified under the scope's definition with those
unknown: a rule needing a flag, a public-space location or a victim age cannot match, and the
person's own age stands for the suspect age. A person is in the serious-violence group when any of
their offences in the period is serious violence; an indicator is set when any of their records
sets it, unknown when none records it (unknowns are left out of that indicator's denominators).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import pandas as pd

from svduty.analysis.ratios import risk_ratio
from svduty.analysis.result import Finding, SectionResult, SectionTable, times
from svduty.definitions.classifier import classify

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

KEY = "cohorts"
TITLE = "Cohorts and risk factors"
COHORT_TABLES = {"yj_cases": "youth justice", "probation_cases": "probation"}
INDICATORS = {
    "send": "special educational needs or disability",
    "excluded": "a school exclusion",
    "looked_after": "looked-after status",
    "ace_domestic_abuse": "domestic abuse at home",
    "ace_parental_substance_misuse": "parental substance misuse",
    "ace_parental_mental_health": "parental mental ill health",
    "ace_parental_imprisonment": "parental imprisonment",
    "ace_abuse_neglect": "abuse or neglect",
    "ace_bereavement": "a bereavement",
}
WEAPON, ASSAULT = "weapon", "assault"
FINDINGS_PER_COHORT = 3
CLASSIFICATION_NOTE = (
    "Offences classified under the definition with knife, firearm and domestic-abuse flags, "
    "location and victim age unknown (cohort records do not hold them): rules that need them "
    "cannot match, so a definition built on them undercounts here."
)


def compute(ctx: AnalysisContext) -> SectionResult:
    """Risk-factor prevalence in serious-violence vs other cohort members; violent exclusions."""
    cohorts = [table for table in COHORT_TABLES if ctx.has_rows(table)]
    has_education = ctx.has_rows("education_events")
    if not cohorts and not has_education:
        return SectionResult.absent(
            KEY, TITLE, "No youth justice, probation or education data was imported."
        )
    result = SectionResult(key=KEY, title=TITLE)
    if cohorts and ctx.scope.definition.proxy:
        result.commentary.append(
            "Cohort offences cannot be classified under a data.police.uk proxy definition, "
            "which has no offence-code rules."
        )
        cohorts = []
    if cohorts:
        people = [_people(ctx, table) for table in cohorts]
        sizes, factors = _risk_factors(people, cohorts)
        result.tables += [sizes, factors]
        result.findings += _findings(factors.frame)
        for row in sizes.frame.itertuples():
            if row.serious_violence_people == 0 or row.other_people == 0:
                who = "no one" if row.serious_violence_people == 0 else "everyone"
                result.commentary.append(
                    f"In the {row.cohort} cohort {who} has a serious-violence offence under this "
                    "definition, so its risk factors cannot be compared."
                )
        if ctx.scope.area_code is not None:
            result.commentary.append(
                "Cohort records have no place, so they cover the whole partnership, not only "
                f"area {ctx.scope.area_code}."
            )
    if has_education:
        result.tables.append(_exclusions(ctx))
    return result


def classified_offences(ctx: AnalysisContext, table: str) -> ir.Table:
    """The cohort table's offences in the period, with ``is_serious_violence``."""
    rows = ctx.in_scope(ctx.con.table(table), "offence_date", None)
    unknown = {
        "knife": "boolean",
        "firearm": "boolean",
        "domestic_abuse": "boolean",
        "location_type": "string",
        "youngest_victim_age": "int64",
        "police_uk_crime_type": "string",
    }
    rows = rows.mutate(
        youngest_suspect_age=rows.age.cast("int64"),
        **{name: ibis.null(kind) for name, kind in unknown.items()},
    )
    return classify(ctx.scope.definition, rows, on_unknown_code="ignore")


def _people(ctx: AnalysisContext, table: str) -> pd.DataFrame:
    """Per serious-violence group: people, and known / set counts of every indicator."""
    offences = classified_offences(ctx, table)
    per_person = offences.group_by("person_key").aggregate(
        serious_violence=offences.is_serious_violence.any(),
        **{name: offences[name].any() for name in INDICATORS},
    )
    aggregates = {"people": per_person.count()}
    for name in INDICATORS:
        aggregates[f"{name}_known"] = per_person[name].notnull().sum()
        aggregates[f"{name}_set"] = per_person[name].fill_null(False).sum()
    return per_person.group_by("serious_violence").aggregate(**aggregates).to_pandas()


def _risk_factors(
    people: list[pd.DataFrame], cohorts: list[str]
) -> tuple[SectionTable, SectionTable]:
    size_rows, factor_rows = [], []
    for frame, table in zip(people, cohorts, strict=True):
        cohort = COHORT_TABLES[table]
        by_group = frame.set_index("serious_violence")
        sv = by_group.loc[True] if True in by_group.index else None
        other = by_group.loc[False] if False in by_group.index else None
        sv_people = int(sv["people"]) if sv is not None else 0
        other_people = int(other["people"]) if other is not None else 0
        size_rows.append(
            {
                "cohort": cohort,
                "people": sv_people + other_people,
                "serious_violence_people": sv_people,
                "other_people": other_people,
            }
        )
        for name, label in INDICATORS.items():
            factor_rows.append(
                {
                    "cohort": cohort,
                    "indicator": name,
                    "label": label,
                    "sv_known": int(sv[f"{name}_known"]) if sv is not None else 0,
                    "sv_with": int(sv[f"{name}_set"]) if sv is not None else 0,
                    "other_known": int(other[f"{name}_known"]) if other is not None else 0,
                    "other_with": int(other[f"{name}_set"]) if other is not None else 0,
                }
            )
    factors = pd.DataFrame(factor_rows)
    factors["sv_prevalence"] = factors.sv_with / factors.sv_known.where(factors.sv_known > 0)
    factors["other_prevalence"] = factors.other_with / factors.other_known.where(
        factors.other_known > 0
    )
    ratios = risk_ratio(factors.sv_with, factors.sv_known, factors.other_with, factors.other_known)
    factors = pd.concat([factors, ratios], axis=1)
    sizes = SectionTable(
        name="cohorts_sizes",
        title="Youth justice and probation cohorts: people with serious-violence offences",
        frame=pd.DataFrame(size_rows),
        notes=f"People (pseudonymised keys) with an offence in the period. {CLASSIFICATION_NOTE}",
        count_columns=("people", "serious_violence_people", "other_people"),
    )
    table = SectionTable(
        name="cohorts_risk_factors",
        title="Risk factors: people with serious-violence offences against the rest of the cohort",
        frame=factors,
        notes=(
            "Prevalence = people with the indicator ÷ people for whom it is recorded. The ratio "
            "is the prevalence among people with a serious-violence offence ÷ the prevalence "
            "among the rest of the same cohort; 95% CI by the Katz log method. "
            + CLASSIFICATION_NOTE
        ),
        count_columns=("sv_known", "sv_with", "other_known", "other_with"),
    )
    return sizes, table


def _findings(frame: pd.DataFrame) -> list[Finding]:
    findings = []
    hits = frame[frame.ci_low > 1].sort_values("ratio", ascending=False)
    hits = hits.groupby("cohort", sort=False).head(FINDINGS_PER_COHORT)
    for row in hits.itertuples():
        findings.append(
            Finding(
                section=KEY,
                text=(
                    f"In the {row.cohort} cohort, {row.sv_prevalence:.0%} of people with a "
                    f"serious-violence offence had {row.label} recorded against "
                    f"{row.other_prevalence:.0%} of the others ({row.ratio:.1f} times as common)."
                ),
                effect=times(row.ratio),
                tested=True,
                evidence=(
                    f"{row.sv_with} of {row.sv_known} vs {row.other_with} of {row.other_known}; "
                    f"ratio 95% CI {row.ci_low:.2f} to {row.ci_high:.2f}"
                ),
            )
        )
    return findings


def _exclusions(ctx: AnalysisContext) -> SectionTable:
    events = ctx.in_scope(ctx.con.table("education_events"), "event_date", "residence_lsoa")
    reason = events.reason.lower()
    start = events.event_date.year() - ibis.ifelse(events.event_date.month() >= 9, 0, 1)
    events = events.mutate(
        academic_year_start=start,
        reason_group=ibis.cases(
            (reason.contains(WEAPON), WEAPON), (reason.contains(ASSAULT), ASSAULT), else_=None
        ),
    )
    counts = (
        events.group_by(["academic_year_start", "event_type"])
        .aggregate(
            all_events=events.count(),
            assault_events=(events.reason_group == ASSAULT).fill_null(False).sum(),
            weapon_events=(events.reason_group == WEAPON).fill_null(False).sum(),
        )
        .to_pandas()
        .sort_values(["academic_year_start", "event_type"])
        .reset_index(drop=True)
    )
    for column in ("academic_year_start", "all_events", "assault_events", "weapon_events"):
        counts[column] = counts[column].astype("int64")
    counts.insert(
        0,
        "academic_year",
        [f"{y}/{(y + 1) % 100:02d}" for y in counts.academic_year_start],
    )
    counts["violence_or_weapon_events"] = counts.assault_events + counts.weapon_events
    counts["violence_or_weapon_share"] = counts.violence_or_weapon_events / counts.all_events
    return SectionTable(
        name="cohorts_school_exclusions",
        title="Suspensions and permanent exclusions for violence or weapons",
        frame=counts.drop(columns="academic_year_start"),
        notes=(
            "Academic years run September to August. Weapon: the reason mentions a weapon; "
            "assault: the reason mentions assault (and no weapon). Area by the pupil's "
            "residence LSOA."
        ),
        count_columns=(
            "all_events",
            "assault_events",
            "weapon_events",
            "violence_or_weapon_events",
        ),
    )
