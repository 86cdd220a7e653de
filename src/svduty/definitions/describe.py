"""Definitions in plain words, for ``svduty definitions show`` and for reports."""

from __future__ import annotations

import textwrap

from svduty.definitions.schema import Definition, Rule
from svduty.reference import offence_codes

PROXY_BANNER = "COARSE PROXY - not a count of serious violence"


def describe_rule(rule: Rule) -> str:
    """One sentence: which crimes the rule counts and the tag they get."""
    return f"{rule.tag}: {rule_conditions(rule)}"


def rule_conditions(rule: Rule) -> str:
    """Which crimes the rule counts, in words (reports show the tag's label beside it)."""
    parts: list[str] = []
    offences: list[str] = []
    if rule.codes:
        reference = offence_codes()
        offences.append(
            "codes " + ", ".join(f"{code} ({reference[code].description})" for code in rule.codes)
        )
    if rule.offence_groups:
        offences.append("offence group " + " or ".join(rule.offence_groups))
    if rule.offence_subgroups:
        offences.append("offence subgroup " + " or ".join(rule.offence_subgroups))
    if offences:
        parts.append("offence is " + "; or ".join(offences))
    if rule.exclude_codes:
        parts.append("offence is not " + ", ".join(rule.exclude_codes))
    if rule.police_uk_crime_types:
        parts.append(
            "police.uk crime type is "
            + " or ".join(f'"{kind}"' for kind in rule.police_uk_crime_types)
        )
    for flag, words in (
        ("knife", "a knife or sharp instrument"),
        ("firearm", "a firearm"),
        ("domestic_abuse", "domestic abuse"),
    ):
        wanted = getattr(rule, flag)
        if wanted is not None:
            parts.append(f"{'flagged' if wanted else 'not flagged'} as {words}")
    if rule.public_space is not None:
        parts.append("in a public space" if rule.public_space else "not in a public space")
    ages = []
    if rule.victim_age_under is not None:
        ages.append(f"the youngest victim is under {rule.victim_age_under}")
    if rule.suspect_age_under is not None:
        ages.append(f"the youngest suspect is under {rule.suspect_age_under}")
    if rule.victim_or_suspect_age_under is not None:
        ages.append(f"the youngest victim or suspect is under {rule.victim_or_suspect_age_under}")
    if ages:
        missing = "counted" if rule.missing_age_matches else "not counted"
        parts.append(" and ".join(ages) + f" (unknown age: {missing})")
    return "; and ".join(parts)


def describe_definition(definition: Definition) -> str:
    """Title, proxy caveat, source wording, notes and numbered rules."""
    wrap = textwrap.TextWrapper(width=100, subsequent_indent="    ")
    lines = [f"{definition.name}: {definition.title}"]
    if definition.proxy:
        lines += [f"*** {PROXY_BANNER} ***", wrap.fill(f"Caveat: {definition.caveat}")]
    lines += [
        wrap.fill(f"Source: {definition.source.document}"),
        wrap.fill(f'Wording: "{definition.source.quote.strip()}"'),
    ]
    if definition.notes:
        lines.append(wrap.fill(f"Notes: {definition.notes}"))
    lines.append("A crime is serious violence if ANY rule matches; it gets every matching tag:")
    lines += [
        wrap.fill(f"{number}. {describe_rule(rule)}")
        for number, rule in enumerate(definition.rules, start=1)
    ]
    return "\n".join(lines)
