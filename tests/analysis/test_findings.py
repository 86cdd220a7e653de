"""Key findings are gathered in section order without repeats, and never from absent sections."""

from svduty.analysis.findings import key_findings
from svduty.analysis.result import Finding, SectionResult


def test_collects_in_order_and_drops_repeats():
    first = SectionResult(key="people", title="People")
    first.findings = [Finding("people", "A is high."), Finding("people", "B is high.")]
    second = SectionResult(key="time", title="Time")
    second.findings = [Finding("time", "a  is   HIGH."), Finding("time", "C is high.")]
    absent = SectionResult.absent("health", "Health", "No health data was imported.")
    absent.findings = [Finding("health", "Should never appear.")]
    texts = [f.text for f in key_findings([first, absent, second])]
    assert texts == ["A is high.", "B is high.", "C is high."]


def test_no_results_no_findings():
    assert key_findings([]) == []
