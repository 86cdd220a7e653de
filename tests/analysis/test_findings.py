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


def test_under_a_proxy_every_finding_names_the_proxy():
    from svduty.definitions import load_definition

    profile = SectionResult(key="profile", title="Profile")
    profile.findings = [
        Finding("profile", "Serious violence (police.uk proxy) made up 34.9% of all crime."),
        Finding("profile", "The rate of serious violence rose by 7%.", evidence="trends_annual"),
    ]
    place = SectionResult(key="deprivation", title="Deprivation")
    place.findings = [Finding("deprivation", "The most deprived fifth had 4.8 times the rate.")]
    proxy = load_definition("police-uk-proxy")
    found = key_findings([profile, place], proxy)
    assert [f.text for f in found] == [
        "Serious violence (police.uk proxy) made up 34.9% of all crime.",
        "The rate of serious violence (police.uk proxy) rose by 7%.",
        "Police.uk proxy: The most deprived fifth had 4.8 times the rate.",
    ]
    assert found[1].evidence == "trends_annual" and found[1].section == "profile"
    force = load_definition("home-office-core")
    assert [f.text for f in key_findings([profile], force)] == [f.text for f in profile.findings]
    assert key_findings([profile]) == profile.findings  # no definition: texts as written
