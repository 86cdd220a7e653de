"""Victims and suspects: who they are, and the same people coming back.

Each kind of incident has its own victim and suspect profile (age, sex, ethnicity). A share of
people are drawn from pools of prolific offenders and repeat victims, so a person id recurs the way
it does in a force's data; a pooled person keeps one birth date, sex and ethnicity across crimes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

AGE_BANDS = ((0, 9), (10, 17), (18, 24), (25, 34), (35, 49), (50, 64), (65, 89))
POLICE_ETHNICITIES = ("White", "Asian", "Black", "Mixed", "Other", "Not stated")


@dataclass(frozen=True)
class Profile:
    ages: tuple[float, ...]  # probability per AGE_BANDS
    male: float
    ethnicity: tuple[float, ...]  # probability per POLICE_ETHNICITIES
    repeat: float  # chance the person comes from the repeat pool


_VICTIM_ETH = (0.81, 0.07, 0.035, 0.03, 0.01, 0.045)
_SUSPECT_ETH = (0.74, 0.07, 0.075, 0.05, 0.015, 0.05)

PROFILES: dict[tuple[str, str], Profile] = {
    ("sexual", "victim"): Profile(
        (0.08, 0.32, 0.22, 0.16, 0.14, 0.06, 0.02), 0.12, _VICTIM_ETH, 0.05
    ),
    ("sexual", "suspect"): Profile(
        (0.0, 0.14, 0.17, 0.2, 0.28, 0.16, 0.05), 0.96, _SUSPECT_ETH, 0.15
    ),
    ("youth", "victim"): Profile(
        (0.01, 0.24, 0.3, 0.19, 0.16, 0.07, 0.03), 0.78, _VICTIM_ETH, 0.08
    ),
    ("youth", "suspect"): Profile((0.0, 0.3, 0.38, 0.17, 0.11, 0.04, 0.0), 0.9, _SUSPECT_ETH, 0.4),
    ("nte", "victim"): Profile((0.0, 0.04, 0.4, 0.3, 0.18, 0.07, 0.01), 0.72, _VICTIM_ETH, 0.06),
    ("nte", "suspect"): Profile((0.0, 0.03, 0.42, 0.3, 0.18, 0.06, 0.01), 0.86, _SUSPECT_ETH, 0.3),
    ("domestic", "victim"): Profile(
        (0.02, 0.05, 0.18, 0.3, 0.32, 0.1, 0.03), 0.25, _VICTIM_ETH, 0.4
    ),
    ("domestic", "suspect"): Profile(
        (0.0, 0.03, 0.17, 0.33, 0.35, 0.1, 0.02), 0.8, _SUSPECT_ETH, 0.3
    ),
    ("general", "victim"): Profile(
        (0.01, 0.06, 0.12, 0.2, 0.28, 0.22, 0.11), 0.5, _VICTIM_ETH, 0.16
    ),
    ("general", "suspect"): Profile(
        (0.0, 0.14, 0.22, 0.25, 0.27, 0.1, 0.02), 0.78, _SUSPECT_ETH, 0.3
    ),
}
# The repeat pools: prolific offenders are young men; repeat victims mostly domestic-abuse victims.
POOL_PROFILE = {"suspect": ("youth", "suspect"), "victim": ("domestic", "victim")}
POOL_SIZE_PER_CRIME = {"suspect": 0.04, "victim": 0.045}  # per crime a year, per year
_ID_MULTIPLIER = 387_420_489  # coprime with 10**9, so ids are a bijection of person numbers
_ID_OFFSET = 1_234_567


def person_ids(numbers: np.ndarray) -> pa.Array:
    """``P`` + nine digits that look random but are unique per person number."""
    scrambled = (numbers.astype(np.int64) * _ID_MULTIPLIER + _ID_OFFSET) % 1_000_000_000
    text = pc.utf8_lpad(pa.array(scrambled).cast(pa.string()), width=9, padding="0")
    return pc.binary_join_element_wise("P", text, "")


def _ages(rng: np.random.Generator, profile: Profile, n: int) -> np.ndarray:
    band = rng.choice(len(AGE_BANDS), size=n, p=np.array(profile.ages) / sum(profile.ages))
    low = np.array([b[0] for b in AGE_BANDS])[band]
    high = np.array([b[1] for b in AGE_BANDS])[band]
    return rng.integers(low, high + 1)


def _sexes(rng: np.random.Generator, male: float, n: int) -> np.ndarray:
    return rng.choice(np.array(["M", "F", "U"]), size=n, p=[male * 0.99, (1 - male) * 0.99, 0.01])


@dataclass(frozen=True)
class Pool:
    """People who come back: numbers, birth days (days since 1970), sex, ethnicity, weights."""

    number: np.ndarray
    birth_day: np.ndarray
    sex: np.ndarray
    ethnicity: np.ndarray
    weight: np.ndarray


def build_pool(
    rng: np.random.Generator, role: str, size: int, first_number: int, mid_period: np.datetime64
) -> Pool:
    profile = PROFILES[POOL_PROFILE[role]]
    age_mid = _ages(rng, profile, size) + rng.random(size)
    birth = mid_period.astype("datetime64[D]").astype(np.int64) - (age_mid * 365.25).astype(
        np.int64
    )
    weight = 1.0 / (np.arange(size) + 50.0) ** 0.3
    return Pool(
        number=np.arange(first_number, first_number + size),
        birth_day=birth,
        sex=_sexes(rng, profile.male, size),
        ethnicity=rng.choice(np.array(POLICE_ETHNICITIES), size=size, p=profile.ethnicity),
        weight=weight / weight.sum(),
    )


class PersonCounter:
    """Hands out new person numbers in order, so ids stay unique across chunks."""

    def __init__(self, start: int) -> None:
        self.next = start

    def take(self, n: int) -> np.ndarray:
        numbers = np.arange(self.next, self.next + n)
        self.next += n
        return numbers


@dataclass(frozen=True)
class People:
    """Rows of police-people for one batch of crimes (``crime`` indexes the batch)."""

    crime: np.ndarray
    number: np.ndarray
    role: np.ndarray
    age: np.ndarray  # -1 = not recorded
    sex: np.ndarray
    ethnicity: np.ndarray


def draw_people(
    rng: np.random.Generator,
    crime: np.ndarray,
    occurred: np.ndarray,
    profile_key: str,
    role: str,
    pool: Pool,
    counter: PersonCounter,
) -> People:
    """One person per entry of ``crime`` (crime index) in ``role`` for the given profile."""
    n = len(crime)
    profile = PROFILES[(profile_key, role)]
    age = _ages(rng, profile, n)
    sex = _sexes(rng, profile.male, n)
    ethnicity = rng.choice(np.array(POLICE_ETHNICITIES), size=n, p=profile.ethnicity)
    number = np.full(n, -1, dtype=np.int64)

    repeat = rng.random(n) < profile.repeat
    picked = rng.choice(len(pool.number), size=int(repeat.sum()), p=pool.weight)
    day = occurred[crime[repeat]].astype("datetime64[D]").astype(np.int64)
    pooled_age = ((day - pool.birth_day[picked]) / 365.25).astype(np.int64)
    usable = pooled_age >= 10
    index = np.flatnonzero(repeat)[usable]
    picked = picked[usable]
    number[index] = pool.number[picked]
    age[index] = pooled_age[usable]
    sex[index] = pool.sex[picked]
    ethnicity[index] = pool.ethnicity[picked]

    fresh = number < 0
    number[fresh] = counter.take(int(fresh.sum()))
    unrecorded = rng.random(n) < (0.04 if role == "suspect" else 0.02)
    age[unrecorded] = -1
    return People(crime, number, np.full(n, role), age, sex, ethnicity)
