"""Reading definitions: presets, user YAML files, and one-line refusals for bad ones."""

from __future__ import annotations

import pytest

from svduty.definitions import (
    CATEGORIES,
    HOME_OFFICE_TAGS,
    PROXY_TAGS,
    SHARED_TAGS,
    TAG_LABELS,
    load_definition,
    parse_definition,
    preset_names,
    tag_label,
)
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

PROXY = """
name: my-proxy
title: My proxy
proxy: true
caveat: police.uk crime types only
source: {document: "data.police.uk", quote: "three crime types"}
rules:
  - tag: violence_and_sexual_offences
    police_uk_crime_types: [Violence and sexual offences]
  - tag: robbery
    police_uk_crime_types: [Robbery]
  - tag: possession_of_weapons
    police_uk_crime_types: [Possession of weapons]
"""


def test_a_proxy_may_use_proxy_tags_and_robbery():
    definition = parse_definition(PROXY, "mine.yaml")
    assert definition.proxy
    assert definition.tags == ("robbery", "violence_and_sexual_offences", "possession_of_weapons")


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
    assert len(CATEGORIES) == 15


def test_every_tag_has_words_and_one_kind():
    assert set(TAG_LABELS) == set(CATEGORIES)
    assert tag_label("violence_and_sexual_offences").startswith("Violence and sexual offences")
    assert tag_label("possession_of_weapons").startswith("Possession of weapons")
    assert tag_label("robbery") == "Robbery"
    assert set(CATEGORIES) == HOME_OFFICE_TAGS | PROXY_TAGS | SHARED_TAGS
    assert not HOME_OFFICE_TAGS & PROXY_TAGS
    assert {"violence_and_sexual_offences", "possession_of_weapons"} == PROXY_TAGS
    assert "assault_with_injury" in HOME_OFFICE_TAGS and "weapon_possession" in HOME_OFFICE_TAGS


def test_the_proxy_keeps_police_uk_crime_types_as_its_tags():
    proxy = load_definition("police-uk-proxy")
    assert proxy.tags == ("robbery", "violence_and_sexual_offences", "possession_of_weapons")
    assert {rule.tag: rule.police_uk_crime_types for rule in proxy.rules} == {
        "violence_and_sexual_offences": ("Violence and sexual offences",),
        "robbery": ("Robbery",),
        "possession_of_weapons": ("Possession of weapons",),
    }
    assert "not the Home Office definition" in proxy.caveat
    assert "cannot be compared with the Home Office core measures" in proxy.caveat


@pytest.mark.parametrize("name", [n for n in preset_names() if n != "police-uk-proxy"])
def test_force_data_presets_use_no_proxy_tag(name):
    assert not set(load_definition(name).tags) & PROXY_TAGS


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
        (
            GOOD.replace("tag: robbery", "tag: violence_and_sexual_offences"),
            "rules[0].tag: violence_and_sexual_offences is a police.uk proxy tag; only a "
            "definition with proxy: true may use it",
        ),
        (
            PROXY.replace("tag: violence_and_sexual_offences", "tag: assault_with_injury"),
            "rules[0].tag: assault_with_injury is a Home Office category, which a proxy "
            "definition cannot show",
        ),
        (
            PROXY.replace("tag: possession_of_weapons", "tag: weapon_possession"),
            "rules[2].tag: weapon_possession is a Home Office category",
        ),
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


def test_load_preset_takes_names_only_and_never_a_path(tmp_path):
    from svduty.definitions import load_preset

    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\n", encoding="utf-8")
    assert load_preset("home-office-core").name == "home-office-core"
    with pytest.raises(SvdutyError, match=r"unknown definition .*choose one of .*home-office-core"):
        load_preset(str(path))
