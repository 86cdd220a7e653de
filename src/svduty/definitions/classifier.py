"""Vectorised classification of crimes against a definition, as one Ibis expression.

The only Python work is per DISTINCT offence-code spelling: each spelling is normalised once and,
for every rule, marked as inside or outside that rule's offence set. That small table is joined
to the crimes; everything else (flags, location, ages, police.uk crime type) is column
arithmetic the backend (DuckDB by default, any Ibis backend in principle) runs over millions of
rows.

Missing values: a null flag means "not flagged"; a null location type is neither public space
nor not public space; a null age fails an age condition unless the rule sets
``missing_age_matches: true``; a null offence code is in no offence set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import ibis

from svduty.definitions.loader import load_definition
from svduty.definitions.schema import CATEGORIES, Definition, Rule
from svduty.errors import SvdutyError
from svduty.reference import (
    HOMICIDE_COMPONENTS,
    MERGED_HOMICIDE,
    PUBLIC_SPACE_LOCATION_TYPES,
    OffenceCode,
    offence_codes,
)
from svduty.reference.offence_codes import ho_code_spellings

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: Columns ``classify`` adds: one boolean per tag, then these two.
IS_SERIOUS_VIOLENCE = "is_serious_violence"
SV_CATEGORIES = "sv_categories"
TAG_COLUMNS: tuple[str, ...] = tuple(f"sv_{tag}" for tag in CATEGORIES)
OUTPUT_COLUMNS: tuple[str, ...] = (*TAG_COLUMNS, IS_SERIOUS_VIOLENCE, SV_CATEGORIES)

_RAW = "_sv_code_spelling"
_TRUE_FLAGS = ("Y", "YES", "TRUE", "T", "1")


#: Every input column some rule can read, in the order ``required_columns`` lists them.
RULE_COLUMNS: tuple[str, ...] = (
    "ho_code",
    "knife",
    "firearm",
    "domestic_abuse",
    "location_type",
    "youngest_victim_age",
    "youngest_suspect_age",
    "police_uk_crime_type",
)


def required_columns(definition: Definition) -> tuple[str, ...]:
    """The input columns this definition's rules read (in ``RULE_COLUMNS`` order)."""
    needed: list[str] = []
    for rule in definition.rules:
        if rule.has_offence_condition:
            needed.append("ho_code")
        needed += [
            flag
            for flag in ("knife", "firearm", "domestic_abuse")
            if getattr(rule, flag) is not None
        ]
        if rule.public_space is not None:
            needed.append("location_type")
        if rule.victim_age_under is not None or rule.victim_or_suspect_age_under is not None:
            needed.append("youngest_victim_age")
        if rule.suspect_age_under is not None or rule.victim_or_suspect_age_under is not None:
            needed.append("youngest_suspect_age")
        if rule.police_uk_crime_types:
            needed.append("police_uk_crime_type")
    return tuple(name for name in RULE_COLUMNS if name in needed)


def unknown_code_spellings(table: ir.Table) -> list[str]:
    """Non-empty ``ho_code`` spellings in ``table`` that are not Home Office codes, sorted."""
    spellings = ho_code_spellings(_distinct_codes(table))
    return sorted(str(raw) for raw, code in spellings.items() if code is None and _filled(raw))


def classify(
    definition: Definition | str,
    table: ir.Table,
    *,
    on_unknown_code: Literal["raise", "ignore"] = "raise",
    codes_from: ir.Table | None = None,
) -> ir.Table:
    """``table`` plus ``sv_<tag>`` booleans (every tag of the vocabulary),
    ``is_serious_violence`` (boolean) and ``sv_categories`` (array of tags in vocabulary order).

    Input columns read (only those the definition needs must exist): ``ho_code`` (any common
    spelling), ``knife``, ``firearm``, ``domestic_abuse`` (boolean, or ``Y``/``N`` text),
    ``location_type``, ``youngest_victim_age``, ``youngest_suspect_age`` (integers or digit
    text), ``police_uk_crime_type``. Output columns already present in ``table`` are replaced.
    An offence code that is not a Home Office code raises :class:`SvdutyError` naming it, unless
    ``on_unknown_code="ignore"`` (such crimes then match no offence rule). ``definition`` may be
    a preset name or YAML path instead of a loaded :class:`Definition`. ``codes_from`` is a
    cheaper table holding the same ``ho_code`` values (e.g. ``table`` before a join): the
    distinct spellings are read from it instead.
    """
    if isinstance(definition, str):
        definition = load_definition(definition)
    missing = [name for name in required_columns(definition) if name not in table.columns]
    if missing:
        raise SvdutyError(
            f"definition {definition.name} needs column {missing[0]!r}, which the table lacks"
        )
    base = table.drop(*[name for name in OUTPUT_COLUMNS if name in table.columns])
    offence_rules = [i for i, rule in enumerate(definition.rules) if rule.has_offence_condition]
    joined = base
    if offence_rules:
        code_table = _code_rule_table(
            definition, base if codes_from is None else codes_from, offence_rules, on_unknown_code
        )
        spelling = base.ho_code.cast("string")
        joined = base.left_join(code_table, spelling == code_table[_RAW]).drop(_RAW)

    matches = [_rule_matches(joined, i, rule) for i, rule in enumerate(definition.rules)]
    tag_values = {}
    for tag, column in zip(CATEGORIES, TAG_COLUMNS, strict=True):
        hits = [
            match for match, rule in zip(matches, definition.rules, strict=True) if rule.tag == tag
        ]
        tag_values[column] = _any(hits) if hits else ibis.literal(False)
    serious = _any(list(tag_values.values()))
    categories = ibis.array(
        [
            ibis.ifelse(tag_values[column], tag, None)
            for tag, column in zip(CATEGORIES, TAG_COLUMNS, strict=True)
        ]
    ).filter(lambda tag: tag.notnull())
    result = joined.mutate(
        **tag_values, **{IS_SERIOUS_VIOLENCE: serious, SV_CATEGORIES: categories}
    )
    return result.select(*base.columns, *OUTPUT_COLUMNS)


def _distinct_codes(table: ir.Table) -> list[object]:
    column = table.select(code=table.ho_code.cast("string")).distinct()
    return column.to_pyarrow()["code"].to_pylist()


def _filled(raw: object) -> bool:
    return raw is not None and bool(str(raw).strip())


def _code_rule_table(
    definition: Definition,
    table: ir.Table,
    offence_rules: list[int],
    on_unknown_code: str,
) -> ir.Table:
    """One row per distinct spelling: does it fall in each offence rule's offence set?"""
    reference = offence_codes()
    spellings = ho_code_spellings(_distinct_codes(table))
    if on_unknown_code == "raise":
        unknown = sorted(
            str(raw) for raw, code in spellings.items() if code is None and _filled(raw)
        )
        if unknown:
            listed = ", ".join(repr(value) for value in unknown[:5])
            raise SvdutyError(
                f"unknown Home Office offence code {unknown[0]!r} in column ho_code "
                f"({len(unknown)} unknown spelling{'s' if len(unknown) > 1 else ''}: {listed})"
            )
    rows = [(raw, code) for raw, code in spellings.items() if raw is not None]
    data: dict[str, list[object]] = {_RAW: [str(raw) for raw, _ in rows]}
    schema: dict[str, str] = {_RAW: "string"}
    for i in offence_rules:
        rule = definition.rules[i]
        data[_rule_column(i)] = [
            code is not None and _offence_in_rule(reference[code], rule) for _, code in rows
        ]
        schema[_rule_column(i)] = "boolean"
    return ibis.memtable(data, schema=ibis.schema(schema))


def _offence_in_rule(offence: OffenceCode, rule: Rule) -> bool:
    """Offence sets are unions of codes, groups and subgroups. The merged homicide code and its
    four components stand for each other: listing either side matches the other."""
    listed = _expand(rule.codes)
    if set(offence.components) <= _expand(rule.exclude_codes):
        return False
    return (
        bool(set(offence.components) & listed)
        or offence.offence_group in rule.offence_groups
        or offence.offence_subgroup in rule.offence_subgroups
    )


def _expand(codes: tuple[str, ...]) -> set[str]:
    expanded = set(codes)
    if MERGED_HOMICIDE in expanded:
        expanded |= set(HOMICIDE_COMPONENTS)
    return expanded


def _rule_column(index: int) -> str:
    return f"_sv_rule_{index}_offence"


def _rule_matches(table: ir.Table, index: int, rule: Rule) -> ir.BooleanValue:
    conditions: list[ir.BooleanValue] = []
    if rule.has_offence_condition:
        conditions.append(table[_rule_column(index)].fill_null(False))
    for flag in ("knife", "firearm", "domestic_abuse"):
        wanted = getattr(rule, flag)
        if wanted is not None:
            flagged = _flag(table[flag])
            conditions.append(flagged if wanted else ~flagged)
    if rule.public_space is not None:
        location = table.location_type.cast("string").strip().lower()
        public = location.isin(sorted(PUBLIC_SPACE_LOCATION_TYPES)).fill_null(False)
        known_private = location.notnull() & ~location.isin(
            [*sorted(PUBLIC_SPACE_LOCATION_TYPES), "unknown", ""]
        )
        conditions.append(public if rule.public_space else known_private.fill_null(False))
    if rule.has_age_condition:
        conditions.append(_age_condition(table, rule))
    if rule.police_uk_crime_types:
        crime_type = table.police_uk_crime_type.cast("string").strip()
        conditions.append(crime_type.isin(list(rule.police_uk_crime_types)).fill_null(False))
    return _all(conditions) if conditions else ibis.literal(False)


def _age_condition(table: ir.Table, rule: Rule) -> ir.BooleanValue:
    victim = _age(table, "youngest_victim_age")
    suspect = _age(table, "youngest_suspect_age")
    missing_ok = rule.missing_age_matches
    parts: list[ir.BooleanValue] = []
    if rule.victim_age_under is not None:
        parts.append(_under(victim, rule.victim_age_under, missing_ok))
    if rule.suspect_age_under is not None:
        parts.append(_under(suspect, rule.suspect_age_under, missing_ok))
    if rule.victim_or_suspect_age_under is not None:
        limit = rule.victim_or_suspect_age_under
        either = (victim < limit).fill_null(False) | (suspect < limit).fill_null(False)
        if missing_ok:
            either = either | (victim.isnull() & suspect.isnull())
        parts.append(either)
    return _all(parts)


def _under(age: ir.IntegerValue, limit: int, missing_ok: bool) -> ir.BooleanValue:
    below = (age < limit).fill_null(False)
    return below | age.isnull() if missing_ok else below


def _age(table: ir.Table, name: str) -> ir.IntegerValue:
    column = table[name]
    if column.type().is_integer():
        return column
    if column.type().is_string():
        return column.strip().try_cast("int64")
    return column.try_cast("int64")


def _flag(column: ir.Value) -> ir.BooleanValue:
    """True only for a set flag; null or unknown counts as not flagged."""
    kind = column.type()
    if kind.is_boolean():
        return column.fill_null(False)
    if kind.is_string():
        return column.strip().upper().isin(list(_TRUE_FLAGS)).fill_null(False)
    return (column == 1).fill_null(False)


def _any(values: list[ir.BooleanValue]) -> ir.BooleanValue:
    result = values[0]
    for value in values[1:]:
        result = result | value
    return result


def _all(values: list[ir.BooleanValue]) -> ir.BooleanValue:
    result = values[0]
    for value in values[1:]:
        result = result & value
    return result
