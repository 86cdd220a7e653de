"""Harm weights in a definition YAML: read, checked against the rules' tags, refused clearly."""

from __future__ import annotations

import pytest

from svduty.definitions import load_definition, parse_definition, preset_names
from svduty.errors import SvdutyError

BASE = """
name: my-area
title: My area
source: {document: "Strategy 2024", quote: "knife crime and robbery"}
rules:
  - tag: robbery
    codes: ["34a", "34b"]
  - tag: knife_enabled
    offence_groups: [violence against the person]
    knife: true
"""


def test_weights_are_read_in_vocabulary_order():
    definition = parse_definition(
        BASE + "harm_weights:\n  knife_enabled: 4\n  robbery: 2.5\n", "mine.yaml"
    )
    assert definition.harm_weights == (("robbery", 2.5), ("knife_enabled", 4.0))
    assert definition.harm_weight_map == {"robbery": 2.5, "knife_enabled": 4.0}
    hash(definition)  # still hashable: scopes and caches key on it


def test_the_default_is_unweighted():
    assert parse_definition(BASE, "mine.yaml").harm_weight_map == {}
    for name in preset_names():
        assert load_definition(name).harm_weights is None


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (
            "{robbery: -1, knife_enabled: 4}",
            "mine.yaml: harm_weights: the weight of robbery must be a number above 0, not -1",
        ),
        (
            "{robbery: 0, knife_enabled: 4}",
            "mine.yaml: harm_weights: the weight of robbery must be a number above 0, not 0",
        ),
        (
            "{robbery: high, knife_enabled: 4}",
            "mine.yaml: harm_weights: the weight of robbery must be a number above 0, not 'high'",
        ),
        (
            "{robbery: .inf, knife_enabled: 4}",
            "mine.yaml: harm_weights: the weight of robbery must be a number above 0, not inf",
        ),
        (
            "{robbery: 2}",
            "mine.yaml: harm_weights: give every tag of the definition a weight; "
            "missing knife_enabled",
        ),
        (
            "{robbery: 2, knife_enabled: 4, homicide: 9}",
            "mine.yaml: harm_weights: homicide is not a tag of this definition's rules "
            "(its tags: robbery, knife_enabled)",
        ),
        ("{robbery: 2, knife: 4}", "mine.yaml: harm_weights: unknown tag 'knife'"),
        ("[2, 4]", "mine.yaml: harm_weights: must map each tag to a weight above 0"),
    ],
)
def test_a_bad_weight_is_refused_in_one_line(weights, message):
    with pytest.raises(SvdutyError) as refused:
        parse_definition(BASE + f"harm_weights: {weights}\n", "mine.yaml")
    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)
