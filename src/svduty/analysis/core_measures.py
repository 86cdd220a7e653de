"""Section 11, core measures: the Home Office Serious Violence Duty / VRU primary measures by
financial-year quarter (April-June is Q1, as the Home Office reports).

These are national measures, the same whatever the local definition: homicide (Home Office codes
1, 4/1, 4/2, 4/10 or the merged homicide code), knife-enabled serious violence (an ONS knife
"selected offence" with the knife flag set) and hospital admissions for assault with a sharp
object (ICD-10 X99 only; W25-W26, X78 and Y28 are never counted), under 25 and all ages.

Beside the quarterly counts, the section gives each measure the way the Home Office asks for it:
sharp-object admissions by age band (0-17, 18-24 — together the under-25 measure — and 25+) with
all ages; homicide victims by age band per financial year; and knife-enabled serious violence per
100,000 residents of the area, each quarter against the same quarter a year earlier (so the
season cancels out), compared only when both quarters are complete: all three months inside the
period and holding force crime records. The comparison is an exact Poisson rate ratio
(conditional binomial method, :func:`svduty.analysis.rates.exact_rate_ratio`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis.bands import UNDER_25, UNKNOWN, age_band
from svduty.analysis.exposure import annual_population, exposure_months, period_months
from svduty.analysis.rates import exact_rate_ratio
from svduty.analysis.result import Finding, SectionResult, SectionTable, times
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
#: Report age bands → column suffixes; 0-17 and 18-24 make up the Home Office's under-25 measure.
BAND_COLUMNS = {"0-17": "0_17", "18-24": "18_24", "25+": "25_plus", UNKNOWN: "age_unknown"}
UNDER_25_BANDS = ("0-17", "18-24")
PER_100K = 100_000
MONTHS_IN_QUARTER = 3
COMPARED = "compared"
#: Commentary is printed in the public summary too: a count from 1 to 4 is never written out.
SMALL_COUNT = 5


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
        "sharp object) by admission date inside the period, residents of the area; under 25 is "
        "age at admission. "
        "Months in the period below 3 marks a quarter the period only partly covers."
    ]
    for part, measures in ((police, POLICE_MEASURES), (health, HEALTH_MEASURES)):
        if part is None:
            continue
        frame = frame.merge(part[["quarter_start", *measures]], on="quarter_start", how="left")
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
    if health is not None:
        result.tables.append(_admissions_by_age(frame, health))
        result.commentary.append(_admissions_sentence(result.tables[-1].frame))
    if police is not None:
        knife = _knife_rate_table(ctx, frame)
        result.tables.append(knife)
        result.commentary.append(_knife_sentence(knife.frame))
        result.findings += _knife_findings(knife.frame)
        victims = _homicide_victims_table(ctx)
        if victims is not None:
            result.tables.append(victims)
            result.commentary.append(_homicide_sentence(victims.frame))
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
    months = period_months(ctx)
    if months:  # the assessment's period: the scope's months, else the months crime covers
        month = adm.admission_date.cast("date").truncate("M")
        adm = adm.filter((month >= months[0]) & (month <= months[-1]))
    sharp = adm.filter(adm.icd10_cause.upper().substr(0, 3) == SHARP_OBJECT_ASSAULT)
    sharp = sharp.mutate(
        quarter_start=financial_quarter_start(sharp.admission_date),
        young=(sharp.age < UNDER_25).fill_null(False).cast("int64"),
        band=age_band(sharp.age),
    )
    bands = {
        f"aged_{suffix}": (sharp.band == label).cast("int64").sum()
        for label, suffix in BAND_COLUMNS.items()
    }
    frame = (
        sharp.group_by("quarter_start")
        .aggregate(
            sharp_object_admissions_under_25=sharp.young.sum(),
            sharp_object_admissions_all_ages=sharp.count(),
            **bands,
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


# -- sharp-object admissions by age ---------------------------------------------------------------


def _admissions_by_age(quarterly: pd.DataFrame, health: pd.DataFrame) -> SectionTable:
    """Per quarter: admissions aged 0-17, 18-24 (the under-25 measure), 25+ and all ages."""
    bands = [f"aged_{suffix}" for suffix in BAND_COLUMNS.values()]
    frame = quarterly[["quarter", "quarter_start", "months_in_period"]].copy()
    starts = pd.to_datetime(frame.quarter_start)
    counts = health.set_index("quarter_start")[bands].reindex(starts).fillna(0)
    for column in bands:
        frame[column] = counts[column].astype("int64").to_numpy()
    frame["under_25"] = frame.aged_0_17 + frame.aged_18_24
    frame["all_ages"] = frame[bands].sum(axis=1).astype("int64")
    frame["under_25_share_pct"] = 100 * frame.under_25 / frame.all_ages.where(frame.all_ages > 0)
    order = ["quarter", "quarter_start", "months_in_period", "aged_0_17", "aged_18_24"]
    order += ["under_25", "aged_25_plus", "aged_age_unknown", "all_ages", "under_25_share_pct"]
    frame = frame[order].rename(columns={"aged_age_unknown": "age_unknown"})
    return SectionTable(
        name="core_measures_sharp_object_admissions",
        title="Hospital admissions for assault with a sharp object, under 25 and all ages",
        frame=frame,
        notes=(
            "The Home Office measure: admissions for assault by a sharp object (ICD-10 X99) of "
            "residents of the area, by financial-year quarter of admission and age at admission. "
            "Under 25 = 0-17 + 18-24; all ages includes every band."
        ),
        count_columns=(
            "aged_0_17",
            "aged_18_24",
            "under_25",
            "aged_25_plus",
            "age_unknown",
            "all_ages",
        ),
    )


def count_words(count: int) -> str:
    """``1,234``; "fewer than 5" for 1-4, which a published sentence must not state."""
    return f"{count:,}" if count == 0 or count >= SMALL_COUNT else f"fewer than {SMALL_COUNT}"


def _admissions_sentence(frame: pd.DataFrame) -> str:
    total, young = int(frame.all_ages.sum()), int(frame.under_25.sum())
    if not total:
        return "No hospital admission for assault with a sharp object (X99) is in scope."
    return (
        f"Of {count_words(total)} hospital admissions for assault with a sharp object over the "
        f"period, {100 * young / total:.0f}% were of people under 25."
    )


# -- knife-enabled serious violence per 100,000, against the same quarter a year earlier ----------


def _complete_quarters(ctx: AnalysisContext) -> set[pd.Timestamp]:
    """Quarters whose three months are all inside the period and hold force crime records."""
    held = pd.Series([_quarter_of(pd.Timestamp(month)) for month in exposure_months(ctx)])
    counts = held.value_counts()
    return {pd.Timestamp(start) for start, n in counts.items() if n == MONTHS_IN_QUARTER}


def _knife_rate_table(ctx: AnalysisContext, quarterly: pd.DataFrame) -> SectionTable:
    """Each quarter's knife-enabled rate per 100,000 residents a year, against a year earlier."""
    frame = quarterly[
        ["quarter", "quarter_start", "months_in_period", "knife_enabled_serious_violence"]
    ].copy()
    starts = [pd.Timestamp(start) for start in frame.quarter_start]
    complete = _complete_quarters(ctx)
    frame["complete"] = [start in complete for start in starts]
    # the three months of a financial-year quarter are in one calendar year: its population
    population = annual_population(ctx, sorted({start.year for start in starts}))
    by_year = dict(zip(population.year, population.population, strict=True))
    source_year = dict(zip(population.year, population.population_year, strict=True))
    frame["population"] = [by_year.get(start.year, float("nan")) for start in starts]
    frame["population_year"] = [source_year.get(start.year, pd.NA) for start in starts]
    person_years = frame.population * MONTHS_IN_QUARTER / 12
    counts = frame.knife_enabled_serious_violence.astype(float)
    frame["rate_per_100k_a_year"] = (PER_100K * counts / person_years).where(frame.complete)

    index = {start: i for i, start in enumerate(starts)}
    earlier_rows = [index.get(start - pd.DateOffset(years=1)) for start in starts]
    columns: dict[str, list[object]] = {
        "year_earlier_quarter": [],
        "year_earlier_count": [],
        "year_earlier_rate_per_100k_a_year": [],
        "change_pct": [],
        "rate_ratio": [],
        "ci_low": [],
        "ci_high": [],
        "p_value": [],
        "comparison": [],
    }
    for i, j in enumerate(earlier_rows):
        earlier = frame.iloc[j] if j is not None else None
        reason = _comparison_reason(frame.iloc[i], earlier)
        columns["year_earlier_quarter"].append(earlier.quarter if earlier is not None else None)
        columns["year_earlier_count"].append(
            int(earlier.knife_enabled_serious_violence) if earlier is not None else pd.NA
        )
        columns["year_earlier_rate_per_100k_a_year"].append(
            earlier.rate_per_100k_a_year if earlier is not None else float("nan")
        )
        columns["comparison"].append(reason)
        ratio = low = high = p = float("nan")
        if reason == COMPARED:
            ratio, low, high, p = exact_rate_ratio(
                counts.iloc[i], person_years.iloc[i], counts.iloc[j], person_years.iloc[j]
            )
        columns["rate_ratio"].append(ratio)
        columns["ci_low"].append(low)
        columns["ci_high"].append(high)
        columns["p_value"].append(p)
        columns["change_pct"].append(100 * (ratio - 1))
    for name, values in columns.items():
        frame[name] = values
    frame["year_earlier_count"] = frame.year_earlier_count.astype("Int64")
    frame["population_year"] = frame.population_year.astype("Int64")
    return SectionTable(
        name="core_measures_knife_rate",
        title=(
            "Knife-enabled serious violence per 100,000 residents, against the same quarter a "
            "year earlier"
        ),
        frame=frame,
        notes=(
            "Rate per 100,000 residents a year = the quarter's knife-enabled serious violence ÷ "
            "(residents of the area × 3/12) × 100,000, with the population of the quarter's "
            "calendar year (nearest year with an estimate: the population year). A quarter is "
            "compared with the same quarter a year earlier, so the season cancels out, and only "
            "when both are complete (all three months inside the period and holding force crime "
            "records); otherwise the comparison column says why not. Rate ratio with an exact "
            "Poisson 95% confidence interval (conditional binomial method); change % = 100 × "
            "(ratio − 1)."
        ),
        count_columns=("knife_enabled_serious_violence", "year_earlier_count"),
    )


def _comparison_reason(row: pd.Series, earlier: pd.Series | None) -> str:
    """``compared``, or in words why this quarter is not set against a year earlier."""
    if earlier is None:
        return "no same quarter a year earlier in the period"
    if not row.complete:
        return "this quarter is not complete"
    if not earlier.complete:
        return "the quarter a year earlier is not complete"
    if not row.population > 0 or not earlier.population > 0:
        return "no population estimate for the area"
    return COMPARED


def _latest_comparison(frame: pd.DataFrame) -> pd.Series | None:
    compared = frame[frame.comparison == COMPARED]
    return compared.iloc[-1] if not compared.empty else None


def _knife_words(row: pd.Series) -> str:
    return (
        f"Knife-enabled serious violence was {row.rate_per_100k_a_year:.1f} per 100,000 "
        f"residents a year in {row.quarter} "
        f"({count_words(int(row.knife_enabled_serious_violence))} offences) against "
        f"{row.year_earlier_rate_per_100k_a_year:.1f} in {row.year_earlier_quarter} "
        f"({count_words(int(row.year_earlier_count))}): rate ratio "
        f"{row.rate_ratio:.2f}, 95% CI {row.ci_low:.2f} to {row.ci_high:.2f}"
    )


def _knife_sentence(frame: pd.DataFrame) -> str:
    latest = _latest_comparison(frame)
    if latest is None:
        return (
            "No quarter of knife-enabled serious violence can be compared with the same quarter "
            "a year earlier: that needs two complete quarters a year apart and a population."
        )
    significant = latest.ci_low > 1 or latest.ci_high < 1
    verdict = (
        "a change larger than chance alone would explain"
        if significant
        else "within what chance alone could explain"
    )
    return f"{_knife_words(latest)}, {verdict}."


def _knife_findings(frame: pd.DataFrame) -> list[Finding]:
    """The latest comparable quarter, when its interval excludes 1."""
    latest = _latest_comparison(frame)
    if latest is None or not (latest.ci_low > 1 or latest.ci_high < 1):
        return []
    word = "higher" if latest.rate_ratio > 1 else "lower"
    return [
        Finding(
            KEY,
            f"Knife-enabled serious violence was {latest.rate_per_100k_a_year:.1f} per 100,000 "
            f"residents a year in {latest.quarter}, {abs(latest.change_pct):.0f}% {word} than "
            f"in {latest.year_earlier_quarter} (rate ratio {latest.rate_ratio:.2f}, 95% CI "
            f"{latest.ci_low:.2f} to {latest.ci_high:.2f}).",
            evidence="core_measures_knife_rate",
            effect=times(latest.rate_ratio),
            tested=True,
        )
    ]


# -- homicide victims by age band -----------------------------------------------------------------


def financial_year_label(month: pd.Timestamp) -> str:
    """``2023-04-01`` → ``2023/24``; ``2024-03-01`` → ``2023/24``."""
    year = month.year if month.month >= 4 else month.year - 1
    return f"{year}/{(year + 1) % 100:02d}"


def _homicide_victims_table(ctx: AnalysisContext) -> SectionTable | None:
    """Victims of homicide per financial year by age band (None without victim records)."""
    if not ctx.has_rows("crime_people"):
        return None
    crimes = ctx.crimes
    homicides = crimes.filter(crimes.ho_code.isin(list(HOMICIDE_CODES))).select(
        h_ref="crime_ref", month="occurred_month"
    )
    people = ctx.con.table("crime_people")
    victims = people.filter(people.role == "victim").select(v_ref="crime_ref", age="age")
    joined = homicides.left_join(victims, homicides.h_ref == victims.v_ref)
    rows = joined.select(
        "h_ref",
        "month",
        has_victim=joined.v_ref.notnull(),
        band=age_band(joined.age),
    ).to_pandas()  # homicides are few: one row per victim
    years = _financial_years(ctx)
    if not years:
        return None
    rows["year"] = [financial_year_label(pd.Timestamp(m)) for m in rows.month]
    named = rows[rows.has_victim]
    table = pd.DataFrame({"financial_year": [label for label, _ in years]})
    table["months_in_period"] = [months for _, months in years]
    table["homicides"] = table.financial_year.map(rows.groupby("year").h_ref.nunique())
    for label, suffix in BAND_COLUMNS.items():
        per_year = named[named.band == label].groupby("year").size()
        table[f"victims_{suffix}"] = table.financial_year.map(per_year)
    without = rows[~rows.has_victim].groupby("year").h_ref.nunique()
    table["homicides_without_victim_record"] = table.financial_year.map(without)
    counts = [column for column in table.columns if column not in ("financial_year",)]
    table[counts] = table[counts].fillna(0).astype("int64")
    table["victims_under_25"] = table.victims_0_17 + table.victims_18_24
    table["victims_all_ages"] = (
        table.victims_0_17 + table.victims_18_24 + table.victims_25_plus + table.victims_age_unknown
    )
    order = ["financial_year", "months_in_period", "homicides", "victims_0_17", "victims_18_24"]
    order += ["victims_under_25", "victims_25_plus", "victims_age_unknown", "victims_all_ages"]
    order += ["homicides_without_victim_record"]
    count_columns = tuple(c for c in order if c not in ("financial_year", "months_in_period"))
    return SectionTable(
        name="core_measures_homicide_victims",
        title="Homicide victims by age band, by financial year",
        frame=table[order],
        notes=(
            "Victim records on homicides (Home Office codes 1, 4/1, 4/2, 4/10) in scope, by the "
            "financial year of the offence and the victim's age at the offence; under 25 = 0-17 "
            "+ 18-24. Months in the period below 12 marks a part year, which is not comparable "
            "with a whole one."
        ),
        count_columns=count_columns,
    )


def _financial_years(ctx: AnalysisContext) -> list[tuple[str, int]]:
    """``(label, months of it in the period)`` for each financial year the period touches."""
    counts: dict[str, int] = {}
    for month in period_months(ctx):
        label = financial_year_label(pd.Timestamp(month))
        counts[label] = counts.get(label, 0) + 1
    return list(counts.items())


def _homicide_sentence(frame: pd.DataFrame) -> str:
    victims, young = int(frame.victims_all_ages.sum()), int(frame.victims_under_25.sum())
    if not victims:
        return "No homicide victim is recorded in scope."
    return (
        f"Of {count_words(victims)} homicide victims recorded over the period, "
        f"{100 * young / victims:.0f}% were under 25."
    )
