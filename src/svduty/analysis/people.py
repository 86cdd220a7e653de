"""Section 6, people: victims and suspects of serious violence by age band, sex and ethnicity,
disproportionality against the resident population, and repeat victims and suspects.

Counts are victim (or suspect) records: one person on one serious-violence crime. A person on
three crimes counts three times in the profile tables and once in the repeat table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis.bands import age_band, band_order
from svduty.analysis.exposure import period_months
from svduty.analysis.ratios import rate_ratio
from svduty.analysis.residents import population_frame, residents_by
from svduty.analysis.result import Finding, SectionResult, SectionTable

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

KEY = "people"
TITLE = "Victims and suspects"
ROLES = ("victim", "suspect")
NOT_STATED = "Not stated"
UNKNOWN = "Unknown"
REPEAT_MIN_CRIMES = 2
UNDER_25, OVER_25 = "under 25", "25 and over"
#: the under-25 focus: the report bands grouped into under 25 and 25 and over
UNDER_25_GROUPS = {"0-17": UNDER_25, "18-24": UNDER_25, "25+": OVER_25}
UNDER_25_BANDS = tuple(band for band, group in UNDER_25_GROUPS.items() if group == UNDER_25)
#: disproportionality findings per role besides the under-25 one (the largest ratios)
OTHER_FINDINGS_PER_ROLE = 2
#: a repeat-people finding is reported when they are on at least this share of serious violence
REPEAT_FINDING_SHARE = 0.10
_DIMENSION_TITLES = {
    "age_band": "age band",
    "under_25": "age (under 25 or not)",
    "sex": "sex",
    "ethnicity": "ethnicity",
}


def compute(ctx: AnalysisContext) -> SectionResult:
    """Victim and suspect profiles, disproportionality ratios and repeat people."""
    if ctx.scope.definition.proxy:
        return SectionResult.absent(
            KEY,
            TITLE,
            "data.police.uk records carry no victims or suspects, so this section "
            "cannot be produced from the proxy definition.",
        )
    if not ctx.has_rows("crime_people"):
        return SectionResult.absent(
            KEY, TITLE, "The warehouse holds no victim or suspect records (police-people)."
        )
    records = ctx.materialise("sna_sv_people", sv_people_records(ctx))
    counts = (
        records.group_by(["role", "age_band", "sex", "ethnicity"])
        .aggregate(records=records.count())
        .to_pandas()
    )
    if counts.empty:
        return SectionResult.absent(
            KEY, TITLE, "No victim or suspect is recorded on serious violence in scope."
        )
    result = SectionResult(key=KEY, title=TITLE)
    for dimension in ("age_band", "sex", "ethnicity"):
        result.tables.append(_profile_table(counts, dimension))
    disproportion = _disproportionality(ctx, counts)
    if disproportion is not None:
        result.tables.append(disproportion)
        result.findings += _disproportion_findings(disproportion.frame)
    repeat = _repeat_table(ctx, records)
    result.tables.append(repeat)
    result.findings += _repeat_findings(repeat.frame)
    return result


def sv_people_records(ctx: AnalysisContext) -> ir.Table:
    """One row per person per serious-violence crime: role, person, age band, sex, ethnicity."""
    sv = ctx.serious_violence.select(sv_crime_ref="crime_ref")
    people = ctx.con.table("crime_people")
    people = people.filter(people.role.isin(list(ROLES)))
    joined = people.join(sv, people.crime_ref == sv.sv_crime_ref)
    return joined.select(
        "role",
        "person_key",
        "crime_ref",
        age_band=age_band(joined.age),
        sex=joined.sex.fill_null(UNKNOWN),
        ethnicity=joined.ethnicity.fill_null(NOT_STATED),
    )


def _profile_table(counts: pd.DataFrame, dimension: str) -> SectionTable:
    grouped = counts.groupby(["role", dimension], as_index=False)["records"].sum()
    groups = sorted(grouped[dimension].unique())
    if dimension == "age_band":
        groups = band_order(groups)
    grid = pd.MultiIndex.from_product([ROLES, groups], names=["role", dimension])
    frame = grouped.set_index(["role", dimension]).reindex(grid, fill_value=0).reset_index()
    frame["records"] = frame["records"].astype("int64")
    totals = frame.groupby("role")["records"].transform("sum")
    frame["share"] = (frame["records"] / totals.where(totals > 0)).astype(float)
    label = _DIMENSION_TITLES[dimension]
    notes = (
        "Victim and suspect records on serious violence in scope (a person on several crimes "
        "counts once per crime). Share is of all records of that role."
    )
    if dimension == "age_band":
        notes += " Age at the offence; 0-17 and 18-24 together are the under-25 focus."
    return SectionTable(
        name=f"people_by_{dimension}",
        title=f"Victims and suspects of serious violence by {label}",
        frame=frame,
        notes=notes,
        count_columns=("records",),
    )


def _disproportionality(ctx: AnalysisContext, counts: pd.DataFrame) -> SectionTable | None:
    months = period_months(ctx)
    population = population_frame(ctx)
    if not months or population.empty:
        return None
    years_of_period = len(months) / 12
    parts = []
    counts = counts.assign(under_25=counts.age_band.map(UNDER_25_GROUPS).fillna(UNKNOWN))
    for dimension in ("age_band", "under_25", "sex", "ethnicity"):
        if dimension == "under_25":
            by_band = residents_by(population, "age_band")
            residents = by_band.regroup(dimension, UNDER_25_GROUPS) if by_band else None
        else:
            residents = residents_by(population, dimension)
        if residents is None:
            continue
        exposure = residents.person_years(months)
        exposure = exposure[exposure > 0]
        for role in ROLES:
            per_group = counts[counts.role == role].groupby(dimension)["records"].sum()
            records = per_group.reindex(exposure.index, fill_value=0).astype("int64")
            rest_records = records.sum() - records
            rest_exposure = exposure.sum() - exposure
            frame = pd.DataFrame(
                {
                    "role": role,
                    "dimension": dimension,
                    "group": exposure.index,
                    "records": records.to_numpy(),
                    "residents": (exposure / years_of_period).to_numpy(),
                    "person_years": exposure.to_numpy(),
                    "rate_per_1000": (records / exposure * 1000).to_numpy(),
                    "rest_records": rest_records.to_numpy(),
                    "rest_residents": (rest_exposure / years_of_period).to_numpy(),
                    "rest_rate_per_1000": (rest_records / rest_exposure * 1000).to_numpy(),
                }
            )
            ratios = rate_ratio(records, exposure, rest_records, rest_exposure)
            parts.append(pd.concat([frame, ratios], axis=1))
    if not parts:
        return None
    frame = pd.concat(parts, ignore_index=True)
    notes = (
        "Rate per 1,000 residents per year = records ÷ person-years × 1,000; person-years "
        "weight each calendar year of the period by its months, using the population of the "
        "nearest year with one (residents = person-years ÷ years of the period). The ratio "
        "compares the group's rate with the rate in the REST of the resident population (every "
        "other group of the same breakdown); 95% CI by the log (Wald) method for a ratio of two "
        "Poisson rates. Records whose group is not in the population (unknown age, sex X or U, "
        "ethnicity not stated) are left out of both sides."
    )
    return SectionTable(
        name="people_disproportionality",
        title="Disproportionality of victims and suspects against the resident population",
        frame=frame,
        notes=notes,
        count_columns=("records", "rest_records"),
    )


def _repeat_table(ctx: AnalysisContext, records: ir.Table) -> SectionTable:
    per_person = records.group_by(["role", "person_key"]).aggregate(
        crimes=records.crime_ref.nunique()
    )
    people = per_person.group_by("role").aggregate(
        people=per_person.count(),
        repeat_people=(per_person.crimes >= REPEAT_MIN_CRIMES).sum(),
    )
    repeaters = per_person.filter(per_person.crimes >= REPEAT_MIN_CRIMES).select(
        r_role="role", r_key="person_key"
    )
    on_repeat = records.join(
        repeaters, (records.role == repeaters.r_role) & (records.person_key == repeaters.r_key)
    )
    crimes_with_role = records.group_by("role").aggregate(crimes=records.crime_ref.nunique())
    repeat_crimes = on_repeat.group_by("role").aggregate(
        repeat_crimes=on_repeat.crime_ref.nunique()
    )
    total_sv = int(ctx.serious_violence.count().execute())
    frame = (
        pd.DataFrame({"role": list(ROLES)})
        .merge(people.to_pandas(), on="role", how="left")
        .merge(crimes_with_role.to_pandas(), on="role", how="left")
        .merge(repeat_crimes.to_pandas(), on="role", how="left")
        .fillna(0)
    )
    for column in ("people", "repeat_people", "crimes", "repeat_crimes"):
        frame[column] = frame[column].astype("int64")
    frame["repeat_share_of_people"] = frame.repeat_people / frame.people.where(frame.people > 0)
    frame["serious_violence_crimes"] = total_sv
    frame["repeat_share_of_crimes"] = frame.repeat_crimes / total_sv if total_sv else float("nan")
    frame = frame[
        [
            "role",
            "people",
            "repeat_people",
            "repeat_share_of_people",
            "crimes",
            "repeat_crimes",
            "serious_violence_crimes",
            "repeat_share_of_crimes",
        ]
    ]
    return SectionTable(
        name="people_repeat",
        title="Repeat victims and repeat suspects of serious violence",
        frame=frame,
        notes=(
            f"A repeat victim or suspect is a person (pseudonymised key) on {REPEAT_MIN_CRIMES} "
            "or more serious-violence crimes in the period in that role. crimes: serious-violence "
            "crimes with at least one person in that role; repeat_crimes: those with a repeat "
            "person; repeat_share_of_crimes is of ALL serious violence in scope."
        ),
        count_columns=("people", "repeat_people", "crimes", "repeat_crimes"),
    )


def _disproportion_findings(frame: pd.DataFrame) -> list[Finding]:
    """Over-represented groups: the 95% interval of the ratio lies above 1."""
    findings = []
    hits = frame[frame.ci_low > 1].sort_values("ratio", ascending=False)
    # per role: the under-25 focus, then the most over-represented other groups
    under_25 = hits[hits.dimension == "under_25"]
    others = hits[hits.dimension != "under_25"].drop_duplicates(["role", "dimension"])
    others = others.groupby("role", sort=False).head(OTHER_FINDINGS_PER_ROLE)
    hits = pd.concat([under_25, others])
    for row in hits.itertuples():
        who = "victims" if row.role == "victim" else "suspects"
        findings.append(
            Finding(
                section=KEY,
                text=(
                    f"Per resident, {_group_phrase(row.dimension, row.group)} were "
                    f"{row.ratio:.1f} times as likely to be recorded as {who} of serious "
                    f"violence as the rest of the population ({row.rate_per_1000:.2f} vs "
                    f"{row.rest_rate_per_1000:.2f} records per 1,000 residents a year)."
                ),
                evidence=(
                    f"rate ratio {row.ratio:.2f}, 95% CI {row.ci_low:.2f} to {row.ci_high:.2f}"
                ),
            )
        )
    return findings


def _group_phrase(dimension: str, group: str) -> str:
    if dimension in ("age_band", "under_25"):
        return f"people aged {group}"
    if dimension == "sex":
        return {"F": "women and girls", "M": "men and boys"}.get(group, f"people of sex {group}")
    return f"people of {group} ethnicity"


def _repeat_findings(frame: pd.DataFrame) -> list[Finding]:
    findings = []
    for row in frame.itertuples():
        if row.repeat_people == 0 or not row.repeat_share_of_crimes >= REPEAT_FINDING_SHARE:
            continue
        findings.append(
            Finding(
                section=KEY,
                text=(
                    f"Repeat {row.role}s ({row.repeat_share_of_people:.0%} of {row.role}s) were "
                    f"on {row.repeat_share_of_crimes:.0%} of serious violence."
                ),
                evidence=(
                    f"{row.repeat_people} repeat {row.role}s; {row.repeat_crimes} of "
                    f"{row.serious_violence_crimes} serious-violence crimes; threshold "
                    f"{REPEAT_FINDING_SHARE:.0%}"
                ),
            )
        )
    return findings
