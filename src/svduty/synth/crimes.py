"""The police extract, one month at a time: crimes, their victims and suspects.

Generating by month keeps memory bounded at national scale (≈ 540,000 crimes a month) and lets the
writers stream each month to disk. All work is numpy over whole arrays; no Python loop per row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from svduty.synth.geography import points_in_lsoas
from svduty.synth.offences import (
    DAYTIME_SUBGROUPS,
    DEFAULT_LOCATIONS,
    GENERAL_LOCATIONS,
    Stratum,
    offence_mix,
    strata,
)
from svduty.synth.people import People, PersonCounter, Pool, draw_people, person_ids
from svduty.synth.sampling import choose
from svduty.synth.timing import (
    occurrence_times,
    restricted_share,
    restrictions,
    seasonal_factor,
)
from svduty.synth.world import World

NO_SUSPECT_OUTCOMES = {
    "Investigation complete; no suspect identified": 0.82,
    "Unable to prosecute suspect": 0.08,
    "Status update unavailable": 0.04,
    "Action to be taken by another organisation": 0.03,
    "Further investigation is not in the public interest": 0.03,
}
SUSPECT_OUTCOMES = {
    "Unable to prosecute suspect": 0.45,
    "Court result unavailable": 0.12,
    "Offender given a caution": 0.06,
    "Local resolution": 0.06,
    "Offender sent to prison": 0.05,
    "Offender given community sentence": 0.05,
    "Action to be taken by another organisation": 0.04,
    "Offender fined": 0.03,
    "Awaiting court outcome": 0.03,
    "Offender given conditional discharge": 0.02,
    "Formal action is not in the public interest": 0.02,
    "Defendant found not guilty": 0.02,
    "Offender given suspended prison sentence": 0.02,
    "Suspect charged as part of another case": 0.01,
    "Offender given penalty notice": 0.01,
    "Further investigation is not in the public interest": 0.01,
}
RECENT_DAYS = 60  # crimes this close to the extract date are mostly still under investigation
ED_ELIGIBLE_CODES = ("8N", "8P", "5D", "5E", "2", "105A", "34B", "8S")
FIREARM_CODES = ("10A", "10B")
BLADE_CODES = ("10D",)


@dataclass(frozen=True)
class StratumPlan:
    """A stratum made ready for sampling: arrays instead of dicts."""

    stratum: Stratum
    codes: np.ndarray
    code_p: np.ndarray
    location_names: tuple[np.ndarray, ...]
    location_p: tuple[np.ndarray, ...]
    code_location: np.ndarray  # per code: index into the location profiles
    code_hours: np.ndarray  # per code: hours key


def _plan(stratum: Stratum) -> StratumPlan:
    codes = np.array(list(stratum.codes))
    p = np.array(list(stratum.codes.values()))
    if stratum.name != "general":
        names = np.array(list(stratum.locations))
        probs = np.array(list(stratum.locations.values()))
        return StratumPlan(
            stratum,
            codes,
            p / p.sum(),
            (names,),
            (probs / probs.sum(),),
            np.zeros(len(codes), dtype=np.int64),
            np.full(len(codes), stratum.hours),
        )
    mix = offence_mix()
    subgroup_of = dict(zip(mix.code, mix.subgroup, strict=True))
    profiles = [*GENERAL_LOCATIONS.values(), DEFAULT_LOCATIONS]
    keys = list(GENERAL_LOCATIONS)
    code_location = np.array(
        [keys.index(subgroup_of[c]) if subgroup_of[c] in keys else len(keys) for c in codes]
    )
    code_hours = np.array(
        ["day" if subgroup_of[c] in DAYTIME_SUBGROUPS else "evening" for c in codes]
    )
    return StratumPlan(
        stratum,
        codes,
        p / p.sum(),
        tuple(np.array(list(prof)) for prof in profiles),
        tuple(np.array(list(prof.values())) / sum(prof.values()) for prof in profiles),
        code_location,
        code_hours,
    )


def plans() -> tuple[StratumPlan, ...]:
    return tuple(_plan(s) for s in strata())


@dataclass
class PoliceState:
    """What persists between months: person pools, the person counter, the crime sequence."""

    pools: dict[str, Pool]
    counter: PersonCounter
    sequence: dict[int, int]


@dataclass(frozen=True)
class MonthOfCrime:
    crimes: pa.Table
    people: pa.Table
    ed_candidates: dict[str, np.ndarray]  # violent crimes with a victim, for ED matching
    serious_planned: int


def _flag(values: np.ndarray) -> np.ndarray:
    return np.where(values, "Y", "N")


def _format_minutes(when: np.ndarray) -> pa.Array:
    stamps = pa.array(when.astype("datetime64[s]"))
    return pc.strftime(stamps, format="%Y-%m-%d %H:%M")


def generate_month(
    world: World,
    plans_: tuple[StratumPlan, ...],
    state: PoliceState,
    year_index: int,
    month: int,
    rng: np.random.Generator,
) -> MonthOfCrime:
    """One month of the police extract."""
    year = world.years[year_index]
    period_end = np.datetime64(f"{world.years[-1] + 1}-01-01T00:00", "m")
    per_month = world.scale.crimes_per_year / 12
    parts: dict[str, list[np.ndarray]] = {
        k: []
        for k in (
            "code",
            "when",
            "lsoa",
            "knife",
            "firearm",
            "da",
            "location",
            "stratum",
            "victim",
            "suspect",
        )
    }
    rules = restrictions(year, month)
    for s_index, plan in enumerate(plans_):
        s = plan.stratum
        # draw as many as the month's highest share allows, then thin to each incident's share
        ceiling = max(rules.ceiling, rules.ceiling**s.lockdown_power) if rules else 1.0
        usual = per_month * s.share * seasonal_factor(month, s.seasonality)
        n = int(rng.poisson(usual * ceiling))
        code_index = rng.choice(len(plan.codes), size=n, p=plan.code_p)
        nte = rng.random(n) < s.nte_share
        location = np.empty(n, dtype=object)
        profile = plan.code_location[code_index]
        for k in np.unique(profile):
            rows = profile == k
            names, p = plan.location_names[k], plan.location_p[k]
            location[rows] = names[rng.choice(len(names), size=int(rows.sum()), p=p)]
        location[nte] = np.where(rng.random(int(nte.sum())) < 0.6, "licensed_premises", "street")
        da = rng.random(n) < s.domestic_abuse
        if rules is not None:  # thin the month's incidents by where they happen (lockdowns)
            left = restricted_share(rules, location, da) ** s.lockdown_power
            keep = rng.random(n) * ceiling < left
            code_index, nte, location, da = code_index[keep], nte[keep], location[keep], da[keep]
            n = int(keep.sum())
        code = plan.codes[code_index]
        when = np.empty(n, dtype="datetime64[m]")
        for hours in np.unique(plan.code_hours):
            rows = plan.code_hours[code_index] == hours
            when[rows] = occurrence_times(
                rng, int(rows.sum()), year, month, str(hours), nte[rows], period_end
            )
        lsoa = rng.choice(world.areas.n, size=n, p=world.surface(s.surface)[year_index])
        # the night-time economy happens in the town centres, whoever is involved
        lsoa[nte] = rng.choice(
            world.areas.n, size=int(nte.sum()), p=world.violence_surface[year_index]
        )
        parts["code"].append(code)
        parts["when"].append(when)
        parts["lsoa"].append(lsoa)
        parts["knife"].append((rng.random(n) < s.knife) | np.isin(code, BLADE_CODES))
        parts["firearm"].append((rng.random(n) < s.firearm) | np.isin(code, FIREARM_CODES))
        parts["da"].append(da)
        parts["location"].append(location)
        parts["stratum"].append(np.full(n, s_index))
        victims = (rng.random(n) < s.victim).astype(np.int64)
        victims += (victims > 0) & (rng.random(n) < 0.05)
        suspects = (rng.random(n) < s.suspect).astype(np.int64)
        suspects += (suspects > 0) & (
            rng.random(n) < (0.2 if s.people in ("youth", "nte") else 0.05)
        )
        parts["victim"].append(victims)
        parts["suspect"].append(suspects)

    cols = {k: np.concatenate(v) for k, v in parts.items()}
    order = np.argsort(cols["when"], kind="stable")
    cols = {k: v[order] for k, v in cols.items()}
    n = len(order)

    first = state.sequence.get(year, 0)
    state.sequence[year] = first + n
    numbers = pa.array(np.arange(first + 1, first + n + 1)).cast(pa.string())
    crime_ref = pc.binary_join_element_wise(
        f"SC/{year}/", pc.utf8_lpad(numbers, width=7, padding="0"), ""
    )
    points = points_in_lsoas(world.areas, cols["lsoa"], rng)

    people = _people(world, plans_, state, cols, rng)
    has_suspect = cols["suspect"] > 0
    outcome = np.empty(n, dtype=object)
    outcome[~has_suspect] = choose(rng, NO_SUSPECT_OUTCOMES, int((~has_suspect).sum()))
    outcome[has_suspect] = choose(rng, SUSPECT_OUTCOMES, int(has_suspect.sum()))
    drugs = np.isin(cols["code"], ("92D", "92E")) & has_suspect
    outcome[drugs & (rng.random(n) < 0.3)] = "Offender given a drugs possession warning"
    recent = cols["when"] >= period_end - np.timedelta64(RECENT_DAYS, "D")
    outcome[recent & (rng.random(n) < 0.7)] = "Under investigation"

    crimes = pa.table(
        {
            "crime_ref": crime_ref,
            "ho_code": cols["code"],
            "occurred_at": _format_minutes(cols["when"]),
            "knife": _flag(cols["knife"]),
            "firearm": _flag(cols["firearm"]),
            "domestic_abuse": _flag(cols["da"]),
            "location_type": cols["location"].astype(str),
            "lsoa_code": world.areas.lsoa_code[cols["lsoa"]],
            "longitude": np.round(points[:, 0], 6),
            "latitude": np.round(points[:, 1], 6),
            "outcome": outcome.astype(str),
        }
    )
    people_table = pa.table(
        {
            "crime_ref": crime_ref.take(pa.array(people.crime)),
            "person_id": person_ids(people.number),
            "role": people.role,
            "age": pa.array(people.age, mask=people.age < 0),
            "sex": people.sex,
            "ethnicity": people.ethnicity,
        }
    )
    first_victim = _first_victim(people, n)
    eligible = np.isin(cols["code"], ED_ELIGIBLE_CODES) & (first_victim >= 0)
    ed = {
        "when": cols["when"][eligible],
        "lsoa": cols["lsoa"][eligible],
        "location": cols["location"][eligible].astype(str),
        "knife": cols["knife"][eligible],
        "age": people.age[first_victim[eligible]],
        "sex": people.sex[first_victim[eligible]],
    }
    serious = np.array([p.stratum.serious for p in plans_])[cols["stratum"]]
    return MonthOfCrime(crimes, people_table, ed, int(serious.sum()))


def _people(
    world: World,
    plans_: tuple[StratumPlan, ...],
    state: PoliceState,
    cols: dict[str, np.ndarray],
    rng: np.random.Generator,
) -> People:
    """Victims and suspects of every crime in ``cols``, grouped by crime."""
    crimes_list, numbers, roles, ages, sexes, eths = [], [], [], [], [], []
    for role, counts in (("victim", cols["victim"]), ("suspect", cols["suspect"])):
        for s_index, plan in enumerate(plans_):
            rows = np.flatnonzero(cols["stratum"] == s_index)
            crime = np.repeat(rows, counts[rows])
            drawn = draw_people(
                rng,
                crime,
                cols["when"],
                plan.stratum.people,
                role,
                state.pools[role],
                state.counter,
            )
            crimes_list.append(drawn.crime)
            numbers.append(drawn.number)
            roles.append(drawn.role)
            ages.append(drawn.age)
            sexes.append(drawn.sex)
            eths.append(drawn.ethnicity)
    crime = np.concatenate(crimes_list)
    order = np.argsort(crime, kind="stable")
    return People(
        crime[order],
        np.concatenate(numbers)[order],
        np.concatenate(roles)[order],
        np.concatenate(ages)[order],
        np.concatenate(sexes)[order],
        np.concatenate(eths)[order],
    )


def _first_victim(people: People, n: int) -> np.ndarray:
    """Per crime, the row of its first victim in ``people`` (-1 when none)."""
    first = np.full(n, -1, dtype=np.int64)
    rows = np.flatnonzero(people.role == "victim")
    crimes = people.crime[rows]
    # reversed assignment leaves the first occurrence in place
    first[crimes[::-1]] = rows[::-1]
    return first
