"""Key findings: the sentences each section generated for results that passed their test.

Sections decide what is a finding (a confidence interval excluding 1, a significant hotspot, a
share above a threshold) and attach it to their result; this module only gathers them in report
order and drops repeats, so a finding is worded in one place. Given the assessment's definition,
it also makes sure that under a police.uk proxy every finding says so (see
:mod:`svduty.analysis.wording`): a board reading the key findings alone must not take a count of
three police.uk crime types for serious violence.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from svduty.analysis.result import Finding, SectionResult
from svduty.analysis.wording import name_the_measure

if TYPE_CHECKING:
    from svduty.definitions import Definition


def key_findings(
    results: list[SectionResult], definition: Definition | None = None
) -> list[Finding]:
    """Findings of the available sections in section order, each text once (first kept).

    With ``definition``, a proxy definition's findings each name the police.uk proxy.
    """
    seen: set[str] = set()
    findings: list[Finding] = []
    for result in results:
        if not result.available:
            continue
        for finding in result.findings:
            if definition is not None:
                finding = replace(finding, text=name_the_measure(finding.text, definition))
            text = " ".join(finding.text.split())
            if text.casefold() in seen:
                continue
            seen.add(text.casefold())
            findings.append(finding)
    return findings
