"""ISTV (ISB 1594) fields and the vocabularies svduty adopts across sources.

Values are exactly those of docs/data-contracts.md "Vocabularies": synth writes them, ingest
checks them, definitions use ``PUBLIC_SPACE_LOCATION_TYPES`` for ``public_space: true``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from svduty.reference._data import load_yaml


@dataclass(frozen=True)
class IstvField:
    """One field of the ISTV return; ``part`` is header, assault or local_add_ons."""

    name: str
    meaning: str
    part: str


@dataclass(frozen=True)
class AgeBand:
    """An age band used across reports; ``max_age`` None means open-ended."""

    label: str
    min_age: int
    max_age: int | None

    def contains(self, age: int) -> bool:
        return age >= self.min_age and (self.max_age is None or age <= self.max_age)


_ISTV = load_yaml("istv.yaml")

ISTV_FIELDS: tuple[IstvField, ...] = tuple(
    IstvField(name=item["name"], meaning=item["meaning"], part=part)
    for part, items in _ISTV["fields"].items()
    for item in items
)
ASSAULT_METHODS: tuple[str, ...] = tuple(_ISTV["assault_methods"])
LOCATION_TYPES: tuple[str, ...] = tuple(_ISTV["location_types"])
#: The words reports and the web app show for each assault method and location type.
ASSAULT_METHOD_TITLES: dict[str, str] = dict(_ISTV["assault_method_titles"])
LOCATION_TYPE_TITLES: dict[str, str] = dict(_ISTV["location_type_titles"])
PUBLIC_SPACE_LOCATION_TYPES: frozenset[str] = frozenset(_ISTV["public_space_location_types"])
SEXES: tuple[str, ...] = tuple(_ISTV["sexes"])
ETHNICITIES: tuple[str, ...] = tuple(_ISTV["ethnicities"])
AGE_BANDS: tuple[AgeBand, ...] = tuple(AgeBand(**band) for band in _ISTV["age_bands"])


def canonical_spellings(allowed: Iterable[str], raw_values: Iterable[str]) -> dict[str, str | None]:
    """Each raw value's spelling in ``allowed`` (trimmed, any case), or None when not in it.

    The one matching rule for a vocabulary: the importer's checks and ``svduty classify`` both
    use it, so a value one accepts the other accepts too.
    """
    by_key = {value.casefold(): value for value in allowed}
    return {raw: by_key.get(raw.strip().casefold()) for raw in raw_values}


def age_band(age: int | None) -> str | None:
    """The band label for an age (``17`` → ``0-17``, ``25`` → ``25+``); None when unknown."""
    if age is None or age < 0:
        return None
    return next(band.label for band in AGE_BANDS if band.contains(age))
