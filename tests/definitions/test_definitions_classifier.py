"""The vectorised classifier on Ibis tables: columns, semantics of missing values, scale."""

from __future__ import annotations

import ibis
import pytest

from svduty.definitions import (
    CATEGORIES,
    OUTPUT_COLUMNS,
    classify,
    load_definition,
    parse_definition,
    required_columns,
)
from svduty.errors import SvdutyError

AGES = """
name: ages
title: Ages
source: {document: test, quote: test}
rules:
  - tag: assault_with_injury
    codes: ["8N"]
    victim_age_under: 18
  - tag: robbery
    codes: ["34B"]
    suspect_age_under: 25
    missing_age_matches: true
  - tag: domestic_abuse
    codes: ["8N"]
    public_space: false
"""


def _table(**columns):
    return ibis.duckdb.connect().create_table("t", ibis.memtable(columns))


def _tags(result) -> list[list[str]]:
    return result.order_by("crime_ref")["sv_categories"].to_pyarrow().to_pylist()


def test_output_schema_has_a_boolean_per_tag_and_an_array_of_tags():
    table = _table(
        crime_ref=["a"],
        ho_code=["34B"],
        knife=[True],
        firearm=[False],
        domestic_abuse=[False],
        location_type=["street"],
        youngest_victim_age=[16],
        youngest_suspect_age=[30],
        police_uk_crime_type=["Robbery"],
        extra=["kept"],
    )
    result = classify(load_definition("home-office-core"), table)
    assert result.columns == (*table.columns, *OUTPUT_COLUMNS)
    schema = result.schema()
    assert schema["is_serious_violence"].is_boolean()
    assert schema["sv_categories"].is_array()
    for tag in CATEGORIES:
        assert schema[f"sv_{tag}"].is_boolean()
    row = result.to_pyarrow().to_pylist()[0]
    assert row["sv_categories"] == ["robbery", "knife_enabled"]
    assert row["sv_robbery"] and row["sv_knife_enabled"] and not row["sv_homicide"]
    assert row["extra"] == "kept"


def test_missing_ages_fail_age_conditions_unless_the_rule_says_otherwise():
    definition = parse_definition(AGES, "ages.yaml")
    table = _table(
        crime_ref=["1", "2", "3", "4", "5", "6"],
        ho_code=["8N", "8N", "8N", "34B", "34B", "34B"],
        location_type=["street", "street", "dwelling", "street", "street", "street"],
        youngest_victim_age=[17, None, 30, 40, 40, 40],
        youngest_suspect_age=[40, 10, 30, 24, None, 25],
    )
    assert _tags(classify(definition, table)) == [
        ["assault_with_injury"],
        [],  # victim age unknown: not counted, though the suspect is 10
        ["domestic_abuse"],  # a dwelling is known not to be public space
        ["robbery"],
        ["robbery"],  # missing_age_matches: true
        [],  # 25 is not under 25
    ]


def test_unknown_location_is_neither_public_nor_private():
    definition = parse_definition(AGES, "ages.yaml")
    table = _table(
        crime_ref=["1", "2"],
        ho_code=["8N", "8N"],
        location_type=[None, "unknown"],
        youngest_victim_age=[30, 30],
        youngest_suspect_age=[30, 30],
    )
    assert _tags(classify(definition, table)) == [[], []]


def test_text_flags_and_ages_are_understood():
    table = _table(
        crime_ref=["1", "2", "3"],
        ho_code=["8n", "008/N", "8N"],
        knife=["Y", "n", " y "],
        firearm=["N", "N", "N"],
        domestic_abuse=["N", "N", "N"],
        location_type=["street", "street", "dwelling"],
        youngest_victim_age=["16", "", None],
        youngest_suspect_age=["30", "19", "30"],
    )
    assert _tags(classify(load_definition("home-office-core"), table)) == [
        ["assault_with_injury", "knife_enabled"],
        ["assault_with_injury"],
        ["knife_enabled"],
    ]


def test_unknown_codes_raise_or_are_ignored():
    table = _table(crime_ref=["1", "2"], ho_code=["ZZ9", "1"])
    definition = parse_definition(
        "name: h\ntitle: H\nsource: {document: d, quote: q}\nrules:\n"
        "  - {tag: homicide, codes: ['1']}\n",
        "h.yaml",
    )
    with pytest.raises(
        SvdutyError, match="unknown Home Office offence code 'ZZ9' in column ho_code"
    ):
        classify(definition, table)
    assert _tags(classify(definition, table, on_unknown_code="ignore")) == [[], ["homicide"]]


def test_missing_column_is_named():
    table = _table(crime_ref=["1"], ho_code=["8N"])
    with pytest.raises(SvdutyError, match="needs column 'knife'"):
        classify(load_definition("home-office-core"), table)
    assert required_columns(load_definition("police-uk-proxy")) == ("police_uk_crime_type",)


def test_proxy_needs_only_the_police_uk_crime_type():
    table = _table(
        crime_ref=["1", "2", "3"],
        police_uk_crime_type=["Robbery", "Burglary", "Violence and sexual offences"],
    )
    assert _tags(classify("police-uk-proxy", table)) == [
        ["robbery"],
        [],
        ["violence_and_sexual_offences"],
    ]


def test_classifying_twice_replaces_the_output_columns():
    table = _table(crime_ref=["1"], police_uk_crime_type=["Robbery"])
    once = classify(load_definition("police-uk-proxy"), table)
    twice = classify(load_definition("police-uk-proxy"), once)
    assert twice.columns == once.columns
    assert _tags(twice) == [["robbery"]]


@pytest.mark.slow
def test_a_million_rows_classify_in_duckdb():
    con = ibis.duckdb.connect()
    con.raw_sql(
        """
        CREATE TABLE crimes AS
        SELECT 'R' || i AS crime_ref,
               (['8N', '34b', '004/01', '5D', '46', '19C', '92A'])[1 + i % 7] AS ho_code,
               i % 3 = 0 AS knife, FALSE AS firearm, i % 5 = 0 AS domestic_abuse,
               (['street', 'dwelling'])[1 + i % 2] AS location_type,
               CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 40)::INTEGER END AS youngest_victim_age,
               (i % 50)::INTEGER AS youngest_suspect_age,
               NULL::VARCHAR AS police_uk_crime_type
        FROM range(1000000) AS t(i)
        """
    )
    result = classify(load_definition("northamptonshire"), con.table("crimes"))
    counts = (
        result.aggregate(
            rows=result.count(),
            serious=result.is_serious_violence.sum(),
            knife=result.sv_knife_enabled.sum(),
            robbery=result.sv_robbery.sum(),
            homicide=result.sv_homicide.sum(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    # Independent count in plain Python over i: codes cycle with period 7, knife every 3rd.
    knife_codes = {0, 1, 2, 3, 5}  # 8N, 34b, 004/01, 5D, 19C are ONS selected offences
    expected = {"rows": 0, "serious": 0, "knife": 0, "robbery": 0, "homicide": 0}
    for i in range(1_000_000):
        code = i % 7
        knife = i % 3 == 0 and code in knife_codes
        robbery = code == 1
        homicide = code == 2
        domestic = i % 5 == 0 and code in {2, 3}  # DA rule: homicide and 5D
        rape = code == 5
        expected["rows"] += 1
        expected["knife"] += knife
        expected["robbery"] += robbery
        expected["homicide"] += homicide
        expected["serious"] += knife or robbery or homicide or domestic or rape
    assert counts == expected


def test_merged_homicide_code_and_its_components_stand_for_each_other():
    def tags_for(rule_yaml: str) -> list[list[str]]:
        definition = parse_definition(
            f"name: h\ntitle: H\nsource: {{document: d, quote: q}}\nrules:\n  - {rule_yaml}\n",
            "h.yaml",
        )
        table = _table(
            crime_ref=["1", "2", "3", "4"], ho_code=["1/4.1/4.10/4.2", "001", "4.10", "8N"]
        )
        return _tags(classify(definition, table))

    assert tags_for("{tag: homicide, codes: ['1/4.1/4.10/4.2']}") == [
        ["homicide"],
        ["homicide"],
        ["homicide"],
        [],
    ]
    assert tags_for("{tag: homicide, codes: ['4/1']}") == [["homicide"], [], [], []]
    # Excluding one component keeps the merged code (it may be any homicide) but drops 4/10.
    assert tags_for("{tag: homicide, offence_subgroups: [Homicide], exclude_codes: ['4/10']}") == [
        ["homicide"],
        ["homicide"],
        [],
        [],
    ]
