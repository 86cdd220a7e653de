"""Key findings: the sentences each section generated for results that passed their test.

Sections decide what is a finding (a confidence interval excluding 1, a significant hotspot, a
share above a threshold) and attach it to their result; this module only gathers them in report
order and drops repeats, so a finding is worded in one place.
"""

from __future__ import annotations

from svduty.analysis.result import Finding, SectionResult


def key_findings(results: list[SectionResult]) -> list[Finding]:
    """Findings of the available sections in section order, each text once (first kept)."""
    seen: set[str] = set()
    findings: list[Finding] = []
    for result in results:
        if not result.available:
            continue
        for finding in result.findings:
            text = " ".join(finding.text.split())
            if text.casefold() in seen:
                continue
            seen.add(text.casefold())
            findings.append(finding)
    return findings
