"""How sentences name their measure: a police.uk proxy count always says it is one."""

from __future__ import annotations

import pytest

from svduty.analysis.wording import (
    PROXY_NOT_HOME_OFFICE,
    measure_name,
    name_the_measure,
)
from svduty.definitions import load_definition

PROXY = load_definition("police-uk-proxy")
FORCE = load_definition("home-office-core")


def test_measure_name():
    assert measure_name(FORCE) == "serious violence"
    assert measure_name(FORCE, capital=True) == "Serious violence"
    assert measure_name(PROXY) == "serious violence (police.uk proxy)"
    assert measure_name(PROXY, capital=True) == "Serious violence (police.uk proxy)"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "The rate of serious violence rose by 7% in 2022 compared with 2021.",
            "The rate of serious violence (police.uk proxy) rose by 7% in 2022 compared with 2021.",
        ),
        (
            "Serious violence made up 34.9% of all recorded crime.",
            "Serious violence (police.uk proxy) made up 34.9% of all recorded crime.",
        ),
        (
            "1,234 serious-violence crimes (11.2%) have no LSOA; serious violence is placed.",
            "1,234 serious-violence crimes (police.uk proxy) (11.2%) have no LSOA; serious "
            "violence is placed.",
        ),
        (
            "The rate in the most deprived fifth was 4.8 times the rate in the least deprived.",
            "Police.uk proxy: The rate in the most deprived fifth was 4.8 times the rate in the "
            "least deprived.",
        ),
        (
            "Serious violence (police.uk proxy) made up 34.9% of all recorded crime.",
            "Serious violence (police.uk proxy) made up 34.9% of all recorded crime.",
        ),
    ],
)
def test_a_proxy_finding_always_names_the_proxy(text, named):
    assert name_the_measure(text, PROXY) == named
    assert name_the_measure(named, PROXY) == named  # idempotent


def test_a_force_finding_is_left_as_written():
    text = "The rate of serious violence rose by 7% in 2022 compared with 2021."
    assert name_the_measure(text, FORCE) == text


def test_the_limitation_sentence_says_what_the_proxy_is_not():
    assert "not the Home Office definition" in PROXY_NOT_HOME_OFFICE
    assert "cannot be compared with the Home Office core measures" in PROXY_NOT_HOME_OFFICE
