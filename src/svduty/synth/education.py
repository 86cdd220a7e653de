"""School suspensions and permanent exclusions, with the DfE reasons schools record.

Exclusions peak at ages 13-15, happen on school days in term time, concentrate in deprived areas,
and a quarter or more are for assault or an offensive weapon: the route from exclusion to serious
violence that the needs assessments trace.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from svduty.synth.people import person_ids
from svduty.synth.population import ETHNICITIES
from svduty.synth.sampling import choose
from svduty.synth.world import World

EVENTS_PER_CRIME = 0.12
PERMANENT_SHARE = 0.015
SUSPENSION_REASONS = {
    "Persistent disruptive behaviour": 0.33,
    "Physical assault against a pupil": 0.17,
    "Verbal abuse or threatening behaviour against an adult": 0.14,
    "Verbal abuse or threatening behaviour against a pupil": 0.06,
    "Physical assault against an adult": 0.06,
    "Use or threat of use of an offensive weapon or prohibited item": 0.035,
    "Drug and alcohol related": 0.04,
    "Damage": 0.03,
    "Bullying": 0.02,
    "Racist abuse": 0.015,
    "Sexual misconduct": 0.01,
    "Theft": 0.01,
    "Other": 0.08,
}
EXCLUSION_REASONS = {
    "Persistent disruptive behaviour": 0.34,
    "Physical assault against a pupil": 0.16,
    "Physical assault against an adult": 0.12,
    "Use or threat of use of an offensive weapon or prohibited item": 0.1,
    "Drug and alcohol related": 0.1,
    "Verbal abuse or threatening behaviour against an adult": 0.08,
    "Other": 0.1,
}
VIOLENCE_OR_WEAPON_REASONS = (
    "Physical assault against a pupil",
    "Physical assault against an adult",
    "Use or threat of use of an offensive weapon or prohibited item",
)
AGES = np.arange(5, 17)
AGE_WEIGHTS = np.array([0.01, 0.015, 0.02, 0.03, 0.035, 0.04, 0.07, 0.12, 0.18, 0.2, 0.17, 0.11])


def _school_days(year: int) -> np.ndarray:
    days = np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"))
    dow = (days.astype(np.int64) + 3) % 7
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return days[(dow < 5) & (month != 8)]


def education_year(
    world: World, year_index: int, first_pupil: int, rng: np.random.Generator
) -> tuple[pa.Table, int]:
    """One calendar year of exclusion events; returns the table and the next pupil number."""
    year = world.years[year_index]
    n = int(rng.poisson(world.scale.crimes_per_year * EVENTS_PER_CRIME))
    pupils = max(1, n // 2)
    weight = 1.0 / (np.arange(pupils) + 3.0) ** 0.6
    pupil = rng.choice(pupils, size=n, p=weight / weight.sum())
    age = rng.choice(AGES, size=pupils, p=AGE_WEIGHTS / AGE_WEIGHTS.sum())
    sex = choose(rng, {"M": 0.72, "F": 0.28}, pupils)
    send = np.where(rng.random(pupils) < 0.45, "Y", "N")
    ethnicity = rng.choice(np.array(ETHNICITIES), size=pupils, p=[0.07, 0.05, 0.06, 0.8, 0.02])
    residence = rng.choice(world.areas.n, size=pupils, p=world.violence_surface[year_index])

    permanent = rng.random(n) < PERMANENT_SHARE
    reason = choose(rng, SUSPENSION_REASONS, n)
    reason[permanent] = choose(rng, EXCLUSION_REASONS, int(permanent.sum()))
    days = _school_days(year)
    day = np.sort(days[rng.integers(0, len(days), size=n)])
    numbers = first_pupil + pupil
    table = pa.table(
        {
            "pupil_id": pc.binary_join_element_wise(
                "S", pc.utf8_slice_codeunits(person_ids(numbers + 50_000_000), 1), ""
            ),
            "event_date": np.datetime_as_string(day, unit="D"),
            "event_type": np.where(permanent, "permanent_exclusion", "suspension"),
            "reason": reason,
            "age": age[pupil],
            "sex": sex[pupil],
            "ethnicity": ethnicity[pupil],
            "send": send[pupil],
            "residence_lsoa": world.areas.lsoa_code[residence[pupil]],
        }
    )
    return table, first_pupil + pupils
