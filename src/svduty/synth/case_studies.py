"""Life-course events from case reviews of young people involved in serious violence.

Each trigger clusters around the age named in ``calibration.TRIGGER_PEAK_AGES`` (witnessing
domestic abuse in primary school, exclusion at 13-15, first police contact at 14-16, criminal
exploitation at 14-17), as Warwickshire's case-study analysis found.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from svduty.synth.calibration import TRIGGER_PEAK_AGES
from svduty.synth.world import World

CASES_PER_LSOA = 0.3
# event: (chance a case has it, spread of ages around the peak in years, most repeats)
EVENTS = {
    "parental_substance_misuse": (0.45, 1.8, 2),
    "witnessed_domestic_abuse": (0.6, 1.6, 4),
    "bereavement": (0.3, 2.2, 1),
    "school_exclusion": (0.55, 0.9, 3),
    "missing_episode": (0.5, 1.0, 4),
    "first_police_contact": (0.92, 0.9, 1),
    "criminal_exploitation": (0.45, 1.0, 1),
    "weapon_carrying": (0.5, 0.9, 2),
    "victim_of_violence": (0.6, 1.3, 2),
}


def case_studies(world: World, rng: np.random.Generator) -> pa.Table:
    """Every case's events, ordered by case and age."""
    cases = max(40, round(world.areas.n * CASES_PER_LSOA))
    sex = rng.choice(np.array(["M", "F"]), size=cases, p=[0.85, 0.15])
    case_parts, age_parts, event_parts = [], [], []
    for event, (chance, spread, most) in EVENTS.items():
        peak = TRIGGER_PEAK_AGES[event][0]
        has = rng.random(cases) < chance
        times = np.where(has, rng.integers(1, most + 1, size=cases), 0)
        case = np.repeat(np.arange(cases), times)
        age = np.clip(np.round(rng.normal(peak, spread, size=len(case))), 0, 30).astype(np.int64)
        case_parts.append(case)
        age_parts.append(age)
        event_parts.append(np.full(len(case), event))
    case = np.concatenate(case_parts)
    age = np.concatenate(age_parts)
    event = np.concatenate(event_parts)
    order = np.lexsort((age, case))
    width = len(str(cases))
    ids = np.array([f"CS{i + 1:0{max(width, 3)}d}" for i in range(cases)])
    return pa.table(
        {
            "case_id": ids[case[order]],
            "age_at_event": age[order],
            "event_type": event[order],
            "sex": sex[case[order]],
        }
    )
