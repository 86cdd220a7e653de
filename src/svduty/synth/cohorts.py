"""Youth justice and probation cohorts: offences, outcomes and the vulnerabilities behind them.

Serious-violence offenders carry more special educational needs, care experience, exclusion and
adverse childhood experiences than other offenders (about twice as often, a calibration choice
within the 1.5-3 range set in ``calibration.py``), so risk-factor analysis has something to find.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from svduty.synth.calibration import COHORT_FLAGS
from svduty.synth.people import POLICE_ETHNICITIES, person_ids
from svduty.synth.sampling import choose
from svduty.synth.world import World

SV_OFFENCES = {
    "34B": 0.34, "5D": 0.16, "34A": 0.05, "20A": 0.12, "19C": 0.1, "19D": 0.05,
    "17A": 0.05, "20B": 0.05, "19F": 0.03, "2": 0.03, "1": 0.02,
}  # fmt: skip
OTHER_OFFENCES = {
    "105A": 0.16, "8N": 0.14, "46": 0.14, "58D": 0.08, "92E": 0.08, "92A": 0.07, "10D": 0.06,
    "49": 0.06, "28E": 0.05, "9A": 0.05, "48": 0.04, "45": 0.03, "8L": 0.04,
}  # fmt: skip
# (prevalence among other offenders, ratio for serious-violence offenders), in COHORT_FLAGS order
YOUTH_FLAGS = ((0.30, 2.0), (0.12, 2.1), (0.25, 2.1), (0.30, 1.9), (0.25, 1.9), (0.25, 1.85),
               (0.12, 2.1), (0.20, 2.0), (0.14, 1.9))  # fmt: skip
ADULT_FLAGS = ((0.15, 2.0), (0.10, 2.1), (0.18, 2.1), (0.22, 1.9), (0.2, 1.9), (0.2, 1.85),
               (0.10, 2.1), (0.15, 2.0), (0.12, 1.9))  # fmt: skip
YOUTH_OUTCOMES = {
    "Referral order": 0.3, "Youth rehabilitation order": 0.2, "Youth caution": 0.15,
    "Youth conditional caution": 0.12, "Community resolution": 0.15,
    "Detention and training order": 0.08,
}  # fmt: skip
ADULT_OUTCOMES = {
    "Community order": 0.38, "Suspended sentence order": 0.25, "Immediate custody": 0.22,
    "Licence": 0.15,
}  # fmt: skip
COHORTS = {
    # name: (persons per 1,000 crimes a year, SV share, age range, flags, outcomes, id prefix)
    "youth_justice": (6.0, 0.25, (10, 17), YOUTH_FLAGS, YOUTH_OUTCOMES, "Y"),
    "probation": (30.0, 0.2, (18, 64), ADULT_FLAGS, ADULT_OUTCOMES, "R"),
}


def cohort_year(
    world: World, cohort: str, year_index: int, first_person: int, rng: np.random.Generator
) -> tuple[pa.Table, int]:
    """One year of a cohort's offence records; returns the table and the next person number."""
    per_thousand, sv_share, (low, high), flags, outcomes, prefix = COHORTS[cohort]
    year = world.years[year_index]
    persons = int(rng.poisson(world.scale.crimes_per_year / 1000 * per_thousand))
    sv = rng.random(persons) < sv_share
    if cohort == "youth_justice":
        age0 = rng.choice(np.arange(low, high + 1), size=persons, p=_youth_age_p())
    else:
        age0 = np.clip(np.round(rng.gamma(3.0, 5.0, size=persons) + 17), low, high).astype(int)
    sex = choose(rng, {"M": 0.85, "F": 0.14, "U": 0.01}, persons)
    ethnicity = choose(
        rng,
        dict(zip(POLICE_ETHNICITIES, (0.76, 0.06, 0.07, 0.05, 0.02, 0.04), strict=True)),
        persons,
    )
    person_flags = {}
    for name, (base, ratio) in zip(COHORT_FLAGS, flags, strict=True):
        p = np.where(sv, min(base * ratio, 0.95), base)
        person_flags[name] = np.where(rng.random(persons) < p, "Y", "N")

    offences = 1 + rng.poisson(0.5, size=persons)
    row_person = np.repeat(np.arange(persons), offences)
    n = len(row_person)
    first_row = np.r_[0, np.cumsum(offences)[:-1]]
    is_first = np.zeros(n, dtype=bool)
    is_first[first_row] = True
    code = choose(rng, OTHER_OFFENCES, n)
    sv_rows = sv[row_person] & (is_first | (rng.random(n) < 0.3))
    code[sv_rows] = choose(rng, SV_OFFENCES, int(sv_rows.sum()))
    start = np.datetime64(f"{year}-01-01")
    day = start + rng.integers(0, 365, size=n).astype("timedelta64[D]")
    order = np.lexsort((day, row_person))
    row_person, code, day = row_person[order], code[order], day[order]
    # Later offences of the same person may fall in the next birthday year.
    age = np.minimum(
        age0[row_person] + (rng.random(n) < 0.15), high if cohort == "youth_justice" else 120
    )

    numbers = first_person + row_person
    ids = pc.binary_join_element_wise(prefix, pc.utf8_slice_codeunits(person_ids(numbers), 1), "")
    table = pa.table(
        {
            "person_id": ids,
            "offence_date": np.datetime_as_string(day, unit="D"),
            "ho_code": code,
            "outcome": choose(rng, outcomes, n),
            "age": age.astype(np.int64),
            "sex": sex[row_person],
            "ethnicity": ethnicity[row_person],
            **{name: values[row_person] for name, values in person_flags.items()},
        }
    )
    return table, first_person + persons


def _youth_age_p() -> np.ndarray:
    weights = np.array([0.02, 0.04, 0.07, 0.11, 0.16, 0.2, 0.21, 0.19])
    return weights / weights.sum()
