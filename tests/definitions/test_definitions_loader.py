"""Reading definitions: presets, user YAML files, and one-line refusals for bad ones."""

from __future__ import annotations

import pytest

from svduty.definitions import CATEGORIES, load_definition, parse_definition, preset_names
from svduty.definitions.describe import describe_definition
from svduty.errors import SvdutyError

GOOD = """
name: my-area
title: My area
source: {document: "Strategy 2024", quote: "knife crime and robbery"}
rules:
  - tag: robbery
    codes: ["034/b", "34a"]
  - tag: knife_enabled
    offence_groups: [violence against the person]
    knife: true
"""


def test_presets_are_the_six_named_in_the_brief():
    assert preset_names() == (
        "avon-and-somerset",
        "home-office-core",
        "northamptonshire",
        "police-uk-proxy",
        "thames-valley",
        "warwickshire",
    )


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_cites_its_source_wording(name):
    definition = load_definition(name)
    assert definition.name == name
    assert len(definition.source.quote) > 20
    assert definition.source.document
    assert set(definition.tags) <= set(CATEGORIES)


def test_seed_wording_is_quoted():
    assert "county lines drug dealing" in load_definition("thames-valley").source.quote
    assert "under 25's" in load_definition("avon-and-somerset").source.quote
    assert "maldevelopment" in load_definition("warwickshire").source.quote
    assert "49%" in load_definition("northamptonshire").source.quote


def test_only_the_police_uk_preset_is_a_proxy_and_says_so():
    proxies = [name for name in preset_names() if load_definition(name).proxy]
    assert proxies == ["police-uk-proxy"]
    shown = describe_definition(load_definition("police-uk-proxy"))
    assert "COARSE PROXY" in shown
    assert "Violence and sexual offences" in shown


def test_tags_contain_the_plain_words():
    for word in ("homicide", "knife", "robbery", "rape", "firearms", "domestic_abuse", "slavery"):
        assert any(word in tag for tag in CATEGORIES)
    assert len(CATEGORIES) == 13


def test_user_yaml_file_normalises_codes_and_names(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    definition = load_definition(str(path))
    assert definition.rules[0].codes == ("34B", "34A")
    assert definition.rules[1].offence_groups == ("Violence against the person",)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name: x\ntitle: [unclosed\n", "malformed YAML at line"),
        ("- just\n- a list\n", "must be a YAML mapping"),
        (GOOD.replace("tag: robbery", "tag: stabbing"), "rules[0].tag: unknown tag 'stabbing'"),
        (
            GOOD.replace('"034/b"', '"ZZ9"'),
            "rules[0].codes: unknown Home Office offence code 'ZZ9'",
        ),
        (GOOD.replace("violence against the person", "nasty things"), "unknown offence group"),
        (GOOD.replace("name: my-area", "name: My Area"), "name: name 'My Area' must be"),
        (
            GOOD.replace("    knife: true\n", "    knife: true\n    colour: red\n"),
            "colour: unknown field",
        ),
        (GOOD + "proxy: true\n", "a proxy definition needs a caveat"),
        (GOOD.replace('    codes: ["034/b", "34a"]\n', "    knife: true\n"), "a rule needs codes"),
        (
            "name: x\ntitle: X\nsource: {document: d, quote: q}\nrules: []\n",
            "rules: Tuple should have at least 1 item",
        ),
    ],
)
def test_bad_definitions_are_refused_in_one_line_naming_the_file(tmp_path, text, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SvdutyError) as caught:
        load_definition(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_unknown_definition_name_lists_the_presets():
    with pytest.raises(SvdutyError, match=r"unknown definition 'nowhere'.*home-office-core"):
        load_definition("nowhere")


def test_parse_definition_names_its_origin():
    with pytest.raises(SvdutyError, match=r"^upload\.yaml: malformed YAML"):
        parse_definition("rules: [", "upload.yaml")
