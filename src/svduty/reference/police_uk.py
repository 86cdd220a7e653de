"""data.police.uk vocabularies: the 14 street crime types and the outcome categories, worded
exactly as the published CSVs write them."""

from __future__ import annotations

from svduty.reference._data import load_yaml

POLICE_UK_CRIME_TYPES: tuple[str, ...] = tuple(load_yaml("police_uk.yaml")["crime_types"])
POLICE_UK_OUTCOME_CATEGORIES: tuple[str, ...] = tuple(
    load_yaml("police_uk.yaml")["outcome_categories"]
)
