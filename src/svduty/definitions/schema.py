"""The YAML schema of a local definition of serious violence (documented in docs/definitions.md).

A definition is a list of rules. Each rule names one category tag and some conditions; the
conditions of one rule must ALL hold (AND), and a crime is serious violence when ANY rule holds
(OR). A crime carries every tag whose rule holds, so a knife-enabled robbery is both ``robbery``
and ``knife_enabled``.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from svduty.reference import (
    POLICE_UK_CRIME_TYPES,
    UnknownOffenceCode,
    normalise_ho_code,
    offence_groups,
    offence_subgroups,
)

Category = Literal[
    "homicide",
    "attempted_murder",
    "serious_wounding",
    "assault_with_injury",
    "robbery",
    "rape",
    "other_sexual_offences",
    "knife_enabled",
    "firearms",
    "weapon_possession",
    "domestic_abuse",
    "drugs_supply_county_lines",
    "modern_slavery",
]
#: The fixed tag vocabulary, in the order ``sv_categories`` lists tags.
CATEGORIES: tuple[str, ...] = get_args(Category)

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Frozen):
    """Where the definition comes from: the document and its wording, quoted."""

    document: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class Rule(_Frozen):
    """One way a crime can be serious violence, and the tag it then carries.

    Offence conditions (``codes``, ``offence_groups``, ``offence_subgroups``) together name ONE
    set of offences (their union, minus ``exclude_codes``); the crime's offence must be in it.
    Every other condition given must hold as well. A condition left out is not checked.
    """

    tag: Category
    description: str | None = None
    codes: tuple[str, ...] = ()
    offence_groups: tuple[str, ...] = ()
    offence_subgroups: tuple[str, ...] = ()
    exclude_codes: tuple[str, ...] = ()
    knife: bool | None = None
    firearm: bool | None = None
    domestic_abuse: bool | None = None
    public_space: bool | None = None
    victim_age_under: int | None = Field(default=None, gt=0, le=130)
    suspect_age_under: int | None = Field(default=None, gt=0, le=130)
    victim_or_suspect_age_under: int | None = Field(default=None, gt=0, le=130)
    missing_age_matches: bool = False
    police_uk_crime_types: tuple[str, ...] = ()

    @field_validator("codes", "exclude_codes", mode="before")
    @classmethod
    def _codes_are_known(cls, value: object) -> tuple[str, ...]:
        if isinstance(value, str | int | float):
            value = [value]
        try:
            return tuple(normalise_ho_code(str(code)) for code in value or ())
        except UnknownOffenceCode as error:
            raise ValueError(str(error)) from None

    @field_validator("offence_groups")
    @classmethod
    def _groups_are_known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _known(value, offence_groups(), "offence group")

    @field_validator("offence_subgroups")
    @classmethod
    def _subgroups_are_known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _known(value, offence_subgroups(), "offence subgroup")

    @field_validator("police_uk_crime_types")
    @classmethod
    def _crime_types_are_known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _known(value, frozenset(POLICE_UK_CRIME_TYPES), "police.uk crime type")

    @model_validator(mode="after")
    def _has_a_condition(self) -> Rule:
        if not (self.has_offence_condition or self.police_uk_crime_types):
            raise ValueError(
                "a rule needs codes, offence_groups, offence_subgroups or police_uk_crime_types"
            )
        return self

    @property
    def has_offence_condition(self) -> bool:
        return bool(self.codes or self.offence_groups or self.offence_subgroups)

    @property
    def has_age_condition(self) -> bool:
        return any(
            age is not None
            for age in (
                self.victim_age_under,
                self.suspect_age_under,
                self.victim_or_suspect_age_under,
            )
        )


class Definition(_Frozen):
    """A named local definition of serious violence."""

    name: str
    title: str = Field(min_length=1)
    source: Source
    proxy: bool = False
    caveat: str | None = None
    notes: str | None = None
    rules: tuple[Rule, ...] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _name_is_a_slug(cls, value: str) -> str:
        if not _NAME.fullmatch(value):
            raise ValueError(f"name {value!r} must be lower-case letters, digits and hyphens")
        return value

    @model_validator(mode="after")
    def _proxy_has_caveat(self) -> Definition:
        if self.proxy and not self.caveat:
            raise ValueError("a proxy definition needs a caveat saying what it cannot see")
        return self

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags this definition can give, in vocabulary order."""
        used = {rule.tag for rule in self.rules}
        return tuple(tag for tag in CATEGORIES if tag in used)


def _known(values: tuple[str, ...], allowed: frozenset[str], kind: str) -> tuple[str, ...]:
    by_lower = {item.lower(): item for item in allowed}
    result = []
    for value in values:
        match = by_lower.get(" ".join(value.split()).lower())
        if match is None:
            raise ValueError(f"unknown {kind} {value!r} (known: {', '.join(sorted(allowed))})")
        result.append(match)
    return tuple(result)
