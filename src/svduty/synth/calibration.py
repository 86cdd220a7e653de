"""What Sample County must look like, and how close a generated set of files comes.

The targets restate what published strategic needs assessments found (Northamptonshire's SNA as
summarised in the Northamptonshire Serious Violence Duty Strategy 2023-25, para 4.7; the Cardiff
Model evaluation for ED data; Warwickshire's case-study triggers) so the analysis run on synthetic
data has something real to find. ``svduty.synth.measures`` recomputes every figure from the written
files, so the manifest and the tests check the output, not the generator's intentions. This module
is the ground floor of the generator: it imports nothing of ``svduty``.

"Most deprived areas" means LSOAs in national IMD deciles 1-2 (the most deprived 20% of LSOAs in
England); Northamptonshire reported 35.5% of serious violence there.

The realism targets restate England and Wales figures (sources in docs/synth.md): homicide per
million residents (ONS, Homicide in England and Wales, years ending March 2022 and 2023: 11.7 and
9.9), knife or sharp instrument offences per 1,000 residents (ONS: 50,489 offences in the year
ending March 2023, 0.85 per 1,000; 0.82 in the year ending March 2020), how concentrated serious
violence is across LSOAs (the top 5% of LSOAs held 23-24% on real forces' data.police.uk
extracts), the gradient across IMD 2019 deciles, and the 2020-21 lockdowns (NPCC: serious
assault and personal robbery down 30% in the four weeks to 10 May 2020; ONS: police recorded
domestic-abuse-related offences up 7% in March-June 2020 on a year earlier).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFINITION = "northamptonshire"
MOST_DEPRIVED_DECILES = (1, 2)
# Months of England's "stay at home" lockdowns, measured against the same calendar months of the
# years with no lockdown: April-June 2020 (from 23 March, eased from 13 May), November 2020
# (5 November - 2 December) and January-March 2021 (from 6 January; schools back 8 March).
LOCKDOWN_MONTHS = ((2020, 4), (2020, 5), (2020, 6), (2020, 11), (2021, 1), (2021, 2), (2021, 3))
LOCKDOWN_YEARS = (2020, 2021)  # the years compared against are those with no lockdown month
# Places the lockdowns emptied (public-space violence); dwellings, custody and unknown are not.
PUBLIC_PLACES = (
    "street",
    "licensed_premises",
    "retail",
    "public_transport",
    "park_open_space",
    "school_college",
    "workplace",
)


@dataclass(frozen=True)
class Target:
    """A figure the generated data should show, with the range that counts as met."""

    value: float
    low: float
    high: float
    meaning: str

    def met(self, achieved: float) -> bool:
        return self.low <= achieved <= self.high


TARGETS: dict[str, Target] = {
    "serious_violence_share": Target(
        0.071, 0.060, 0.082, "serious violence / all recorded crime (Northamptonshire 7.1%)"
    ),
    "mix_sexual_offences": Target(
        0.49, 0.44, 0.54, "share of serious violence tagged rape or other sexual offences (49%)"
    ),
    "mix_knife_enabled": Target(0.259, 0.22, 0.30, "share tagged knife-enabled (25.9%)"),
    "mix_robbery": Target(0.173, 0.14, 0.21, "share tagged robbery (17.3%)"),
    "most_deprived_share": Target(
        0.355, 0.31, 0.40, "share of serious violence in national IMD deciles 1-2 (35.5%)"
    ),
    "top5pct_lsoa_share": Target(
        0.24, 0.20, 0.30, "share of serious violence in the top 5% of LSOAs (real forces 23-24%)"
    ),
    "max_lsoa_share": Target(
        0.02, 0.005, 0.04, "share of serious violence in the LSOA with the most (no LSOA above 4%)"
    ),
    "deprivation_decile_ratio": Target(
        4.0, 3.0, 5.0, "serious violence per resident, IMD decile 1 / decile 10"
    ),
    "deprivation_gradient_breaks": Target(
        0, 0, 0, "IMD deciles 2-10 whose serious-violence rate is not below the decile before"
    ),
    "homicide_per_million": Target(
        11.0, 8.0, 15.0, "homicides (codes 1, 4/1, 4/2, 4/10) per million residents a year"
    ),
    "knife_offences_per_thousand": Target(
        0.85, 0.6, 1.0, "knife-flagged ONS selected offences per 1,000 residents a year"
    ),
    "lockdown_public_violence_change": Target(
        -0.30, -0.40, -0.20, "non-domestic public-place violence, lockdown months vs other years"
    ),
    "lockdown_robbery_change": Target(
        -0.30, -0.45, -0.15, "robbery, lockdown months vs the same months of other years"
    ),
    "lockdown_domestic_abuse_change": Target(
        0.07, -0.03, 0.25, "domestic-abuse-flagged crime, lockdown months vs other years (steady)"
    ),
    "nte_window_share_of_violence_at_licensed_premises": Target(
        0.55, 0.45, 0.85, "violence at licensed premises that happens Fri/Sat 22:00-03:00"
    ),
    "nte_window_share_of_serious_violence": Target(
        0.14, 0.10, 0.25, "serious violence in the Fri/Sat 22:00-03:00 window (uniform: 0.06)"
    ),
    "summer_to_winter_ratio": Target(
        1.25, 1.12, 1.45, "serious violence in Jun-Aug / Dec-Feb (summer high)"
    ),
    "suspect_rate_ratio_18_24_vs_25plus": Target(
        3.5, 2.0, 8.0, "serious-violence suspects per 1,000 aged 18-24 / per 1,000 aged 25+"
    ),
    "victim_rate_ratio_18_24_vs_25plus": Target(
        2.2, 1.5, 5.0, "serious-violence victims per 1,000 aged 18-24 / per 1,000 aged 25+"
    ),
    "repeat_victim_share": Target(
        0.07, 0.045, 0.20, "victims (distinct person ids) in two or more crimes"
    ),
    "repeat_suspect_share": Target(
        0.10, 0.06, 0.30, "suspects (distinct person ids) in two or more crimes"
    ),
    "ed_known_to_police_share": Target(
        0.25, 0.18, 0.33, "ED assaults with a police violence record within 2 h in the same LSOA"
    ),
    "hospital_sharp_object_share": Target(
        0.20, 0.15, 0.25, "assault admissions with ICD-10 X99 (sharp object)"
    ),
    "cohort_flag_ratio_min": Target(
        1.8, 1.5, 3.0, "lowest ratio, SV offenders vs other offenders, of any SEND/care/ACE flag"
    ),
    "cohort_flag_ratio_max": Target(
        2.2, 1.5, 3.0, "highest ratio, SV offenders vs other offenders, of any SEND/care/ACE flag"
    ),
    "exclusions_violence_or_weapon_share": Target(
        0.30, 0.2, 0.45, "school exclusion events for assault or an offensive weapon"
    ),
}

# Ages at which case-study triggers cluster (Warwickshire case-study analysis): (peak, low, high).
TRIGGER_PEAK_AGES: dict[str, tuple[int, int, int]] = {
    "parental_substance_misuse": (6, 4, 9),
    "witnessed_domestic_abuse": (8, 6, 10),
    "bereavement": (11, 8, 14),
    "school_exclusion": (14, 13, 15),
    "missing_episode": (14, 13, 16),
    "first_police_contact": (15, 14, 16),
    "criminal_exploitation": (15, 14, 17),
    "weapon_carrying": (16, 15, 17),
    "victim_of_violence": (17, 15, 19),
}

# Youth justice / probation offences that make a person a serious-violence offender in the cohort
# files (robbery, rape and sexual offences, GBH with intent, attempted murder, homicide).
COHORT_SV_CODES = ("34A", "34B", "19C", "19D", "19F", "20A", "20B", "17A", "5D", "2", "1")
COHORT_FLAGS = (
    "send",
    "looked_after",
    "excluded",
    "ace_domestic_abuse",
    "ace_parental_substance_misuse",
    "ace_parental_mental_health",
    "ace_parental_imprisonment",
    "ace_abuse_neglect",
    "ace_bereavement",
)


def target_table() -> dict[str, dict[str, Any]]:
    """The targets as plain data for the manifest."""
    table: dict[str, dict[str, Any]] = {
        name: {"value": t.value, "low": t.low, "high": t.high, "meaning": t.meaning}
        for name, t in TARGETS.items()
    }
    for event, (peak, low, high) in TRIGGER_PEAK_AGES.items():
        table[f"peak_age_{event}"] = {
            "value": peak,
            "low": low,
            "high": high,
            "meaning": f"most common age at {event.replace('_', ' ')} in case studies",
        }
    return table


def unmet(achieved: dict[str, float]) -> list[str]:
    """Names of targets the achieved figures miss (empty when all are met)."""
    table = target_table()
    return [
        name
        for name, spec in table.items()
        if name in achieved and not (spec["low"] <= achieved[name] <= spec["high"])
    ]
