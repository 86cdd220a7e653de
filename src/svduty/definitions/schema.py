"""The YAML schema of a local definition of serious violence (documented in docs/definitions.md).

A definition is a list of rules. Each rule names one category tag and some conditions; the
conditions of one rule must ALL hold (AND), and a crime is serious violence when ANY rule holds
(OR). A crime carries every tag whose rule holds, so a knife-enabled robbery is both ``robbery``
and ``knife_enabled``.

The vocabulary has two halves that never mix. Home Office tags name offence-code groups a force's
records can show; proxy tags name data.police.uk crime types, which are broader and carry no code.
Only a proxy definition may use a proxy tag, and a proxy definition may not use a Home Office tag,
so a police.uk count is never labelled as a Home Office category. ``robbery`` belongs to both:
police.uk's "Robbery" is exactly Home Office codes 34A and 34B.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
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
    "violence_and_sexual_offences",
    "possession_of_weapons",
]
#: The fixed tag vocabulary, in the order ``sv_categories`` lists tags.
CATEGORIES: tuple[str, ...] = get_args(Category)
#: Tags for data.police.uk crime types: only a proxy definition may use them.
PROXY_TAGS: frozenset[str] = frozenset({"violence_and_sexual_offences", "possession_of_weapons"})
#: Tags a proxy definition may use as well: the police.uk crime type is the same offences.
SHARED_TAGS: frozenset[str] = frozenset({"robbery"})
#: Tags for Home Office offence groups and record flags: never in a proxy definition.
HOME_OFFICE_TAGS: frozenset[str] = frozenset(CATEGORIES) - PROXY_TAGS - SHARED_TAGS
#: Each tag in words, as reports name categories.
TAG_LABELS: dict[str, str] = {
    "homicide": "Homicide",
    "attempted_murder": "Attempted murder",
    "serious_wounding": "Serious wounding",
    "assault_with_injury": "Assault with injury",
    "robbery": "Robbery",
    "rape": "Rape",
    "other_sexual_offences": "Other sexual offences",
    "knife_enabled": "Knife or sharp instrument involved",
    "firearms": "Firearms involved",
    "weapon_possession": "Weapons possession",
    "domestic_abuse": "Domestic abuse",
    "drugs_supply_county_lines": "Drugs supply (county lines)",
    "modern_slavery": "Modern slavery",
    "violence_and_sexual_offences": "Violence and sexual offences (police.uk crime type)",
    "possession_of_weapons": "Possession of weapons (police.uk crime type)",
}

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
    #: Optional ``{tag: weight}`` for the priority places' volume term (a published harm index);
    #: absent means every crime counts 1. Stored as ``(tag, weight)`` pairs so the model hashes.
    harm_weights: tuple[tuple[Category, float], ...] | None = None

    @field_validator("name")
    @classmethod
    def _name_is_a_slug(cls, value: str) -> str:
        if not _NAME.fullmatch(value):
            raise ValueError(f"name {value!r} must be lower-case letters, digits and hyphens")
        return value

    @field_validator("harm_weights", mode="before")
    @classmethod
    def _weights_are_positive(cls, value: object) -> object:
        if value is None or isinstance(value, tuple):
            return value
        if not isinstance(value, Mapping) or not value:
            raise ValueError("must map each tag to a weight above 0, e.g. {robbery: 2.5}")
        pairs = []
        for tag, weight in value.items():
            if tag not in CATEGORIES:
                raise ValueError(f"unknown tag {tag!r} (known: {', '.join(CATEGORIES)})")
            number = _positive_number(weight)
            if number is None:
                raise ValueError(f"the weight of {tag} must be a number above 0, not {weight!r}")
            pairs.append((tag, number))
        return tuple(sorted(pairs, key=lambda pair: CATEGORIES.index(pair[0])))

    @model_validator(mode="after")
    def _proxy_has_caveat(self) -> Definition:
        if self.proxy and not self.caveat:
            raise ValueError("a proxy definition needs a caveat saying what it cannot see")
        return self

    @model_validator(mode="after")
    def _tags_fit_the_kind(self) -> Definition:
        """Proxy tags only in a proxy definition; Home Office tags never in one."""
        for index, rule in enumerate(self.rules):
            if rule.tag in PROXY_TAGS and not self.proxy:
                raise ValueError(
                    f"rules[{index}].tag: {rule.tag} is a police.uk proxy tag; only a definition "
                    "with proxy: true may use it (Home Office tags: "
                    f"{', '.join(t for t in CATEGORIES if t not in PROXY_TAGS)})"
                )
            if rule.tag in HOME_OFFICE_TAGS and self.proxy:
                raise ValueError(
                    f"rules[{index}].tag: {rule.tag} is a Home Office category, which a proxy "
                    "definition cannot show; use a police.uk tag ("
                    f"{', '.join(t for t in CATEGORIES if t not in HOME_OFFICE_TAGS)})"
                )
        return self

    @model_validator(mode="after")
    def _weights_cover_the_tags(self) -> Definition:
        if self.harm_weights is None:
            return self
        weighted = {tag for tag, _ in self.harm_weights}
        unused = [tag for tag in CATEGORIES if tag in weighted and tag not in self.tags]
        if unused:
            raise ValueError(
                f"harm_weights: {', '.join(unused)} is not a tag of this definition's rules "
                f"(its tags: {', '.join(self.tags)})"
            )
        missing = [tag for tag in self.tags if tag not in weighted]
        if missing:
            raise ValueError(
                f"harm_weights: give every tag of the definition a weight; missing "
                f"{', '.join(missing)}"
            )
        return self

    @property
    def harm_weight_map(self) -> dict[str, float]:
        """``{tag: weight}``; empty when the definition sets no harm weights (unweighted)."""
        return dict(self.harm_weights or ())

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags this definition can give, in vocabulary order."""
        used = {rule.tag for rule in self.rules}
        return tuple(tag for tag in CATEGORIES if tag in used)


def tag_label(tag: str) -> str:
    """The tag in words (``knife_enabled`` → "Knife or sharp instrument involved")."""
    return TAG_LABELS.get(tag, tag.replace("_", " ").capitalize())


def _positive_number(value: object) -> float | None:
    """``value`` as a finite float above 0, or None (booleans and text are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and number > 0 else None


def _known(values: tuple[str, ...], allowed: frozenset[str], kind: str) -> tuple[str, ...]:
    by_lower = {item.lower(): item for item in allowed}
    result = []
    for value in values:
        match = by_lower.get(" ".join(value.split()).lower())
        if match is None:
            raise ValueError(f"unknown {kind} {value!r} (known: {', '.join(sorted(allowed))})")
        result.append(match)
    return tuple(result)
