"""The offence mix of the synthetic police extract, organised as crime "strata".

A stratum is a kind of incident with its own offence codes, flags, places, hours and people: the
night-time-economy fight, the knife assault, the domestic incident, the shoplifting. The all-crime
mix follows the Home Office national counts for 2017/18 (package data ``offence_mix.csv``, made by
``scripts/build_synth_offence_mix.py``); the serious-violence strata are sized so that the
Northamptonshire definition finds what its needs assessment found (see ``calibration.py``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np

from svduty.synth.calibration import TARGETS

SEXUAL_GROUP = "Sexual offences"
ROBBERY_GROUP = "Robbery"
# Codes that only the dedicated strata generate (they decide the serious-violence share).
SERIOUS_ONLY = {"1", "4/1", "4/2", "4/10", "2", "5E"}
# Homicides as a share of each stratum that commits them, sized so that a county at
# ``scales.py``'s volume has about 11 homicides per million residents a year (England and Wales
# 9.9-11.7 in the years ending March 2022-23, ONS), about four in ten with a knife and a quarter
# domestic; the rest are one-punch manslaughters in the night-time economy.
HOMICIDES = {"knife": 0.0063, "domestic": 0.0087, "night_time_economy": 0.003}
# The general stratum shares these violence codes with the domestic and night-time strata.
GENERAL_DOWNWEIGHT = {
    "8N": 0.45,
    "105A": 0.55,
    "8L": 0.6,
    "8Q": 0.5,
    "8R": 0.8,
    "5D": 0.35,
    "3B": 0.5,
}


@dataclass(frozen=True)
class OffenceMix:
    """National counts by canonical Home Office code."""

    code: np.ndarray
    group: np.ndarray
    subgroup: np.ndarray
    count: np.ndarray

    def weights(self, mask: np.ndarray) -> dict[str, float]:
        total = self.count[mask].sum()
        return {
            str(c): float(n / total) for c, n in zip(self.code[mask], self.count[mask], strict=True)
        }


@cache
def offence_mix() -> OffenceMix:
    """The packaged national offence mix (fraud excluded, homicide split into 1 and 4/1)."""
    text = resources.files("svduty.synth").joinpath("data/offence_mix.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    return OffenceMix(
        code=np.array([r["ho_code"] for r in rows]),
        group=np.array([r["offence_group"] for r in rows]),
        subgroup=np.array([r["offence_subgroup"] for r in rows]),
        count=np.array([int(r["national_count_2017_18"]) for r in rows], dtype=np.float64),
    )


@dataclass(frozen=True)
class Stratum:
    """One kind of incident and how to generate it."""

    name: str
    share: float  # of all recorded crime
    codes: dict[str, float]
    knife: float = 0.0
    firearm: float = 0.0
    domestic_abuse: float = 0.0
    locations: dict[str, float] = field(default_factory=lambda: {"street": 1.0})
    hours: str = "evening"
    nte_share: float = 0.0  # part that happens in the Fri/Sat 22:00-03:00 night-time economy
    seasonality: float = 0.12  # amplitude of the summer peak
    surface: str = "violence"  # where it happens: "violence", "residential" or "general" (world.py)
    victim: float = 0.95
    suspect: float = 0.5
    people: str = "violence"  # demographic profile key in people.py
    serious: bool = False  # generated to be serious violence under the Northamptonshire preset
    # How sharply a lockdown cuts it: the restrictions' share of usual volume is raised to this
    # power (robbery needs a victim and an offender out at once, so it fell further than assault)
    lockdown_power: float = 1.0


def _general_codes() -> dict[str, float]:
    mix = offence_mix()
    keep = (
        (mix.group != SEXUAL_GROUP)
        & (mix.group != ROBBERY_GROUP)
        & ~np.isin(mix.code, sorted(SERIOUS_ONLY))
    )
    weights = mix.weights(keep)
    for code, factor in GENERAL_DOWNWEIGHT.items():
        weights[code] *= factor
    total = sum(weights.values())
    return {code: w / total for code, w in weights.items()}


def _sexual_codes() -> dict[str, float]:
    mix = offence_mix()
    return mix.weights(mix.group == SEXUAL_GROUP)


# Location profiles for the general stratum, by offence subgroup (first match wins).
GENERAL_LOCATIONS: dict[str, dict[str, float]] = {
    "Shoplifting": {"retail": 1.0},
    "Domestic burglary": {"dwelling": 1.0},
    "Non-domestic burglary": {
        "workplace": 0.55,
        "retail": 0.3,
        "school_college": 0.05,
        "other": 0.1,
    },
    "Theft from a vehicle": {"street": 0.85, "other": 0.15},
    "Theft of a motor vehicle": {"street": 0.85, "dwelling": 0.1, "other": 0.05},
    "Vehicle interference": {"street": 0.9, "other": 0.1},
    "Bicycle theft": {
        "street": 0.55,
        "dwelling": 0.2,
        "public_transport": 0.1,
        "school_college": 0.05,
        "other": 0.1,
    },
    "Theft from the person": {
        "street": 0.45,
        "licensed_premises": 0.2,
        "public_transport": 0.15,
        "retail": 0.15,
        "other": 0.05,
    },
    "Criminal damage": {
        "dwelling": 0.35,
        "street": 0.35,
        "retail": 0.08,
        "workplace": 0.07,
        "school_college": 0.05,
        "park_open_space": 0.05,
        "other": 0.05,
    },
    "Possession of drugs": {
        "street": 0.6,
        "dwelling": 0.15,
        "park_open_space": 0.1,
        "licensed_premises": 0.05,
        "public_transport": 0.05,
        "other": 0.05,
    },
    "Trafficking of drugs": {
        "street": 0.5,
        "dwelling": 0.35,
        "public_transport": 0.05,
        "other": 0.1,
    },
    "Possession of weapons offences": {
        "street": 0.6,
        "school_college": 0.08,
        "licensed_premises": 0.07,
        "dwelling": 0.1,
        "park_open_space": 0.05,
        "retail": 0.05,
        "other": 0.05,
    },
    "Stalking and harassment": {
        "dwelling": 0.6,
        "street": 0.1,
        "workplace": 0.1,
        "other": 0.15,
        "unknown": 0.05,
    },
    "Violence with injury": {
        "dwelling": 0.3,
        "street": 0.3,
        "licensed_premises": 0.1,
        "retail": 0.06,
        "school_college": 0.05,
        "workplace": 0.05,
        "park_open_space": 0.04,
        "public_transport": 0.03,
        "custody": 0.02,
        "other": 0.05,
    },
    "Violence without injury": {
        "dwelling": 0.28,
        "street": 0.28,
        "licensed_premises": 0.08,
        "retail": 0.08,
        "school_college": 0.08,
        "workplace": 0.08,
        "public_transport": 0.03,
        "custody": 0.02,
        "other": 0.07,
    },
    "Public order offences": {
        "street": 0.5,
        "licensed_premises": 0.1,
        "retail": 0.1,
        "dwelling": 0.15,
        "public_transport": 0.05,
        "other": 0.1,
    },
}
DEFAULT_LOCATIONS = {
    "street": 0.3,
    "dwelling": 0.25,
    "retail": 0.1,
    "workplace": 0.1,
    "other": 0.2,
    "unknown": 0.05,
}
DAYTIME_SUBGROUPS = {
    "Shoplifting",
    "Non-domestic burglary",
    "Other theft offences",
    "Theft from the person",
}


def strata() -> tuple[Stratum, ...]:
    """Every stratum; shares sum to one. Serious-violence shares come from calibration."""
    sv = TARGETS["serious_violence_share"].value
    sexual = sv * TARGETS["mix_sexual_offences"].value
    robbery = sv * TARGETS["mix_robbery"].value
    knife_robbery = 0.15
    knife_other = sv * TARGETS["mix_knife_enabled"].value - robbery * knife_robbery
    other_sv = sv - sexual - robbery - knife_other
    special = (
        Stratum(
            "sexual",
            sexual,
            _sexual_codes(),
            knife=0.004,
            domestic_abuse=0.3,
            locations={
                "dwelling": 0.55,
                "street": 0.1,
                "licensed_premises": 0.06,
                "park_open_space": 0.05,
                "school_college": 0.05,
                "public_transport": 0.02,
                "other": 0.09,
                "unknown": 0.08,
            },
            hours="any",
            nte_share=0.08,
            surface="residential",
            victim=1.0,
            suspect=0.7,
            people="sexual",
            serious=True,
        ),
        Stratum(
            "robbery",
            robbery,
            {"34B": 0.9, "34A": 0.1},
            knife=knife_robbery,
            firearm=0.01,
            locations={
                "street": 0.68,
                "retail": 0.12,
                "public_transport": 0.06,
                "park_open_space": 0.06,
                "other": 0.08,
            },
            nte_share=0.12,
            victim=0.92,
            suspect=0.45,
            people="youth",
            serious=True,
            lockdown_power=1.5,
        ),
        Stratum(
            "knife_violence",
            knife_other,
            {
                "8N": 0.43,
                "5D": 0.3,
                "3B": 0.18,
                "2": 0.04,
                "1": HOMICIDES["knife"] * 0.8,
                "4/1": HOMICIDES["knife"] * 0.2,
                "8P": 0.01,
                "8S": 0.01,
                "5E": 0.02,
            },
            knife=1.0,
            domestic_abuse=0.15,
            locations={
                "street": 0.45,
                "dwelling": 0.25,
                "licensed_premises": 0.06,
                "park_open_space": 0.08,
                "public_transport": 0.04,
                "retail": 0.04,
                "school_college": 0.02,
                "other": 0.06,
            },
            nte_share=0.15,
            victim=0.97,
            suspect=0.55,
            people="youth",
            serious=True,
        ),
        Stratum(
            "other_serious",
            other_sv,
            {
                "5D": 0.84,
                "5E": 0.06,
                "2": 0.05,
                "1": HOMICIDES["domestic"] * 0.6,
                "4/1": HOMICIDES["domestic"] * 0.4,
            },
            domestic_abuse=0.92,
            locations={"dwelling": 0.85, "street": 0.08, "other": 0.07},
            hours="any",
            surface="residential",
            victim=1.0,
            suspect=0.85,
            people="domestic",
            serious=True,
        ),
        Stratum(
            "night_time_economy",
            0.025,
            {
                "8N": 0.45,
                "105A": 0.35,
                "9A": 0.12,
                "5D": 0.05,
                "58D": 0.03,
                "4/1": HOMICIDES["night_time_economy"],
            },
            locations={"licensed_premises": 0.6, "street": 0.4},
            nte_share=0.85,
            seasonality=0.1,
            victim=0.9,
            suspect=0.6,
            people="nte",
        ),
        Stratum(
            "domestic",
            0.08,
            {
                "105A": 0.34,
                "8N": 0.26,
                "8L": 0.1,
                "8R": 0.08,
                "8U": 0.08,
                "8Q": 0.04,
                "3B": 0.03,
                "58A": 0.07,
            },
            domestic_abuse=1.0,
            locations={"dwelling": 0.9, "street": 0.04, "other": 0.06},
            hours="any",
            seasonality=0.08,
            surface="residential",
            victim=1.0,
            suspect=0.9,
            people="domestic",
        ),
    )
    general_share = 1.0 - sum(s.share for s in special)
    general = Stratum(
        "general",
        general_share,
        _general_codes(),
        hours="day",
        seasonality=0.05,
        surface="general",
        victim=0.45,
        suspect=0.3,
        people="general",
    )
    return (*special, general)
