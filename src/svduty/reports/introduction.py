"""The report's introduction (the Duty, the partnership, the local definition and why) and its
glossary: fixed words and the definition's own record, the same in every format."""

from __future__ import annotations

from dataclasses import dataclass

from svduty.definitions.schema import Definition

DUTY = (
    "The Serious Violence Duty (Police, Crime, Sentencing and Courts Act 2022, Part 2 Chapter 1, "
    "in force since 31 January 2023) requires the specified authorities of an area to work "
    "together to identify the kinds of serious violence that occur there and, so far as "
    "possible, their causes, and to prepare, publish and implement a strategy to prevent and "
    "reduce it. The specified authorities are the police, fire and rescue authorities, "
    "integrated care boards, local authorities, youth offending teams and probation; "
    "educational, prison and youth custody authorities must be consulted on the strategy. This "
    "strategic needs assessment is the evidence the strategy is built on; the strategy is "
    "reviewed every year."
)

#: How the figures were made, in plain words (the methods in full: docs/statistics.md).
METHODS: tuple[str, ...] = (
    "Each partner's extract was checked against its data contract before loading: rows that "
    "failed a check were set aside (quarantined) with the reason, not guessed at, and the "
    "first section lists every source with its period, rows loaded and rows set aside.",
    "Crimes were counted as serious violence by the local definition's rules, on the Home "
    "Office offence codes and the flags the force records (knife, domestic abuse, place).",
    "Rates are per resident, from the ONS population of each neighbourhood, with 95% "
    "confidence intervals; a difference between years, groups of people or hours is reported "
    "as a finding only when its interval "
    "excludes no difference.",
    "Small neighbourhoods' rates are steadied (empirical Bayes smoothing) before places are "
    "ranked or mapped, so that a few crimes in a small population do not make a hot spot.",
    "Hot spots are found with the Getis-Ord Gi* test at a 5% false discovery rate; priority "
    "neighbourhoods are ranked by the volume of serious violence, its smoothed rate and its "
    "persistence over the years.",
    "Trends compare complete years, or the same months of each year for a part year, so that "
    "seasons do not pass for change.",
    "The public summary withholds any count from 1 to 4, and any figure that would reveal one, "
    "shown as [c].",
)

#: Terms the report uses, in alphabetical order, in plain words.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("95% confidence interval (CI)", "The range within which the true value lies with 95% "
     "confidence, given the numbers counted; a rate ratio whose interval excludes 1 is a real "
     "difference, not chance."),
    ("Cold spot", "A neighbourhood or grid cell with much less serious violence than those "
     "around it, beyond what chance would give."),
    ("Core measures", "The Home Office's three measures of the Duty's success: homicides, "
     "hospital admissions for assault with a sharp object of under-25s, and knife-enabled "
     "serious violence."),
    ("Deprivation decile", "One tenth of England's neighbourhoods ranked by the English Indices "
     "of Deprivation 2019; decile 1 is the most deprived tenth."),
    ("False discovery rate", "The expected share of spots flagged as hot or cold that are "
     "flagged by chance; held at 5%."),
    ("Getis-Ord Gi*", "A test of whether a place and its neighbours together have more (hot "
     "spot) or less (cold spot) serious violence than the area as a whole."),
    ("Hot spot", "A neighbourhood or grid cell with much more serious violence than those "
     "around it, beyond what chance would give."),
    ("ISTV", "Information Sharing to Tackle Violence: the anonymised record emergency "
     "departments keep of assaults (where, when, how), shared with partners."),
    ("LSOA", "Lower layer super output area: a neighbourhood of about 1,500 residents, the "
     "smallest area the report maps."),
    ("Night-time economy", "Friday and Saturday nights, 22:00 to 03:00, when pubs, clubs and "
     "late venues are open."),
    ("Rate ratio", "How many times as high one rate is as another: 2 means twice as high, 0.5 "
     "half."),
    ("Serious violence (local definition)", "The offences this partnership counts as serious "
     "violence; the introduction sets it out and the scope section lists its rules."),
    ("Strategic needs assessment (SNA)", "The analysis of serious violence in the area, its "
     "causes and the people and places affected, on which the strategy is built."),
    ("[c]", "A number withheld in the public summary to protect privacy (a count from 1 to 4, "
     "or one that would reveal it)."),
)  # fmt: skip


@dataclass(frozen=True)
class Introduction:
    duty: str
    partnership: str
    definition: str
    definition_basis: str
    methods: tuple[str, ...] = METHODS

    @classmethod
    def of(cls, definition: Definition, partnership: str | None, area: str) -> Introduction:
        who = (
            f"This assessment is {partnership}'s, for {area}."
            if partnership
            else f"This assessment covers {area}."
        )
        source = definition.source
        basis = f"The definition comes from {' '.join(source.document.split())}"
        basis += f", which says: “{' '.join(source.quote.split())}”."
        if definition.notes:
            basis += f" {_tags_named(' '.join(definition.notes.split()))}"
        return cls(
            duty=DUTY,
            partnership=who,
            definition=f"Serious violence here means: {definition.title}.",
            definition_basis=basis,
        )


def _tags_named(text: str) -> str:
    """A definition's notes with its tags (``possession_of_weapons``) named as people say them."""
    import re

    from svduty.definitions import TAG_LABELS

    return re.sub(
        r"\b[a-z]+(?:_[a-z0-9]+)+\b", lambda m: TAG_LABELS.get(m.group(0), m.group(0)), text
    )
