"""Plain-pandas recomputations shared by the people/time/health/cohort/core-measure tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.analysis.conftest import SmallWarehouse, expected_serious_violence


def age_band(ages: pd.Series) -> pd.Series:
    """0-17, 18-24, 25+, Unknown — with pd.cut, not the Ibis expression under test."""
    banded = pd.cut(ages, bins=[-0.5, 17.5, 24.5, np.inf], labels=["0-17", "18-24", "25+"])
    return banded.astype(object).where(banded.notna(), "Unknown")


def sv_crimes(warehouse: SmallWarehouse) -> pd.DataFrame:
    sv = expected_serious_violence(warehouse["crimes"])
    return sv[sv.is_serious_violence]


def sv_people(warehouse: SmallWarehouse) -> pd.DataFrame:
    people = warehouse["crime_people"]
    refs = set(sv_crimes(warehouse).crime_ref)
    people = people[people.crime_ref.isin(refs)].copy()
    people["age_band"] = age_band(people.age.astype(float))
    people["sex"] = people.sex.fillna("Unknown")
    people["ethnicity"] = people.ethnicity.fillna("Not stated")
    return people


def one_sentence(text: str | None) -> bool:
    """A single sentence: ends with a full stop and has no other sentence break."""
    return bool(text) and text.endswith(".") and ". " not in text and "\n" not in text
