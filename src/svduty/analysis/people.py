"""Section 6, people: victims and suspects of serious violence by age band, sex and ethnicity,
disproportionality against the resident population, and repeat victims and suspects.

Counts are victim (or suspect) records: one person on one serious-violence crime. A person on
three crimes counts three times in the profile tables and once in the repeat table.

Disproportionality is never a bare ratio: each ratio carries an exact Poisson 95% interval
(conditional binomial method, :func:`svduty.analysis.rates.exact_rate_ratio`), the population it
is measured against is named (file, import batch, years and the breakdown used:
``people_denominators``), and the share of records whose age, sex or ethnicity is not recorded
— and so left out of the ratios — is shown (``people_not_recorded``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis.bands import age_band, band_order
from svduty.analysis.exposure import period_months
from svduty.analysis.rates import rate_ratio_frame
from svduty.analysis.residents import population_frame, residents_by
from svduty.analysis.result import Finding, SectionResult, SectionTable, times

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

KEY = "people"
TITLE = "Victims and suspects"
ROLES = ("victim", "suspect")
NOT_STATED = "Not stated"
UNKNOWN = "Unknown"
REPEAT_MIN_CRIMES = 2
ALL_GROUPS = "all"
UNDER_25, OVER_25 = "under 25", "25 and over"
#: the under-25 focus: the report bands grouped into under 25 and 25 and over
UNDER_25_GROUPS = {"0-17": UNDER_25, "18-24": UNDER_25, "25+": OVER_25}
UNDER_25_BANDS = tuple(band for band, group in UNDER_25_GROUPS.items() if group == UNDER_25)
#: disproportionality findings per role besides the under-25 one (the largest ratios)
OTHER_FINDINGS_PER_ROLE = 2
#: a repeat-people finding is reported when they are on at least this share of serious violence
REPEAT_FINDING_SHARE = 0.10
#: the values that mean "not recorded" in each breakdown (sex X is recorded but has no population)
NOT_RECORDED = {"age_band": (UNKNOWN,), "sex": ("U", UNKNOWN), "ethnicity": (NOT_STATED,)}
_POPULATION_DIMENSIONS = ("age_band", "sex", "ethnicity")
_DIMENSION_WORDS = {"age_band": "age", "sex": "sex", "ethnicity": "ethnic group"}
_DIMENSION_PLURALS = {"age_band": "ages", "sex": "sexes", "ethnicity": "ethnic groups"}
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
    missing = _not_recorded_table(counts)
    result.tables.append(missing)
    result.commentary.append(ethnicity_caveat(missing.frame))
    disproportion = _disproportionality(ctx, counts)
    if disproportion is not None:
        denominators = _denominators_table(ctx)
        result.tables += [disproportion, denominators]
        result.commentary.append(_denominator_sentence(denominators.frame))
        result.findings += _disproportion_findings(disproportion.frame, missing.frame)
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
            ratios = rate_ratio_frame(records, exposure, rest_records, rest_exposure)
            ratios = ratios.rename(columns={"rate_ratio": "ratio"}).reset_index(drop=True)
            parts.append(pd.concat([frame, ratios], axis=1))
    if not parts:
        return None
    frame = pd.concat(parts, ignore_index=True)
    notes = (
        "Rate per 1,000 residents per year = records ÷ person-years × 1,000; person-years "
        "weight each calendar year of the period by its months, using the population of the "
        "nearest year with one (residents = person-years ÷ years of the period). The ratio "
        "compares the group's rate with the rate in the REST of the resident population (every "
        "other group of the same breakdown), with an exact Poisson 95% confidence interval and "
        "p-value (conditional binomial method: Clopper-Pearson limits on the group's share of "
        "the records). The population is in the table of the resident population the ratios "
        "are measured against. Records whose group is not in the population (unknown age, sex X "
        "or U, ethnicity not stated) are left out of both sides; their share is in the table of "
        "records without a recorded age, sex or ethnicity."
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
            "or more serious-violence crimes in the period in that role. Crimes: serious-violence "
            "crimes with at least one person in that role; repeat crimes: those with a repeat "
            "person; the repeat share of crimes is of ALL serious violence in scope."
        ),
        count_columns=("people", "repeat_people", "crimes", "repeat_crimes"),
    )


def _disproportion_findings(frame: pd.DataFrame, missing: pd.DataFrame) -> list[Finding]:
    """Over-represented groups: the 95% interval of the ratio lies above 1.

    Each sentence carries its interval; an ethnicity sentence also says how many of that role's
    records have no recorded ethnicity, since they are outside the comparison.
    """
    findings = []
    hits = frame[frame.ci_low > 1].sort_values("ratio", ascending=False)
    # per role: the under-25 focus, then the most over-represented other groups
    under_25 = hits[hits.dimension == "under_25"]
    others = hits[hits.dimension != "under_25"].drop_duplicates(["role", "dimension"])
    others = others.groupby("role", sort=False).head(OTHER_FINDINGS_PER_ROLE)
    hits = pd.concat([under_25, others])
    shares = missing.set_index(["role", "dimension"]).not_recorded_share
    for row in hits.itertuples():
        who = "victims" if row.role == "victim" else "suspects"
        text = (
            f"Per resident, {_group_phrase(row.dimension, row.group)} were "
            f"{row.ratio:.1f} times as likely to be recorded as {who} of serious "
            f"violence as the rest of the population (95% CI {row.ci_low:.1f} to "
            f"{row.ci_high:.1f}; {row.rate_per_1000:.2f} vs {row.rest_rate_per_1000:.2f} "
            "records per 1,000 residents a year)."
        )
        if row.dimension == "ethnicity":
            share = shares.get((row.role, "ethnicity"), float("nan"))
            text += f" Ethnicity is not recorded for {_pct(share)} of {row.role} records."
        findings.append(
            Finding(
                section=KEY,
                text=text,
                evidence=(
                    f"rate ratio {row.ratio:.2f}, 95% CI {row.ci_low:.2f} to {row.ci_high:.2f} "
                    f"(exact), p = {row.p_value:.2g}"
                ),
                effect=times(row.ratio),
                tested=True,
            )
        )
    return findings


def _pct(share: float) -> str:
    """A share in words: ``5.2%``; "under 0.1%" for a tiny one."""
    if share != share:  # NaN
        return "an unknown share"
    if 0 < share < 0.001:
        return "under 0.1%"
    return f"{100 * share:.1f}%"


def _not_recorded_table(counts: pd.DataFrame) -> SectionTable:
    """Per role and breakdown: records whose age, sex or ethnicity is not recorded."""
    rows = []
    for role in ROLES:
        mine = counts[counts.role == role]
        total = int(mine.records.sum())
        for dimension in _POPULATION_DIMENSIONS:
            missing = int(mine[mine[dimension].isin(NOT_RECORDED[dimension])].records.sum())
            rows.append((role, dimension, total, missing))
    frame = pd.DataFrame(rows, columns=["role", "dimension", "records", "not_recorded"])
    frame["not_recorded_share"] = frame.not_recorded / frame.records.where(frame.records > 0)
    return SectionTable(
        name="people_not_recorded",
        title="Victim and suspect records without a recorded age, sex or ethnicity",
        frame=frame,
        notes=(
            "Records on serious violence in scope whose age is unknown, sex is U or missing, or "
            "ethnicity is not stated. They are left out of the disproportionality ratios of "
            "that breakdown, which are fair only if the information is missing at a similar "
            "rate in every group."
        ),
        count_columns=("records", "not_recorded"),
    )


def ethnicity_caveat(missing: pd.DataFrame) -> str:
    """The sentence every ethnicity figure carries: the share with no recorded ethnicity."""
    rows = missing[(missing.dimension == "ethnicity") & (missing.records > 0)]
    parts = [f"{_pct(row.not_recorded_share)} of {row.role} records" for row in rows.itertuples()]
    if not parts:
        return "No victim or suspect record is in scope, so no ethnicity can be compared."
    return (
        f"Recorded ethnicity is missing for {' and '.join(parts)} on serious violence; they "
        "are left out of the ethnicity comparisons, which hold only if ethnicity is missing at "
        "a similar rate in every group."
    )


def _denominators_table(ctx: AnalysisContext) -> SectionTable:
    """Which population rows each breakdown's residents come from: file, batch, years."""
    layers = _population_layers(ctx)
    batches = _batch_files(ctx, sorted({int(b) for b in layers.batch_id})) if len(layers) else {}
    rows = []
    for dimension in _POPULATION_DIMENSIONS:
        chosen = _chosen_layer(layers, dimension)
        if chosen.empty:
            rows.append((dimension, "not in the population imported", "", "", ""))
            continue
        years = sorted(int(year) for year in chosen.year.unique())
        ids = sorted(int(batch) for batch in chosen.batch_id.unique())
        files = "; ".join(batches.get(batch, f"batch {batch}") for batch in ids)
        rows.append(
            (
                dimension,
                _layer_words(chosen.iloc[0], dimension),
                _years_words(years),
                files,
                ", ".join(str(batch) for batch in ids),
            )
        )
    frame = pd.DataFrame(rows, columns=["dimension", "residents", "years", "source", "batches"])
    return SectionTable(
        name="people_denominators",
        title="The resident population the disproportionality ratios are measured against",
        frame=frame,
        notes=(
            "The population rows of the area each breakdown uses: the file and import batch they "
            "came from, the years available (a year of the period without an estimate takes the "
            "nearest one) and the breakdown. ONS mid-year estimates give age and sex but no "
            "ethnicity; residents by ethnic group come from the census (Census 2021 table TS021, "
            "ethnic group by LSOA), imported in svduty's long population layout."
        ),
    )


def _population_layers(ctx: AnalysisContext) -> pd.DataFrame:
    """Population rows of the area grouped by batch, year and which dimensions are split."""
    pop = ctx.in_scope(ctx.con.table("population"), None, "area_code")
    return (
        pop.group_by(
            "batch_id",
            "year",
            age_split=pop.age_band != ALL_GROUPS,
            sex_split=pop.sex != ALL_GROUPS,
            ethnicity_split=pop.ethnicity != ALL_GROUPS,
        )
        .aggregate(rows=pop.count())
        .to_pandas()
    )


def _chosen_layer(layers: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The layer :func:`residents_by` uses: split by ``dimension``, the others at ``all`` if
    there are such rows, else the finest there is (the same order of preference)."""
    if layers.empty:
        return layers
    own = {"age_band": "age_split", "sex": "sex_split", "ethnicity": "ethnicity_split"}
    first, second = (own[d] for d in _POPULATION_DIMENSIONS if d != dimension)
    rows = layers[layers[own[dimension]]]
    for first_all, second_all in ((True, True), (True, False), (False, True), (False, False)):
        layer = rows[(~rows[first] == first_all) & (~rows[second] == second_all)]
        if not layer.empty:
            return layer
    return rows


def _layer_words(row: pd.Series, dimension: str) -> str:
    others = [d for d in _POPULATION_DIMENSIONS if d != dimension]
    split = [_DIMENSION_WORDS[d] for d in others if row[f"{d.removesuffix('_band')}_split"]]
    words = f"residents by {_DIMENSION_WORDS[dimension]}"
    if split:
        return f"{words}, summed over {' and '.join(split)}"
    return f"{words} ({' and '.join(_DIMENSION_PLURALS[d] for d in others)} together)"


def _years_words(years: list[int]) -> str:
    if len(years) == 1:
        return str(years[0])
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(year) for year in years)


def _batch_files(ctx: AnalysisContext, ids: list[int]) -> dict[int, str]:
    """``{batch_id: "file names (population import, batch N, imported YYYY-MM-DD)"}``."""
    if not ids or not ctx.has_rows("batches"):
        return {}
    batches = ctx.con.table("batches")
    rows = (
        batches.filter(batches.batch_id.isin(ids))
        .select("batch_id", "source", "files", "imported_at")
        .to_pandas()
    )
    described = {}
    for row in rows.itertuples():
        files = ", ".join(str(name) for name in (row.files if row.files is not None else []))
        when = pd.Timestamp(row.imported_at)
        described[int(row.batch_id)] = (
            f"{files or 'unnamed file'} ({row.source} import, batch {int(row.batch_id)}, "
            f"imported {when:%Y-%m-%d})"
        )
    return described


def _denominator_sentence(frame: pd.DataFrame) -> str:
    """One sentence naming where each breakdown's residents come from (grouped by source)."""
    named = frame[frame.source != ""]
    parts = []
    for (source, years), rows in named.groupby(["source", "years"], sort=False):
        kinds = [_DIMENSION_WORDS[d] for d in rows.dimension]
        joined = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
        parts.append(f"residents by {joined} from {source}, {years}")
    absent = [_DIMENSION_WORDS[d] for d in frame[frame.source == ""].dimension]
    text = "Disproportionality is measured against " + "; ".join(parts)
    if absent:
        text += f" (the population imported has no {' or '.join(absent)} breakdown)"
    return text + "."


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
                # their share of the violence over their share of the people
                effect=times(row.repeat_share_of_crimes / row.repeat_share_of_people),
            )
        )
    return findings
