"""The executive summary: the few findings a board reads first, chosen by a stated rule.

The rule (``docs/statistics.md``, "Executive summary"):

1. Findings about the data's coverage (``Finding.about_data``) are not findings about violence:
   they are kept apart, as the summary's "read with care" note.
2. The rest are ranked by the size of their effect (``Finding.effect``, "times as much": a rate
   ratio, or a concentration such as a share of the violence over the share of places holding
   it), largest first; a finding a statistical test supports (``Finding.tested``) comes before
   a description of the same size; a finding without an effect size ranks last; ties keep the
   report's section order.
3. At most ``PER_SECTION`` come from one section, so one rich section cannot crowd out the
   others, and at most ``MOST`` in all.

The first chosen finding of each section carries what it means for the partnership: a
sentence per section that says which part of the response the finding bears on.
"""

from __future__ import annotations

from dataclasses import dataclass

from svduty.analysis.result import Finding

MOST = 8
PER_SECTION = 2

#: What a finding of each section means for the partnership's response.
MEANING = {
    "place": "Prevention, patrols and outreach concentrated on these places would reach much "
    "of the violence: they are the first candidates for place-based work.",
    "people": "Services should reach the groups most affected, designed with them; where a "
    "characteristic is often unrecorded, partners should improve its recording.",
    "time": "Night-time economy partners (licensing, transport, door staff, street pastors) "
    "belong in the response, with resources timed to these hours.",
    "trends": "The partnership should follow this change quarter by quarter in its measures "
    "framework and test whether its response is bending it.",
    "deprivation": "Violence follows deprivation here: prevention belongs with the partnership's "
    "work on poverty, housing, employment and education.",
    "cohorts": "The partners who hold these records can identify people at risk earlier and "
    "offer support before violence happens.",
    "core_measures": "This is a Home Office core measure: the board should see it each quarter "
    "against its trajectory.",
    "health": "Emergency departments see violence the police do not: data sharing with health "
    "(ISTV) and hospital-based navigators reach it.",
    "triggers": "Early help can be timed to the ages at which these events peak.",
    "profile": "The local definition decides what the partnership counts: this is the scale of "
    "the problem the strategy addresses.",
}


@dataclass(frozen=True)
class SummaryPoint:
    finding: Finding
    meaning: str


@dataclass(frozen=True)
class ExecutiveSummary:
    points: list[SummaryPoint]
    about_data: list[Finding]


def executive_summary(
    findings: list[Finding], section_order: list[str], most: int = MOST
) -> ExecutiveSummary:
    """Choose and order the summary's findings from ``findings`` (the report's key findings)
    by the rule above; ``section_order`` gives the report's order of sections for ties."""
    position = {key: i for i, key in enumerate(section_order)}
    about_data = [f for f in findings if f.about_data]
    ranked = sorted(
        (f for f in findings if not f.about_data),
        key=lambda f: (
            -(f.effect or 0.0),
            not f.tested,
            position.get(f.section, len(position)),
        ),
    )
    chosen: list[Finding] = []
    per_section: dict[str, int] = {}
    for finding in ranked:
        if len(chosen) == most:
            break
        if per_section.get(finding.section, 0) == PER_SECTION:
            continue
        per_section[finding.section] = per_section.get(finding.section, 0) + 1
        chosen.append(finding)
    said: set[str] = set()  # a section's meaning is said once, at its first finding
    points = []
    for finding in chosen:
        meaning = "" if finding.section in said else MEANING.get(finding.section, "")
        said.add(finding.section)
        points.append(SummaryPoint(finding, meaning))
    return ExecutiveSummary(points, about_data)
