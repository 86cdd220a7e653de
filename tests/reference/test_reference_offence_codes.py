"""Home Office offence codes: the reference list and the spellings it accepts."""

from __future__ import annotations

import csv

import pytest

from svduty.errors import SvdutyError
from svduty.reference import (
    HOMICIDE_COMPONENTS,
    MERGED_HOMICIDE,
    UnknownOffenceCode,
    ho_code_spellings,
    lookup_offence,
    normalise_ho_code,
    offence_codes,
    offence_groups,
)


def test_reference_holds_every_published_code_plus_the_separate_homicide_codes_and_8u():
    codes = offence_codes()
    # 132 distinct codes in the 2017/18 table + 1, 4/1, 4/2, 4/10 and 8U.
    assert len(codes) == 137
    for code in ("1", "4/1", "4/2", "4/10", "8U", MERGED_HOMICIDE, "8L", "8Q", "105A", "105B"):
        assert code in codes
    for code in ("106", "92A", "10A", "10B", "10C", "10D", "19C", "19D", "19E", "19F", "19G"):
        assert code in codes
    assert "19H" in codes


def test_8n_is_assault_with_injury_in_violence_with_injury():
    offence = lookup_offence("8N")
    assert offence.description == "Assault with injury"
    assert offence.offence_group == "Violence against the person"
    assert offence.offence_subgroup == "Violence with injury"


def test_separate_homicide_codes_and_the_merged_spelling():
    assert lookup_offence("1").description == "Murder"
    assert lookup_offence("4/1").description == "Manslaughter"
    assert lookup_offence("4/2").description == "Infanticide"
    assert lookup_offence("4/10").description == "Corporate manslaughter"
    merged = lookup_offence("1/4.1/4.10/4.2")
    assert merged.code == MERGED_HOMICIDE
    assert merged.offence_subgroup == "Homicide"
    assert merged.components == HOMICIDE_COMPONENTS
    assert lookup_offence("8N").components == ("8N",)


def test_8u_is_controlling_or_coercive_behaviour():
    offence = lookup_offence("8u")
    assert offence.description == "Controlling or coercive behaviour"
    assert offence.offence_subgroup == "Stalking and harassment"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("8N", "8N"),
        ("8n", "8N"),
        ("008N", "8N"),
        ("008/N", "8N"),
        (" 8N ", "8N"),
        ("8 N", "8N"),
        ("4/1", "4/1"),
        ("4.1", "4/1"),
        ("004/01", "4/1"),
        ("4.10", "4/10"),
        ("004/10", "4/10"),
        ("001", "1"),
        ("37.1", "37/1"),
        ("105a", "105A"),
        ("1/4.1/4.10/4.2", MERGED_HOMICIDE),
        ("1/4/1/4/10/4/2", MERGED_HOMICIDE),
        ("uk finance", "UK Finance"),
    ],
)
def test_common_spellings_normalise(raw, canonical):
    assert normalise_ho_code(raw) == canonical


@pytest.mark.parametrize("raw", ["", "ZZ9", "8Z", "4/11", "0", None])
def test_unknown_codes_raise_naming_the_value(raw):
    with pytest.raises(UnknownOffenceCode) as caught:
        normalise_ho_code(raw)
    assert isinstance(caught.value, SvdutyError)
    assert repr(raw) in str(caught.value)


def test_spellings_of_a_column_map_each_distinct_value_once():
    mapping = ho_code_spellings(["8n", "8n", "008/N", "34B", None, "nope", "4.1"])
    assert mapping == {
        "8n": "8N",
        "008/N": "8N",
        "34B": "34B",
        None: None,
        "nope": None,
        "4.1": "4/1",
    }


def test_groups_are_those_of_the_published_table():
    assert offence_groups() == {
        "Criminal damage and arson",
        "Drug offences",
        "Fraud offences",
        "Miscellaneous crimes",
        "Possession of weapons offences",
        "Public order offences",
        "Robbery",
        "Sexual offences",
        "Theft offences",
        "Violence against the person",
    }


@pytest.mark.realdata
def test_package_csv_matches_the_published_table(shared_data):
    path = shared_data / "home_office" / "prc_pfa_2017_18_by_offence_code.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        published = {
            row["Offence Code"].strip(): (row["Offence Description"].strip(), row["Offence Group"])
            for row in csv.DictReader(handle)
        }
    assert len(published) == 132
    for code, (description, group) in published.items():
        offence = lookup_offence(code)
        assert offence.description == description
        assert offence.offence_group == group
