"""ICD-10 assault codes, ONS knife selected offences, police.uk and ISTV vocabularies."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from svduty.errors import SvdutyError
from svduty.reference import (
    AGE_BANDS,
    ASSAULT_METHODS,
    ISTV_FIELDS,
    LOCATION_TYPES,
    POLICE_UK_CRIME_TYPES,
    POLICE_UK_OUTCOME_CATEGORIES,
    PUBLIC_SPACE_LOCATION_TYPES,
    SEXES,
    age_band,
    icd10_assault_codes,
    icd10_excluded_codes,
    is_assault_icd10,
    is_sharp_object_assault,
    knife_selected_codes,
    knife_selected_offences,
    normalise_icd10,
    offence_codes,
)


def test_icd10_assault_range_is_x85_to_y09():
    codes = icd10_assault_codes()
    assert len(codes) == 25  # X85..X99 (15) + Y00..Y09 (10)
    assert min(codes) == "X85"
    assert max(codes) == "Y09"
    assert codes["X99"].name == "Assault by sharp object"
    assert codes["Y04"].name == "Assault by bodily force"


def test_excluded_sharp_object_families_are_not_assault():
    excluded = icd10_excluded_codes()
    assert {code: cause.family for code, cause in excluded.items()} == {
        "W25": "accidental",
        "W26": "accidental",
        "X78": "self_harm",
        "Y28": "undetermined_intent",
    }
    for code in excluded:
        assert not is_assault_icd10(code)
        assert not is_sharp_object_assault(code)


@pytest.mark.parametrize(
    ("raw", "canonical"), [("X99", "X99"), ("x99.0", "X99.0"), ("X990", "X99.0")]
)
def test_icd10_spellings(raw, canonical):
    assert normalise_icd10(raw) == canonical
    assert is_sharp_object_assault(raw)
    assert is_assault_icd10(raw)


def test_other_assaults_are_assault_but_not_sharp_object():
    assert is_assault_icd10("Y00.1")
    assert not is_sharp_object_assault("Y00")
    assert not is_assault_icd10("X84")
    assert not is_assault_icd10("Y10")


def test_icd10_garbage_is_refused():
    with pytest.raises(SvdutyError, match="not an ICD-10 code"):
        normalise_icd10("knife")


def test_knife_selected_offences_are_the_ons_seven_types_with_sexual_assault_split():
    names = [offence.name for offence in knife_selected_offences()]
    assert names == [
        "Homicide",
        "Attempted murder",
        "Threats to kill",
        "Assault with injury",
        "Assault with intent to cause serious harm",
        "Robbery",
        "Rape",
        "Sexual assault",
    ]
    assert {"1", "2", "3B", "8N", "5D", "34A", "34B", "19C", "20A"} <= knife_selected_codes()
    assert "10D" not in knife_selected_codes()
    assert knife_selected_codes() <= set(offence_codes())


def test_police_uk_vocabularies():
    assert len(POLICE_UK_CRIME_TYPES) == 14
    assert "Violence and sexual offences" in POLICE_UK_CRIME_TYPES
    assert "Criminal damage and arson" in POLICE_UK_CRIME_TYPES
    assert "Investigation complete; no suspect identified" in POLICE_UK_OUTCOME_CATEGORIES
    assert len(set(POLICE_UK_OUTCOME_CATEGORIES)) == len(POLICE_UK_OUTCOME_CATEGORIES) == 28


@pytest.mark.realdata
def test_every_crime_type_and_outcome_in_the_archives_is_known(shared_data):
    types: set[str] = set()
    outcomes: set[str] = set()
    for archive in sorted((shared_data / "police_uk").glob("*.zip")):
        with zipfile.ZipFile(archive) as bundle:
            for name in bundle.namelist():
                if not name.endswith(".csv") or "stop-and-search" in name:
                    continue
                with bundle.open(name) as raw:
                    reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig"))
                    for row in reader:
                        if "Crime type" in row:
                            types.add(row["Crime type"])
                            outcomes.add(row["Last outcome category"])
                        else:
                            outcomes.add(row["Outcome type"])
    assert types == set(POLICE_UK_CRIME_TYPES)
    assert outcomes - {""} <= set(POLICE_UK_OUTCOME_CATEGORIES)


def test_istv_and_vocabularies_match_the_data_contract():
    assert [field.name for field in ISTV_FIELDS if field.part == "header"] == [
        "reporting_period_start",
        "reporting_period_end",
        "site_code",
    ]
    assert "assault_method" in {field.name for field in ISTV_FIELDS}
    assert ASSAULT_METHODS == (
        "knife_sharp",
        "blunt_object",
        "body",
        "glass_bottle",
        "firearm",
        "other",
        "unknown",
    )
    assert LOCATION_TYPES[:6] == tuple(
        [
            "street",
            "public_transport",
            "licensed_premises",
            "retail",
            "park_open_space",
            "school_college",
        ]
    )
    assert frozenset(LOCATION_TYPES[:6]) == PUBLIC_SPACE_LOCATION_TYPES
    assert "dwelling" not in PUBLIC_SPACE_LOCATION_TYPES
    assert SEXES == ("F", "M", "X", "U")
    assert [band.label for band in AGE_BANDS] == ["0-17", "18-24", "25+"]


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0-17"),
        (17, "0-17"),
        (18, "18-24"),
        (24, "18-24"),
        (25, "25+"),
        (99, "25+"),
        (None, None),
    ],
)
def test_age_bands(age, band):
    assert age_band(age) == band
