"""The executive summary's rule: largest effects first, tested before described, two a section."""

from __future__ import annotations

from svduty.analysis.result import Finding, times
from svduty.analysis.summary import MEANING, MOST, executive_summary

ORDER = ["scope", "profile", "trends", "place", "people", "time", "health"]


def f(section: str, text: str, effect: float | None = None, tested: bool = False, **kw) -> Finding:
    return Finding(section, text, effect=effect, tested=tested, **kw)


def test_the_largest_effects_come_first_and_tests_break_ties() -> None:
    findings = [
        f("profile", "SV is 2% of crime"),  # no effect size: last
        f("trends", "rose 20%", effect=1.2, tested=True),
        f("place", "40% in 5% of LSOAs", effect=8.0),
        f("people", "men 3 times as likely", effect=3.0, tested=True),
        f("time", "night-time 3 times", effect=3.0),  # the same size, described only
        f("health", "60% unmatched", effect=2.5),
    ]
    summary = executive_summary(findings, ORDER)
    assert [p.finding.text for p in summary.points] == [
        "40% in 5% of LSOAs",
        "men 3 times as likely",
        "night-time 3 times",
        "60% unmatched",
        "rose 20%",
        "SV is 2% of crime",
    ]
    assert summary.points[0].meaning == MEANING["place"]


def test_data_findings_are_kept_apart_and_one_section_cannot_crowd_out_the_rest() -> None:
    findings = [f("scope", "12 crimes without an LSOA", about_data=True)]
    findings += [f("place", f"place {i}", effect=10.0 - i, tested=True) for i in range(5)]
    findings += [f("people", f"people {i}", effect=1.5 + i / 10) for i in range(5)]
    findings += [f("trends", "rose", effect=1.1, tested=True)]
    summary = executive_summary(findings, ORDER)
    texts = [p.finding.text for p in summary.points]
    assert texts == ["place 0", "place 1", "people 4", "people 3", "rose"]
    assert [f.text for f in summary.about_data] == ["12 crimes without an LSOA"]


def test_at_most_eight() -> None:
    sections = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    findings = [f(s, s, effect=2.0) for s in sections]
    assert len(executive_summary(findings, sections).points) == MOST == 8


def test_an_effect_is_times_as_much_whichever_way() -> None:
    assert times(0.5) == 2.0 and times(4.0) == 4.0
    assert times(float("nan")) is None and times(0) is None and times(None) is None
