"""Generate a complete synthetic partnership data set into a folder.

Every random draw comes from a numpy Generator seeded with ``(seed, stream, year, month)``, so the
same seed gives byte-identical files and no step's randomness depends on another's. The police,
ED and hospital extracts are generated and written a month at a time (bounded memory at national
scale); the cohorts, exclusions and case studies a year at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from svduty.errors import SvdutyError
from svduty.synth import calibration
from svduty.synth.case_studies import case_studies
from svduty.synth.cohorts import cohort_year
from svduty.synth.crimes import PoliceState, generate_month, plans
from svduty.synth.education import education_year
from svduty.synth.health import admissions_month, ed_month
from svduty.synth.measures import measure_all
from svduty.synth.people import POOL_SIZE_PER_CRIME, PersonCounter, build_pool
from svduty.synth.population import population_table
from svduty.synth.scales import Scale, get_scale
from svduty.synth.world import EMERGING_YEARS, build_world
from svduty.synth.writers import (
    TableSink,
    geo_lookup_table,
    imd_table,
    write_boundaries,
    write_manifest,
    write_table,
)

DEFAULT_END_YEAR = 2024
DEFAULT_SEED = 2024
FORMATS = ("csv", "parquet")
# Names of the files in the order they are written; manifest row counts use these keys.
FILES = (
    "boundaries.geojson",
    "geo_lookup.csv",
    "imd.csv",
    "population.csv",
    "police_crimes.csv",
    "police_people.csv",
    "ed_assaults.csv",
    "hospital_admissions.csv",
    "youth_justice.csv",
    "probation.csv",
    "education.csv",
    "case_studies.csv",
)

ALWAYS_CSV = ("geo_lookup.csv", "imd.csv", "population.csv")
Progress = Callable[[str, int, int], None]  # (step description, done, total)


def _rng(seed: int, *stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, *stream])


def generate(
    out_dir: Path,
    *,
    scale: str = "county",
    years: int = 5,
    seed: int = DEFAULT_SEED,
    end_year: int = DEFAULT_END_YEAR,
    fmt: str = "csv",
    progress: Progress | None = None,
    measure: bool = True,
) -> dict[str, Any]:
    """Write every extract, the lookups and ``manifest.json`` to ``out_dir``; return manifest."""
    check_options(out_dir, scale=scale, years=years, seed=seed, end_year=end_year, fmt=fmt)
    spec = get_scale(scale)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = progress or (lambda step, done, total: None)
    calendar = tuple(range(end_year - years + 1, end_year + 1))
    months = len(calendar) * 12
    total_steps = 3 + months + len(calendar) + 1

    world = build_world(spec, calendar, _rng(seed, 0))
    rows: dict[str, int] = {}
    rows["boundaries.geojson"] = write_boundaries(world.areas, out / "boundaries.geojson")
    rows["geo_lookup.csv"] = write_table(geo_lookup_table(world.areas), out / "geo_lookup.csv")
    rows["imd.csv"] = write_table(
        imd_table(world.areas, world.deprivation.columns), out / "imd.csv"
    )
    report("geography, deprivation", 1, total_steps)
    rows["population.csv"] = write_table(
        population_table(world.population, world.areas.lsoa_code), out / "population.csv"
    )
    report("population", 2, total_steps)

    plan = plans()
    mid = np.datetime64(f"{calendar[len(calendar) // 2]}-07-01")
    pool_rng = _rng(seed, 1)
    victims = build_pool(pool_rng, "victim", _pool_size(spec, "victim", years), 0, mid)
    suspects = build_pool(
        pool_rng, "suspect", _pool_size(spec, "suspect", years), len(victims.number), mid
    )
    state = PoliceState(
        pools={"victim": victims, "suspect": suspects},
        counter=PersonCounter(len(victims.number) + len(suspects.number)),
        sequence={},
    )
    sinks = {
        name: TableSink(out / name, fmt)
        for name in (
            "police_crimes.csv",
            "police_people.csv",
            "ed_assaults.csv",
            "hospital_admissions.csv",
        )
    }
    patient = 0
    step = 3
    for y, year in enumerate(calendar):
        for month in range(1, 13):
            produced = generate_month(world, plan, state, y, month, _rng(seed, 2, year, month))
            sinks["police_crimes.csv"].write(produced.crimes)
            sinks["police_people.csv"].write(produced.people)
            sinks["ed_assaults.csv"].write(
                ed_month(world, y, month, produced.ed_candidates, _rng(seed, 3, year, month))
            )
            admissions, patient = admissions_month(
                world, y, month, patient, _rng(seed, 4, year, month)
            )
            sinks["hospital_admissions.csv"].write(admissions)
            step += 1
            report(f"police, ED and hospital extracts {year}-{month:02d}", step, total_steps)
    for name, sink in sinks.items():
        rows[name] = sink.close()

    yearly = {
        name: TableSink(out / name, fmt)
        for name in ("youth_justice.csv", "probation.csv", "education.csv")
    }
    next_id = {"youth_justice": 0, "probation": 0, "education": 0}
    for y, year in enumerate(calendar):
        for cohort in ("youth_justice", "probation"):
            table, next_id[cohort] = cohort_year(
                world, cohort, y, next_id[cohort], _rng(seed, 5, year, len(cohort))
            )
            yearly[f"{cohort}.csv"].write(table)
        table, next_id["education"] = education_year(
            world, y, next_id["education"], _rng(seed, 6, year)
        )
        yearly["education.csv"].write(table)
        step += 1
        report(f"cohorts and exclusions {year}", step, total_steps)
    for name, sink in yearly.items():
        rows[name] = sink.close()
    rows["case_studies.csv"] = write_table(
        case_studies(world, _rng(seed, 7)), out / "case_studies.csv", fmt
    )

    manifest: dict[str, Any] = {
        "generator": "svduty synth",
        "area": spec.county_name,
        "scale": spec.name,
        "years": years,
        "seed": seed,
        "format": fmt,
        "period": {"start": f"{calendar[0]}-01", "end": f"{calendar[-1]}-12"},
        "calibration_definition": calibration.DEFINITION,
        "most_deprived_areas": "LSOAs in national IMD deciles 1-2 (most deprived 20% in England)",
        "files": {_file_name(name, fmt): count for name, count in rows.items()},
        "hotspots": {
            "persistent": [
                [str(code) for code in world.areas.lsoa_code[cluster]]
                for cluster in world.hotspots.persistent
            ],
            "emerging": [str(code) for code in world.areas.lsoa_code[world.hotspots.emerging]],
            # with two years or fewer there is no "before", so nothing emerges
            "emerging_from_year": calendar[-EMERGING_YEARS]
            if len(calendar) > EMERGING_YEARS
            else None,
        },
        "calibration_targets": calibration.target_table(),
        "achieved": {},
    }
    if measure and fmt == "csv":
        report("checking calibration", total_steps - 1, total_steps)
        manifest["achieved"] = measure_all(out)
        manifest["unmet_targets"] = calibration.unmet(manifest["achieved"])
    write_manifest(manifest, out / "manifest.json")
    report("done", total_steps, total_steps)
    return manifest


def check_options(
    out_dir: Path, *, scale: str, years: int, seed: int, end_year: int, fmt: str
) -> None:
    """Refuse impossible options with one line naming the option (before any work starts)."""
    get_scale(scale)
    if years < 1 or years > 20:
        raise SvdutyError(f"--years must be between 1 and 20, not {years}")
    if not 1990 <= end_year <= 2100:
        raise SvdutyError(f"--end-year must be a year between 1990 and 2100, not {end_year}")
    if fmt not in FORMATS:
        raise SvdutyError(f"unknown format {fmt!r}: choose csv or parquet")
    if seed < 0:
        raise SvdutyError(f"--seed must be zero or positive, not {seed}")
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise SvdutyError(f"output {out_dir} exists and is not a folder")


def _pool_size(spec: Scale, role: str, years: int) -> int:
    return max(50, round(spec.crimes_per_year * POOL_SIZE_PER_CRIME[role] * years))


def _file_name(name: str, fmt: str) -> str:
    if fmt == "parquet" and name not in ALWAYS_CSV and name.endswith(".csv"):
        return name.removesuffix(".csv") + ".parquet"
    return name
