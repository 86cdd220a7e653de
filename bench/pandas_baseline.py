"""A straightforward pandas implementation of the needs assessment's crime-derived tables.

The yardstick for benchmark (b): what an analyst would write without svduty. The warehouse
tables are read whole into pandas with DuckDB's ``.df()``; the crime scope (anti-social behaviour
out), the youngest victim and suspect ages (a groupby of people), the classification (``isin`` on
each rule's offence codes, boolean flags) and every aggregation are pandas.

Same as svduty on purpose, so the comparison is of the crime aggregation only: the small,
non-crime inputs (LSOA hierarchy, person-years from the population table, IMD deciles, the
X99 admissions per quarter) come from svduty's own helpers, and the small-table arithmetic after
aggregation (the periods' complete-year comparisons and rolling sums, exact rate-ratio CIs,
concentration, LSOA roll-ups, decile summary) calls the sections' own functions on the pandas
aggregates. Gi* hotspots, emerging hot spots and
the IMD-domain GLM are not computed here (they are statistics, not crime aggregation);
svduty's timing still includes them, so the speed-up is understated, never overstated.

Supported scope: the whole warehouse (no ``--area`` or period), a definition whose rules use
offence codes / groups / subgroups, flags and victim or suspect ages (not location type or
data.police.uk crime types) — the benchmark's ``northamptonshire`` definition and the tests'.
"""

from __future__ import annotations

import time
from datetime import date

import numpy as np
import pandas as pd

from svduty.analysis import core_measures, deprivation, people, place, profile, trends
from svduty.analysis import time_of_day as tod
from svduty.analysis.context import FORCE_SOURCE, AnalysisContext
from svduty.analysis.exposure import (
    annual_population,
    lsoa_person_years,
    lsoa_person_years_by_year,
)
from svduty.analysis.ratios import rate_ratio
from svduty.definitions.classifier import _offence_in_rule
from svduty.definitions.schema import Definition, tag_label
from svduty.reference import AGE_BANDS, HOMICIDE_COMPONENTS, MERGED_HOMICIDE, knife_selected_codes
from svduty.reference.offence_codes import ho_code_spellings, offence_codes

#: the tables this baseline reproduces (names as in docs/analysis-tables.md)
TABLES = (
    "profile_by_year",
    "profile_overall",
    "profile_by_category",
    "trends_monthly",
    "trends_annual",
    "trends_financial_years",
    "trends_seasonality",
    "place_lsoa",
    "place_district",
    "place_csp",
    "place_concentration",
    "place_lorenz",
    "place_gini",
    "deprivation_by_decile",
    "deprivation_summary",
    "people_by_age_band",
    "people_by_sex",
    "people_by_ethnicity",
    "people_repeat",
    "time_hour_weekday",
    "time_month_of_year",
    "time_night_time_economy",
    "core_measures_quarterly",
)


def classify(crimes: pd.DataFrame, definition: Definition) -> pd.DataFrame:
    """``sv_<tag>`` for each tag of the definition and ``is_serious_violence``, with pandas."""
    if any(r.public_space is not None or r.police_uk_crime_types for r in definition.rules):
        raise NotImplementedError("the pandas baseline classifies on codes, flags and ages only")
    reference = offence_codes()
    spellings = ho_code_spellings(crimes.ho_code.dropna().unique().tolist())
    hits: dict[str, pd.Series] = {}
    for rule in definition.rules:
        match = pd.Series(True, index=crimes.index)
        if rule.has_offence_condition:
            codes = [
                raw
                for raw, code in spellings.items()
                if code is not None and _offence_in_rule(reference[code], rule)
            ]
            match &= crimes.ho_code.isin(codes)
        for flag in ("knife", "firearm", "domestic_abuse"):
            wanted = getattr(rule, flag)
            if wanted is not None:
                flagged = crimes[flag].fillna(False).astype(bool)
                match &= flagged if wanted else ~flagged
        if rule.has_age_condition:
            match &= _age_condition(crimes, rule)
        tag = rule.tag
        hits[tag] = hits[tag] | match if tag in hits else match
    serious = pd.Series(False, index=crimes.index)
    for tag in definition.tags:
        column = hits.get(tag, pd.Series(False, index=crimes.index))
        crimes[f"sv_{tag}"] = column
        serious |= column
    crimes["is_serious_violence"] = serious
    return crimes


def _age_condition(crimes: pd.DataFrame, rule) -> pd.Series:
    victim, suspect = crimes.youngest_victim_age, crimes.youngest_suspect_age
    ok = pd.Series(True, index=crimes.index)

    def under(age: pd.Series, limit: int) -> pd.Series:
        below = (age < limit).fillna(False).astype(bool)
        return below | age.isna() if rule.missing_age_matches else below

    if rule.victim_age_under is not None:
        ok &= under(victim, rule.victim_age_under)
    if rule.suspect_age_under is not None:
        ok &= under(suspect, rule.suspect_age_under)
    if rule.victim_or_suspect_age_under is not None:
        limit = rule.victim_or_suspect_age_under
        either = (victim < limit).fillna(False).astype(bool) | (suspect < limit).fillna(
            False
        ).astype(bool)
        if rule.missing_age_matches:
            either |= victim.isna() & suspect.isna()
        ok &= either
    return ok


def _age_band(age: pd.Series) -> pd.Series:
    band = pd.Series("Unknown", index=age.index, dtype=object)
    for spec in reversed(AGE_BANDS):  # first matching band wins, as in ibis.cases
        inside = age >= spec.min_age
        if spec.max_age is not None:
            inside &= age <= spec.max_age
        band[inside.fillna(False).astype(bool)] = spec.label
    return band


def load(con) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The crimes and crime_people tables, whole, as pandas frames (``.df()``)."""
    crimes = con.sql(
        "SELECT source, crime_ref, ho_code, occurred_at, occurred_month, lsoa_code, knife, "
        "firearm, domestic_abuse FROM crimes"
    ).df()
    persons = con.sql(
        "SELECT crime_ref, person_key, role, age, sex, ethnicity FROM crime_people"
    ).df()
    return crimes, persons


def crime_tables(
    ctx: AnalysisContext, crimes: pd.DataFrame, persons: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Every table of ``TABLES`` from the raw frames (``ctx`` only for non-crime lookups)."""
    scope, definition = ctx.scope, ctx.scope.definition
    if scope.area_code or scope.start_month or scope.end_month or definition.proxy:
        raise NotImplementedError("the pandas baseline covers the whole warehouse, force records")
    crimes = crimes[crimes.source == FORCE_SOURCE]
    crimes["occurred_month"] = pd.to_datetime(crimes.occurred_month)
    # youngest victim and suspect ages: a groupby of people per crime, when a rule reads them
    # (svduty's context skips the same work for a definition without age rules)
    if any(rule.has_age_condition for rule in definition.rules):
        youngest = (
            persons[persons.role.isin(["victim", "suspect"])]
            .groupby(["crime_ref", "role"])
            .age.min()
            .unstack("role")
            .rename(columns={"victim": "youngest_victim_age", "suspect": "youngest_suspect_age"})
        )
        for column in ("youngest_victim_age", "youngest_suspect_age"):
            if column not in youngest.columns:
                youngest[column] = np.nan
        crimes = crimes.merge(
            youngest[["youngest_victim_age", "youngest_suspect_age"]],
            left_on="crime_ref",
            right_index=True,
            how="left",
        )
    crimes = classify(crimes, definition)
    sv = crimes[crimes.is_serious_violence]

    first, last = crimes.occurred_month.min(), crimes.occurred_month.max()
    months = [stamp.date() for stamp in pd.date_range(first, last, freq="MS")]
    # Rates are over the months that hold crime: a month with no rows is a gap in the data.
    held = {pd.Timestamp(month).date() for month in crimes.occurred_month.unique()}
    at_risk = [month for month in months if month in held]
    out: dict[str, pd.DataFrame] = {}
    out.update(_profile(crimes, sv, definition))
    out.update(_trends(ctx, sv, months, at_risk))
    out.update(_place(ctx, sv, at_risk))
    out.update(_deprivation(ctx, sv, at_risk))
    out.update(_people(sv, persons))
    out.update(_time(sv, at_risk))
    out.update(_core_measures(ctx, crimes, months))
    return out


def _profile(crimes, sv, definition) -> dict[str, pd.DataFrame]:
    knife = crimes.knife.fillna(False).astype(bool)
    has_knife_flag = bool(crimes.knife.notna().any())
    frame = pd.DataFrame(
        {
            "year": crimes.occurred_month.dt.year,
            "sv": crimes.is_serious_violence,
            "knife": crimes.is_serious_violence & knife,
        }
    )
    by_year = (
        frame.groupby("year")
        .agg(
            all_crime=("sv", "size"), serious_violence=("sv", "sum"), knife_enabled=("knife", "sum")
        )
        .reset_index()
        .astype("int64")
    )
    overall = by_year[["all_crime", "serious_violence", "knife_enabled"]].sum().to_frame().T
    overall = overall.astype("int64").reset_index(drop=True)
    for table in (by_year, overall):
        table["sv_share_pct"] = profile._pct(table.serious_violence, table.all_crime)
        table["knife_share_pct"] = profile._pct(table.knife_enabled, table.serious_violence)
        if not has_knife_flag:
            table["knife_enabled"] = pd.NA
            table["knife_share_pct"] = float("nan")
    columns = ["all_crime", "serious_violence", "sv_share_pct", "knife_enabled", "knife_share_pct"]
    tags = definition.tags
    categories = pd.DataFrame(
        {
            "category": list(tags),
            "label": [tag_label(tag) for tag in tags],
            "crimes": [int(sv[f"sv_{tag}"].sum()) for tag in tags],
        }
    )
    categories["share_of_sv_pct"] = profile._pct(categories.crimes, float(len(sv)))
    categories = categories.sort_values("crimes", ascending=False).reset_index(drop=True)
    return {
        "profile_by_year": by_year[["year", *columns]],
        "profile_overall": overall[columns],
        "profile_by_category": categories,
    }


def _trends(ctx, sv, months: list[date], held: list[date]) -> dict[str, pd.DataFrame]:
    """The monthly series counted in pandas; the periods' arithmetic is the section's own."""
    counts = sv.groupby("occurred_month").size()
    monthly = pd.DataFrame({"month": months})
    monthly["serious_violence"] = [int(counts.get(pd.Timestamp(m), 0)) for m in months]
    population = annual_population(ctx, sorted({month.year for month in months}))
    residents = dict(zip(population.year, population.population, strict=True))
    monthly["person_years"] = [residents.get(month.year, np.nan) / 12 for month in months]
    sources = dict(zip(population.year, population.population_year, strict=True))
    result = trends.from_monthly(monthly, held, sources)
    return {table.name: table.frame for table in result.tables if table.name in TABLES}


def _place(ctx, sv, months: list[date]) -> dict[str, pd.DataFrame]:
    located = sv[sv.lsoa_code.notna()]
    by_year = (
        located.assign(year=located.occurred_month.dt.year)
        .groupby(["lsoa_code", "year"])
        .size()
        .rename("serious_violence")
        .reset_index()
    )
    exposure = lsoa_person_years_by_year(ctx, months)
    lsoas = place._lsoa_table(ctx, by_year, exposure)
    counts = lsoas.serious_violence.to_numpy()
    coefficient = place.gini(counts)
    return {
        "place_lsoa": lsoas.drop(columns=["percentile"]),
        "place_district": place._rollup(lsoas, "district"),
        "place_csp": place._rollup(lsoas, "csp"),
        "place_concentration": place.concentration(counts),
        "place_lorenz": place.lorenz(counts),
        "place_gini": pd.DataFrame({"lsoas": [len(counts)], "gini": [coefficient]}),
    }


def _deprivation(ctx, sv, months: list[date]) -> dict[str, pd.DataFrame]:
    deciles = deprivation.deprivation_deciles(ctx)
    wide = deciles.pivot_table(
        index="area_code", columns="indicator", values="value", aggfunc="last"
    )
    located = sv[sv.lsoa_code.notna()]
    counts = located.groupby("lsoa_code").size().rename("serious_violence").reset_index()
    lsoas = wide.reset_index().rename(columns={"area_code": "lsoa_code"})
    lsoas = lsoas.merge(counts, on="lsoa_code", how="left")
    lsoas["serious_violence"] = lsoas.serious_violence.fillna(0).astype("int64")
    exposure = lsoa_person_years(ctx, months)
    lsoas = lsoas.merge(exposure[["lsoa_code", "person_years"]], on="lsoa_code", how="left")
    lsoas["imd_decile"] = lsoas[deprivation.IMD]
    lsoas = lsoas[lsoas.imd_decile.notna()]
    total_sv = len(located)
    summary, _ = deprivation._summary(lsoas, total_sv)
    return {
        "deprivation_by_decile": deprivation._by_decile(lsoas, total_sv),
        "deprivation_summary": summary,
    }


def _people(sv, persons) -> dict[str, pd.DataFrame]:
    records = persons[persons.role.isin(people.ROLES)]
    records = records[records.crime_ref.isin(sv.crime_ref)].copy()
    records["age_band"] = _age_band(records.age)
    records["sex"] = records.sex.fillna(people.UNKNOWN)
    records["ethnicity"] = records.ethnicity.fillna(people.NOT_STATED)
    counts = (
        records.groupby(["role", "age_band", "sex", "ethnicity"])
        .size()
        .rename("records")
        .reset_index()
    )
    out = {
        f"people_by_{dim}": people._profile_table(counts, dim).frame
        for dim in ("age_band", "sex", "ethnicity")
    }
    per_person = records.groupby(["role", "person_key"]).crime_ref.nunique().rename("crimes")
    repeaters = per_person[per_person >= people.REPEAT_MIN_CRIMES].reset_index()
    people_counts = (
        per_person.reset_index()
        .groupby("role")
        .crimes.agg(
            people="size", repeat_people=lambda c: int((c >= people.REPEAT_MIN_CRIMES).sum())
        )
    )
    crimes_with_role = records.groupby("role").crime_ref.nunique().rename("crimes")
    on_repeat = records.merge(repeaters[["role", "person_key"]], on=["role", "person_key"])
    repeat_crimes = on_repeat.groupby("role").crime_ref.nunique().rename("repeat_crimes")
    frame = (
        pd.DataFrame({"role": list(people.ROLES)})
        .merge(people_counts.reset_index(), on="role", how="left")
        .merge(crimes_with_role.reset_index(), on="role", how="left")
        .merge(repeat_crimes.reset_index(), on="role", how="left")
        .fillna(0)
    )
    for column in ("people", "repeat_people", "crimes", "repeat_crimes"):
        frame[column] = frame[column].astype("int64")
    total_sv = len(sv)
    frame["repeat_share_of_people"] = frame.repeat_people / frame.people.where(frame.people > 0)
    frame["serious_violence_crimes"] = total_sv
    frame["repeat_share_of_crimes"] = frame.repeat_crimes / total_sv if total_sv else np.nan
    out["people_repeat"] = frame
    return out


def _time(sv, months: list[date]) -> dict[str, pd.DataFrame]:
    out = {}
    counts = sv.groupby(sv.occurred_month.dt.month).size()
    frame = pd.DataFrame({"month": range(1, 13)})
    frame["crimes"] = counts.reindex(range(1, 13), fill_value=0).astype("int64").to_numpy()
    frame.insert(1, "month_name", tod.MONTHS)
    with_data = pd.Series([m.month for m in months]).value_counts()
    frame["months_with_data"] = [int(with_data.get(m, 0)) for m in frame.month]
    frame["mean_per_month"] = frame.crimes / frame.months_with_data.where(
        frame.months_with_data > 0
    )
    out["time_month_of_year"] = frame

    when = sv.occurred_at.dropna()
    day, hour = when.dt.day_of_week, when.dt.hour
    grid = pd.MultiIndex.from_product([range(7), range(24)], names=["weekday_index", "hour"])
    heat = (
        pd.DataFrame({"weekday_index": day, "hour": hour})
        .groupby(["weekday_index", "hour"])
        .size()
        .rename("crimes")
        .reindex(grid, fill_value=0)
        .reset_index()
    )
    heat["crimes"] = heat.crimes.astype("int64")
    heat.insert(1, "weekday", [tod.WEEKDAYS[i] for i in heat.weekday_index])
    total = int(heat.crimes.sum())
    heat["share"] = heat.crimes / total
    out["time_hour_weekday"] = heat

    late, early = hour >= tod.NTE_START_HOUR, hour < tod.NTE_END_HOUR
    nte = (
        ((day == tod.FRIDAY) & late)
        | ((day == tod.SATURDAY) & (late | early))
        | ((day == tod.SUNDAY) & early)
    )
    inside = int(nte.sum())
    outside = total - inside
    other_hours = tod.HOURS_PER_WEEK - tod.NTE_HOURS_PER_WEEK
    window = pd.DataFrame(
        {
            "window": ["night-time economy", "other hours"],
            "crimes": [inside, outside],
            "hours_per_week": [tod.NTE_HOURS_PER_WEEK, other_hours],
        }
    )
    window["share"] = window.crimes / total if total else float("nan")
    window["crimes_per_weekly_hour"] = window.crimes / window.hours_per_week
    ratios = rate_ratio(
        [inside, outside],
        [tod.NTE_HOURS_PER_WEEK, other_hours],
        [outside, inside],
        [other_hours, tod.NTE_HOURS_PER_WEEK],
    )
    out["time_night_time_economy"] = pd.concat([window, ratios], axis=1)
    return out


def _core_measures(ctx, crimes, months: list[date]) -> dict[str, pd.DataFrame]:
    coded = crimes[crimes.ho_code.notna()]
    month = coded.occurred_month
    # first month of the financial quarter (Apr, Jul, Oct, Jan), as a month index
    index = month.dt.year * 12 + month.dt.month - 1 - (month.dt.month - 4) % 3
    start = pd.to_datetime({"year": index // 12, "month": index % 12 + 1, "day": 1})
    homicide = coded.ho_code.isin([*HOMICIDE_COMPONENTS, MERGED_HOMICIDE])
    knife = coded.knife.fillna(False).astype(bool) & coded.ho_code.isin(
        sorted(knife_selected_codes())
    )
    police = (
        pd.DataFrame({"quarter_start": start, "homicide": homicide, "knife": knife})
        .groupby("quarter_start")
        .agg(homicide=("homicide", "sum"), knife_enabled_serious_violence=("knife", "sum"))
        .reset_index()
    )
    parts = [(police, core_measures.POLICE_MEASURES)]
    if ctx.has_rows("hospital_admissions"):
        health = core_measures._admission_counts(ctx)
        if health is not None:  # the age bands go to their own table, not the quarterly one
            measures = core_measures.HEALTH_MEASURES
            parts.append((health[["quarter_start", *measures]], measures))
    starts = [q for part, _ in parts for q in part.quarter_start]
    starts += [core_measures._quarter_of(pd.Timestamp(m)) for m in (months[0], months[-1])]
    frame = pd.DataFrame({"quarter_start": pd.date_range(min(starts), max(starts), freq="3MS")})
    for part, measures in parts:
        frame = frame.merge(part, on="quarter_start", how="left")
        for measure in measures:
            frame[measure] = frame[measure].fillna(0).astype("int64")
    labels = [core_measures.quarter_label(pd.Timestamp(q)) for q in frame.quarter_start]
    frame.insert(0, "quarter", labels)
    in_quarter = pd.Series(
        [core_measures._quarter_of(pd.Timestamp(m)) for m in months]
    ).value_counts()
    frame.insert(
        2,
        "months_in_period",
        [int(in_quarter.get(pd.Timestamp(q), 0)) for q in frame.quarter_start],
    )
    frame["quarter_start"] = pd.to_datetime(frame.quarter_start).dt.date
    return {"core_measures_quarterly": frame}


def run(ctx: AnalysisContext, con) -> tuple[dict[str, pd.DataFrame], dict[str, float]]:
    """Load and compute, timing each stage; ``con`` is a DuckDB connection to the warehouse."""
    timings = {}
    began = time.perf_counter()

    def timed_load() -> tuple[pd.DataFrame, pd.DataFrame]:
        frames = load(con)
        timings["load"] = time.perf_counter() - began
        return frames

    # no reference to the raw frames is kept here, so pandas can free them once filtered
    tables = crime_tables(ctx, *timed_load())
    timings["compute"] = time.perf_counter() - began - timings["load"]
    return tables, timings


def svduty_tables(results) -> dict[str, pd.DataFrame]:
    """The frames of ``TABLES`` from ``run_sections`` results, by name."""
    frames = {table.name: table.frame for result in results for table in result.tables}
    return {name: frames[name] for name in TABLES if name in frames}


def assert_tables_equal(ours: dict[str, pd.DataFrame], theirs: dict[str, pd.DataFrame]) -> None:
    """Every baseline table equals svduty's: same rows after sorting, same columns, counts
    exact, floats to rtol 1e-9. Raises AssertionError naming the table."""
    missing = sorted(set(TABLES) - set(theirs))
    if missing:
        raise AssertionError(f"svduty produced no table {missing[0]!r}")
    for name in TABLES:
        if name not in ours:
            raise AssertionError(f"the pandas baseline produced no table {name!r}")
        left, right = _aligned(ours[name], theirs[name])
        try:
            pd.testing.assert_frame_equal(left, right, check_exact=False, rtol=1e-9, atol=0)
        except AssertionError as error:
            raise AssertionError(f"table {name}: {error}") from None


def _aligned(baseline: pd.DataFrame, svduty: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    columns = list(svduty.columns)
    if sorted(baseline.columns) != sorted(columns):
        raise AssertionError(
            f"columns differ: pandas {sorted(baseline.columns)} vs svduty {sorted(columns)}"
        )
    left, right = baseline[columns].copy(), svduty[columns].copy()
    for column in columns:
        left[column] = _normalised(left[column])
        right[column] = _normalised(right[column])
    keys = [c for c in columns if not pd.api.types.is_float_dtype(right[c])] or columns
    left = left.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)
    right = right.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)
    return left, right


def _normalised(column: pd.Series) -> pd.Series:
    """One dtype per kind: int64 counts, float64 measures, object text/dates."""
    if pd.api.types.is_bool_dtype(column):
        return column.astype(bool)
    if pd.api.types.is_integer_dtype(column):
        return column.astype("int64")
    if pd.api.types.is_float_dtype(column):
        return column.astype("float64")
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.date.astype(object)
    values = column.astype(object)
    return values.where(values.notna(), None)
