"""Recompute the calibration figures from generated files with DuckDB (Ibis for the classifier).

Reads the files as an importer would (all text, then cast), so the figures describe what was
written, and classifies the police extract with the Northamptonshire preset of
``svduty.definitions``.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from svduty.definitions import classify, load_definition
from svduty.reference import HOMICIDE_COMPONENTS, knife_selected_codes
from svduty.synth.calibration import (
    COHORT_FLAGS,
    COHORT_SV_CODES,
    DEFINITION,
    LOCKDOWN_MONTHS,
    LOCKDOWN_YEARS,
    MOST_DEPRIVED_DECILES,
    PUBLIC_PLACES,
    TRIGGER_PEAK_AGES,
)
from svduty.synth.deprivation import decile_header
from svduty.synth.education import VIOLENCE_OR_WEAPON_REASONS
from svduty.synth.offences import offence_mix
from svduty.warehouse import scratch_connection
from svduty.warehouse.sql import identifier, in_list, literal, read_csv

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection
    from ibis.backends.duckdb import Backend

MEMORY_LIMIT = "2GB"
VIOLENCE_GROUPS = ("Violence against the person", "Robbery", "Sexual offences")
NTE_WINDOW = "(dayofweek(ts - INTERVAL 3 HOUR) IN (5, 6) AND hour(ts - INTERVAL 3 HOUR) >= 19)"


def _csv(path: Path) -> str:
    return read_csv(path, header=True, all_varchar=True)


def violence_codes() -> tuple[str, ...]:
    mix = offence_mix()
    codes = [str(c) for c, g in zip(mix.code, mix.group, strict=True) if g in VIOLENCE_GROUPS]
    return (*codes, "8U")


def violence_against_the_person_codes() -> tuple[str, ...]:
    """Home Office codes of the "Violence against the person" group (the lockdown measure)."""
    mix = offence_mix()
    return tuple(
        str(c) for c, g in zip(mix.code, mix.group, strict=True) if g == VIOLENCE_GROUPS[0]
    )


def classified_crimes(con: Backend, folder: Path) -> None:
    """Create table ``crimes`` (typed) with the Northamptonshire ``sv_*`` columns in ``con``."""
    con.raw_sql(
        f"""CREATE OR REPLACE TABLE raw_crimes AS
        SELECT crime_ref, ho_code, knife, firearm, domestic_abuse, location_type, lsoa_code,
               CAST(occurred_at AS TIMESTAMP) AS ts
        FROM {_csv(folder / "police_crimes.csv")}"""
    )
    table = classify(load_definition(DEFINITION), con.table("raw_crimes"))
    keep = [c for c in table.columns if c != "sv_categories"]
    con.create_table("crimes", table.select(*keep))


def measure_all(folder: Path) -> dict[str, float]:
    """Every calibration figure, recomputed from the files in ``folder``."""
    con = scratch_connection()
    try:
        return _figures(con, folder)
    finally:
        con.disconnect()


def _figures(con: Backend, folder: Path) -> dict[str, float]:
    con.raw_sql(f"SET memory_limit = {literal(MEMORY_LIMIT)}")  # keeps a national check under 4 GB
    classified_crimes(con, folder)
    db = con.con

    def one(sql: str) -> float:
        value = db.execute(sql).fetchone()[0]
        return round(float(value), 4) if value is not None else float("nan")

    achieved: dict[str, float] = {}
    achieved["serious_violence_share"] = one(
        "SELECT avg(CAST(is_serious_violence AS INTEGER)) FROM crimes"
    )
    db.execute("CREATE TEMP TABLE sv AS SELECT * FROM crimes WHERE is_serious_violence")
    achieved["mix_sexual_offences"] = one(
        "SELECT avg(CAST(sv_rape OR sv_other_sexual_offences AS INTEGER)) FROM sv"
    )
    achieved["mix_knife_enabled"] = one("SELECT avg(CAST(sv_knife_enabled AS INTEGER)) FROM sv")
    achieved["mix_robbery"] = one("SELECT avg(CAST(sv_robbery AS INTEGER)) FROM sv")

    imd = decile_header("Index of Multiple Deprivation (IMD)")
    db.execute(
        f"""CREATE TEMP TABLE imd AS SELECT "LSOA code (2011)" AS lsoa_code,
            CAST({identifier(imd)} AS INTEGER) AS decile FROM {_csv(folder / "imd.csv")}"""
    )
    achieved["most_deprived_share"] = one(
        f"""SELECT avg(CAST(decile IN {in_list(MOST_DEPRIVED_DECILES)} AS INTEGER))
            FROM sv JOIN imd USING (lsoa_code)"""
    )
    achieved["top5pct_lsoa_share"] = one(
        """WITH counts AS (
             SELECT imd.lsoa_code, count(sv.crime_ref) AS n FROM imd
             LEFT JOIN sv USING (lsoa_code) GROUP BY imd.lsoa_code),
           ranked AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS r FROM counts)
           SELECT sum(n) FILTER (WHERE r <= ceil(0.05 * (SELECT count(*) FROM counts)))
                  / sum(n) FROM ranked"""
    )
    achieved["max_lsoa_share"] = one(
        "SELECT max(n) / sum(n) FROM (SELECT count(*) AS n FROM sv GROUP BY lsoa_code)"
    )
    db.execute(
        f"""CREATE TEMP TABLE residents AS SELECT area_code AS lsoa_code,
            sum(CAST(population AS BIGINT)) AS person_years
            FROM {_csv(folder / "population.csv")} GROUP BY area_code"""
    )
    achieved.update(_deprivation_gradient(db))
    person_years = one("SELECT sum(person_years) FROM residents")
    achieved["homicide_per_million"] = round(
        one(f"SELECT count(*) FROM crimes WHERE ho_code IN {in_list(HOMICIDE_COMPONENTS)}")
        / person_years
        * 1e6,
        2,
    )
    achieved["knife_offences_per_thousand"] = round(
        one(
            f"""SELECT count(*) FROM crimes WHERE knife
                AND ho_code IN {in_list(sorted(knife_selected_codes()))}"""
        )
        / person_years
        * 1000,
        4,
    )
    achieved.update(_lockdown_changes(db))
    achieved["nte_window_share_of_violence_at_licensed_premises"] = one(
        f"""SELECT avg(CAST({NTE_WINDOW} AS INTEGER)) FROM crimes
            WHERE location_type = 'licensed_premises'
              AND ho_code IN {in_list(violence_codes())}"""
    )
    achieved["nte_window_share_of_serious_violence"] = one(
        f"SELECT avg(CAST({NTE_WINDOW} AS INTEGER)) FROM sv"
    )
    achieved["summer_to_winter_ratio"] = one(
        """SELECT count(*) FILTER (WHERE month(ts) IN (6, 7, 8))
                  / count(*) FILTER (WHERE month(ts) IN (12, 1, 2)) FROM sv"""
    )

    db.execute(
        f"""CREATE TEMP TABLE people AS SELECT crime_ref, person_id, role,
            TRY_CAST(age AS INTEGER) AS age FROM {_csv(folder / "police_people.csv")}"""
    )
    db.execute(
        f"""CREATE TEMP TABLE population AS SELECT age_band,
            sum(CAST(population AS BIGINT)) AS residents
            FROM {_csv(folder / "population.csv")} GROUP BY age_band"""
    )
    for role in ("suspect", "victim"):
        achieved[f"{role}_rate_ratio_18_24_vs_25plus"] = one(
            f"""WITH counted AS (
                 SELECT CASE WHEN age BETWEEN 18 AND 24 THEN '18-24'
                             WHEN age >= 25 THEN '25+' END AS age_band, count(*) AS n
                 FROM people JOIN sv USING (crime_ref)
                 WHERE role = {literal(role)} AND age >= 18 GROUP BY 1),
               rates AS (SELECT age_band, n / residents AS rate
                 FROM counted JOIN population USING (age_band))
               SELECT max(rate) FILTER (WHERE age_band = '18-24')
                      / max(rate) FILTER (WHERE age_band = '25+') FROM rates"""
        )
        achieved[f"repeat_{role}_share"] = one(
            f"""SELECT avg(CAST(n >= 2 AS INTEGER)) FROM (
                 SELECT person_id, count(DISTINCT crime_ref) AS n FROM people
                 WHERE role = {literal(role)} GROUP BY person_id)"""
        )

    achieved["ed_known_to_police_share"] = one(
        f"""WITH ed AS (
              SELECT row_number() OVER () AS ed_row, assault_lsoa,
                     TRY_CAST(assault_at AS TIMESTAMP) AS at
              FROM {_csv(folder / "ed_assaults.csv")}),
            violent AS (SELECT lsoa_code, ts FROM crimes
                        WHERE ho_code IN {in_list(violence_codes())}),
            matched AS (
              SELECT DISTINCT ed.ed_row FROM ed JOIN violent
                ON violent.lsoa_code = ed.assault_lsoa
               AND violent.ts BETWEEN ed.at - INTERVAL 2 HOUR AND ed.at + INTERVAL 2 HOUR)
            SELECT (SELECT count(*) FROM matched) / (SELECT count(*) FROM ed)"""
    )
    achieved["hospital_sharp_object_share"] = one(
        f"""SELECT avg(CAST(upper(icd10_cause) LIKE 'X99%' AS INTEGER))
            FROM {_csv(folder / "hospital_admissions.csv")}"""
    )

    flags = ", ".join(
        f"max({identifier(flag)} = 'Y')::INTEGER AS {identifier(flag)}" for flag in COHORT_FLAGS
    )
    db.execute(
        f"""CREATE TEMP TABLE offenders AS
            SELECT source, person_id, max(ho_code IN {in_list(COHORT_SV_CODES)}) AS sv, {flags}
            FROM (SELECT 'yj' AS source, * FROM {_csv(folder / "youth_justice.csv")}
                  UNION ALL BY NAME
                  SELECT 'probation' AS source, * FROM {_csv(folder / "probation.csv")})
            GROUP BY source, person_id"""
    )
    ratios = [
        one(
            f"""SELECT avg({column}) FILTER (WHERE sv) / avg({column}) FILTER (WHERE NOT sv)
                FROM offenders"""
        )
        for column in map(identifier, COHORT_FLAGS)
    ]
    achieved["cohort_flag_ratio_min"] = min(ratios)
    achieved["cohort_flag_ratio_max"] = max(ratios)
    achieved["exclusions_violence_or_weapon_share"] = one(
        f"""SELECT avg(CAST(reason IN {in_list(VIOLENCE_OR_WEAPON_REASONS)} AS INTEGER))
            FROM {_csv(folder / "education.csv")}"""
    )
    for event in TRIGGER_PEAK_AGES:
        achieved[f"peak_age_{event}"] = one(
            f"""SELECT CAST(age_at_event AS INTEGER) FROM {_csv(folder / "case_studies.csv")}
                WHERE event_type = {literal(event)} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"""
        )
    return achieved


def _deprivation_gradient(db: DuckDBPyConnection) -> dict[str, float]:
    """Serious violence per resident by IMD decile: decile 1 over 10, and the steps that rise.

    Residents are person-years (every year's population), so the rates cover the same period
    as the crimes; a county without every decile, or with none in decile 10, has no figure.
    """
    rates = [
        rate
        for _, rate in db.execute(
            """WITH people AS (SELECT decile, sum(person_years) AS person_years
                                FROM residents JOIN imd USING (lsoa_code) GROUP BY decile),
                    counted AS (SELECT decile, count(*) AS n
                                FROM sv JOIN imd USING (lsoa_code) GROUP BY decile)
               SELECT decile, coalesce(n, 0) / person_years
               FROM people LEFT JOIN counted USING (decile) ORDER BY decile"""
        ).fetchall()
    ]
    if len(rates) != 10 or not rates[-1]:
        return {}
    return {
        "deprivation_decile_ratio": round(rates[0] / rates[-1], 4),
        "deprivation_gradient_breaks": float(
            sum(later >= earlier for earlier, later in pairwise(rates))
        ),
    }


def _lockdown_changes(db: DuckDBPyConnection) -> dict[str, float]:
    """Crime in the lockdown months against the same months of the years with no lockdown.

    The change is the lockdown months' count over the average count of the same calendar months
    in the other years, minus one. Only when the period holds every lockdown month and at least
    one year with none; otherwise there is no figure.
    """
    months = {
        (int(y), int(m))
        for y, m in db.execute("SELECT DISTINCT year(ts), month(ts) FROM crimes").fetchall()
    }
    baseline_years = sorted({y for y, _ in months} - set(LOCKDOWN_YEARS))
    if not set(LOCKDOWN_MONTHS) <= months or not baseline_years:
        return {}
    in_lockdown = " OR ".join(
        f"(year(ts) = {year} AND month(ts) = {month})" for year, month in LOCKDOWN_MONTHS
    )
    calendar_months = in_list(sorted({month for _, month in LOCKDOWN_MONTHS}))
    violence = in_list(violence_against_the_person_codes())
    groups = {
        "lockdown_public_violence_change": f"""ho_code IN {violence} AND NOT domestic_abuse
            AND location_type IN {in_list(PUBLIC_PLACES)}""",
        "lockdown_robbery_change": "ho_code IN ('34A', '34B')",
        "lockdown_domestic_abuse_change": "domestic_abuse",
    }
    changes = {}
    for name, condition in groups.items():
        during, usual = db.execute(
            f"""SELECT count(*) FILTER (WHERE {in_lockdown}),
                       count(*) FILTER (WHERE year(ts) IN {in_list(baseline_years)}
                                        AND month(ts) IN {calendar_months})
                FROM crimes WHERE {condition}"""
        ).fetchone()
        expected = usual / len(baseline_years)
        changes[name] = round(during / expected - 1, 4) if expected else float("nan")
    return changes
