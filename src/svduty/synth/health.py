"""NHS extracts: emergency department assaults (ISTV) and hospital admissions for assault.

About three in four ED assault attendances never reach the police (the Cardiff Model finding).
One in five ED rows mirrors a police violence record (same LSOA, assault within minutes of the
recorded time); the rest are drawn independently, heavy in the night-time economy, and chance
coincidences in busy LSOAs bring the share with a police record within 2 hours to about a quarter.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from svduty.synth.people import person_ids
from svduty.synth.sampling import choose
from svduty.synth.timing import month_days, occurrence_times, restrictions, seasonal_factor
from svduty.synth.world import World

ED_PER_CRIME = 0.05  # ED assault attendances per recorded crime (≈ 2,500 a year in the county)
KNOWN_TO_POLICE = 0.2  # plus chance coincidences, about a quarter match a police record
ADMISSIONS_PER_CRIME = 0.009
ED_METHODS = {
    "body": 0.6,
    "blunt_object": 0.1,
    "knife_sharp": 0.07,
    "glass_bottle": 0.07,
    "other": 0.05,
    "firearm": 0.005,
    "unknown": 0.105,
}
OTHER_METHODS = ("bitten", "vehicle used as a weapon", "corrosive substance", "dog set on victim")
ED_LOCATIONS = {
    "street": 0.38,
    "licensed_premises": 0.2,
    "dwelling": 0.2,
    "park_open_space": 0.04,
    "retail": 0.04,
    "public_transport": 0.03,
    "school_college": 0.03,
    "workplace": 0.03,
    "other": 0.03,
    "unknown": 0.02,
}
LOCATION_DESCRIPTIONS = {
    "street": ("outside the station", "high street", "near the bus stop", "alleyway"),
    "licensed_premises": ("inside the pub", "nightclub queue", "bar toilets", "outside the club"),
    "dwelling": ("at home", "friend's house", "partner's flat"),
    "park_open_space": ("in the park", "playing fields", "canal towpath"),
    "retail": ("supermarket", "takeaway", "shopping centre"),
    "public_transport": ("on the bus", "railway station platform", "taxi rank"),
    "school_college": ("school gates", "college car park"),
    "workplace": ("at work", "warehouse"),
    "other": ("car park", "hospital grounds"),
    "custody": ("police custody suite",),
    "unknown": ("not known",),
}
ICD10_ASSAULT = {
    "Y04": 0.45,
    "X99": 0.20,
    "Y00": 0.12,
    "Y08": 0.08,
    "Y09": 0.07,
    "Y05": 0.02,
    "Y07": 0.02,
    "X95": 0.01,
    "Y03": 0.01,
    "X91": 0.01,
    "X93": 0.005,
    "Y02": 0.005,
}
ED_SITES_PER_DISTRICT = 1 / 3


def _age_band(age: np.ndarray) -> np.ndarray:
    band = np.where(age < 18, "0-17", np.where(age < 25, "18-24", "25+")).astype(object)
    band[age < 0] = None
    return band


def _text(values: np.ndarray) -> pa.Array:
    return pa.array(list(values) if values.dtype == object else values, type=pa.string())


def _stamp(when: np.ndarray) -> pa.Array:
    return pc.strftime(pa.array(when.astype("datetime64[s]")), format="%Y-%m-%d %H:%M")


def site_codes(world: World) -> np.ndarray:
    """Fictional ODS site codes (``R9Z01``…), one for every few districts."""
    n = max(1, round(len(world.areas.district_code) * ED_SITES_PER_DISTRICT))
    return np.array([f"R9Z{i + 1:02d}" if n < 100 else f"R9{i + 1:03d}" for i in range(n)])


def _lockdown(year: int, month: int) -> float:
    """Assault attendances and admissions fell with public-space violence in the lockdowns."""
    rules = restrictions(year, month)
    return rules.public if rules else 1.0


def ed_month(
    world: World,
    year_index: int,
    month: int,
    candidates: dict[str, np.ndarray],
    rng: np.random.Generator,
) -> pa.Table:
    """One month of ISTV returns for every ED site."""
    year = world.years[year_index]
    period_end = np.datetime64(f"{world.years[-1] + 1}-01-01T00:00", "m")
    expected = (
        world.scale.crimes_per_year
        * ED_PER_CRIME
        / 12
        * seasonal_factor(month, 0.12)
        * _lockdown(year, month)
    )
    n = int(rng.poisson(expected))
    n_known = min(int(rng.binomial(n, KNOWN_TO_POLICE)), len(candidates["when"]))
    known = np.sort(rng.choice(len(candidates["when"]), size=n_known, replace=False))
    n_unknown = n - n_known

    noise = np.round(rng.normal(0, 15, size=n_known)).astype("timedelta64[m]")
    assault = np.concatenate(
        [
            candidates["when"][known] + noise,
            occurrence_times(
                rng, n_unknown, year, month, "evening", rng.random(n_unknown) < 0.4, period_end
            ),
        ]
    )
    lsoa = np.concatenate(
        [
            candidates["lsoa"][known],
            rng.choice(world.areas.n, size=n_unknown, p=world.violence_surface[year_index]),
        ]
    )
    known_method = np.where(candidates["knife"][known], "knife_sharp", "").astype(object)
    plain = {k: v for k, v in ED_METHODS.items() if k not in ("knife_sharp", "firearm")}
    known_method[known_method == ""] = choose(rng, plain, int((known_method == "").sum()))
    method = np.concatenate([known_method, choose(rng, ED_METHODS, n_unknown)])
    location = np.concatenate(
        [candidates["location"][known], choose(rng, ED_LOCATIONS, n_unknown)]
    ).astype(object)
    age = np.concatenate(
        [
            candidates["age"][known],
            rng.choice(
                np.array([15, 16, 17, 19, 21, 23, 28, 34, 41, 52]),
                size=n_unknown,
                p=[0.04, 0.05, 0.06, 0.1, 0.1, 0.1, 0.17, 0.15, 0.13, 0.1],
            ),
        ]
    )
    sex = np.concatenate(
        [candidates["sex"][known], choose(rng, {"M": 0.7, "F": 0.29, "U": 0.01}, n_unknown)]
    )

    arrival = assault + (rng.gamma(2.0, 40.0, size=n) + 10).astype("timedelta64[m]")
    late = arrival >= period_end  # keep every return inside the period
    arrival[late] -= np.timedelta64(1, "D")
    assault[late] -= np.timedelta64(1, "D")
    return_month = arrival.astype("datetime64[M]")
    assault_known = np.ones(n, dtype=bool)
    assault_known[n_known:] = rng.random(n_unknown) >= 0.1
    lsoa_known = np.ones(n, dtype=bool)
    lsoa_known[n_known:] = rng.random(n_unknown) >= 0.15
    residence = np.where(
        rng.random(n) < 0.7,
        lsoa,
        rng.choice(world.areas.n, size=n, p=world.general_surface[year_index]),
    )
    residence_known = rng.random(n) >= 0.1

    order = np.argsort(arrival, kind="stable")
    sites = site_codes(world)
    district = world.areas.district_of_lsoa[lsoa]
    site = sites[(district * len(sites)) // len(world.areas.district_code)]
    other_text = np.where(method == "other", rng.choice(np.array(OTHER_METHODS), size=n), None)
    description = np.array(
        [
            LOCATION_DESCRIPTIONS[loc][k % len(LOCATION_DESCRIPTIONS[loc])]
            for loc, k in zip(location, rng.integers(0, 12, size=n), strict=True)
        ],
        dtype=object,
    )
    assault_text = _stamp(assault)
    codes = world.areas.lsoa_code
    table = pa.table(
        {
            "site_code": site,
            "reporting_period_start": np.datetime_as_string(
                return_month.astype("datetime64[D]"), unit="D"
            ),
            "reporting_period_end": np.datetime_as_string(
                (return_month + 1).astype("datetime64[D]") - 1, unit="D"
            ),
            "arrival_at": _stamp(arrival),
            "assault_at": pc.if_else(
                pa.array(assault_known), assault_text, pa.nulls(n, pa.string())
            ),
            "assault_method": method,
            "assault_method_other": _text(other_text),
            "location_type": _text(location),
            "location_description": _text(description),
            "assault_lsoa": _text(np.where(lsoa_known, codes[lsoa], None)),
            "age_band": _text(_age_band(age)),
            "sex": sex,
            "residence_lsoa": _text(np.where(residence_known, codes[residence], None)),
        }
    )
    return table.take(pa.array(order))


def admissions_month(
    world: World, year_index: int, month: int, first_patient: int, rng: np.random.Generator
) -> tuple[pa.Table, int]:
    """One month of assault admissions (X85-Y09 only); returns the table and next patient number."""
    year = world.years[year_index]
    expected = (
        world.scale.crimes_per_year
        * ADMISSIONS_PER_CRIME
        / 12
        * seasonal_factor(month, 0.12)
        * _lockdown(year, month)
    )
    n = int(rng.poisson(expected))
    days = month_days(year, month)
    admitted = days[rng.integers(0, len(days), size=n)]
    fresh = np.arange(first_patient, first_patient + n)
    repeat = rng.random(n) < 0.06
    patient = np.where(
        repeat & (first_patient > 0), rng.integers(0, max(first_patient, 1), size=n), fresh
    )
    age = rng.choice(
        np.array([14, 16, 17, 19, 21, 23, 27, 31, 38, 45, 55, 70]),
        size=n,
        p=[0.03, 0.04, 0.05, 0.09, 0.1, 0.1, 0.14, 0.12, 0.12, 0.1, 0.08, 0.03],
    ) + rng.integers(0, 3, size=n)
    residence = rng.choice(world.areas.n, size=n, p=world.violence_surface[year_index])
    residence_known = rng.random(n) >= 0.05
    table = pa.table(
        {
            "patient_id": pc.binary_join_element_wise(
                "H", pc.utf8_slice_codeunits(person_ids(patient + 7_000_000), 1), ""
            ),
            "admission_date": np.array([str(d) for d in admitted])
            if n
            else np.array([], dtype=str),
            "icd10_cause": choose(rng, ICD10_ASSAULT, n),
            "age": age,
            "sex": choose(rng, {"M": 0.8, "F": 0.195, "U": 0.005}, n),
            "ethnicity": choose(
                rng,
                {
                    "White": 0.8,
                    "Asian": 0.06,
                    "Black": 0.05,
                    "Mixed": 0.04,
                    "Other": 0.01,
                    "Not stated": 0.04,
                },
                n,
            ),
            "residence_lsoa": _text(
                np.where(residence_known, world.areas.lsoa_code[residence], None)
            ),
        }
    )
    order = np.argsort(admitted, kind="stable")
    return table.take(pa.array(order)), first_patient + n
