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


def test_the_deprivation_share_is_set_beside_the_residents_who_live_there() -> None:
    """Warwickshire, Oct 2018 to Feb 2019 (police.uk): 6.2% of serious violence in England's
    most deprived tenth of LSOAs, home to 2.0% of its residents; 15.4% in the fifth, 6.6%."""
    from svduty.analysis.deprivation import _share_finding

    finding = _share_finding(6.2, 15.4, 2.0, 6.6, 100.0)
    assert finding.text == (
        "6% of serious violence happened in England's most deprived 10% of neighbourhoods and "
        "15% in the most deprived 20%, which are home to 2% and 7% of the area's residents."
    )
    assert round(finding.effect, 2) == 2.33  # 15.4 / 6.6
    assert _share_finding(3.0, 8.0, 5.0, 12.0, 100.0).effect is None  # fewer than residents
    unknown = _share_finding(6.2, 15.4, float("nan"), float("nan"), float("nan"))
    assert unknown.effect is None and "home to" not in unknown.text


def test_a_sections_meaning_is_said_once() -> None:
    findings = [f("place", "a", effect=5.0), f("place", "b", effect=4.0), f("time", "c", 3.0)]
    meanings = [p.meaning for p in executive_summary(findings, ORDER).points]
    assert meanings == [MEANING["place"], "", MEANING["time"]]


def test_no_presets_introduction_names_a_tag_as_code() -> None:
    import re

    from svduty.definitions import load_preset, preset_names
    from svduty.reports.introduction import Introduction

    for name in preset_names():
        intro = Introduction.of(load_preset(name), "A partnership", "An area")
        text = " ".join([intro.duty, intro.partnership, intro.definition, intro.definition_basis])
        assert not re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text), name
