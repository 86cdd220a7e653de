"""Checks for the shared vocabularies of docs/data-contracts.md, read from svduty.reference."""

from __future__ import annotations

from svduty import reference
from svduty.ingest.checks import Vocabulary


def _reference(name: str):
    def values() -> tuple[str, ...]:
        return tuple(getattr(reference, name))

    return values


def _age_bands() -> tuple[str, ...]:
    return tuple(band.label for band in reference.AGE_BANDS)


SEX = Vocabulary(values=_reference("SEXES"), name="sex", reason="not a known sex (F, M, X or U)")
ETHNICITY = Vocabulary(
    values=_reference("ETHNICITIES"),
    name="ethnicity",
    reason="not an ONS ethnic group (Asian, Black, Mixed, White, Other, Not stated)",
)
LOCATION_TYPE = Vocabulary(values=_reference("LOCATION_TYPES"), name="location type")
ASSAULT_METHOD = Vocabulary(values=_reference("ASSAULT_METHODS"), name="assault method")
AGE_BAND = Vocabulary(
    values=_age_bands, name="age band", reason="not an age band (0-17, 18-24, 25+)"
)
POLICE_UK_CRIME_TYPE = Vocabulary(
    values=_reference("POLICE_UK_CRIME_TYPES"), name="data.police.uk crime type"
)
