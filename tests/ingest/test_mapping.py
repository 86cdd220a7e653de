"""Column-mapping profiles: the shipped Northshire example and profile errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from svduty.errors import SvdutyError
from svduty.ingest import import_source
from svduty.ingest.mapping import load_profile

from .conftest import FIXTURES, REPO, query

PROFILE = REPO / "examples" / "mapping" / "northshire-police.yaml"
EXPORT = FIXTURES / "northshire_crimeview.csv"


def test_northshire_export_maps_onto_police_crimes(warehouse: Path) -> None:
    result = import_source("police-crimes", EXPORT, warehouse, mapping=PROFILE)
    assert (result.rows_loaded, result.rows_quarantined) == (3, 2)
    rows = query(
        warehouse,
        "SELECT crime_ref, ho_code, occurred_at, occurred_date, knife, firearm, domestic_abuse, "
        "location_type, lsoa_code, longitude, outcome FROM crimes ORDER BY crime_ref",
    )
    assert rows == [
        ("NS-24-0001", "8N", dt.datetime(2024, 1, 5, 22, 10), dt.date(2024, 1, 5), True, False,
         False, "street", "E01000001", -1.5, "Charged"),
        ("NS-24-0002", "34B", None, dt.date(2024, 1, 6), False, False, False, "retail",
         "E01000002", None, None),
        ("NS-24-0003", "8N", dt.datetime(2024, 1, 31, 1, 15), dt.date(2024, 1, 31), False, False,
         True, "dwelling", "E01000003", -1.45, None),
    ]  # fmt: skip
    assert query(
        warehouse, 'SELECT row_number, "column", value, reason FROM quarantine ORDER BY 1'
    ) == [
        (5, "occurred_at", "2024-02-01 10:00",
         "not a date-time (expected %d/%m/%Y %H:%M or %d/%m/%Y)"),
        (6, "knife", "Maybe", "not a flag (expected Y or N)"),
    ]  # fmt: skip
    assert query(warehouse, "SELECT mapping_profile FROM batches") == [("northshire-police.yaml",)]


def test_without_the_profile_the_export_is_refused(warehouse: Path) -> None:
    with pytest.raises(SvdutyError, match="missing required column"):
        import_source("police-crimes", EXPORT, warehouse)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source: police-crimes\ncolumns: {A: no_such_column}\n", "unknown police-crimes column"),
        ("source: istv\n", "this profile is for 'istv', not 'police-crimes'"),
        ("colums: {}\n", "unknown profile key(s) colums"),
        ("- a list\n", "must be a YAML mapping"),
        ("columns: [unclosed\n", "not a readable YAML mapping profile"),
        ("columns: [a list]\n", "profile.yaml: columns: must be a mapping"),
        ("columns: {Crime Number: }\n", "profile.yaml: columns.Crime Number: must name one"),
        ("date_formats: {occurred_at: 5}\n", "date_formats.occurred_at: must be a pattern or a"),
        ("values: {knife: Y}\n", "profile.yaml: values.knife: must map their value"),
        ("constants: {firearm: [N]}\n", "constants.firearm: must be a single value"),
    ],
)
def test_bad_profiles_are_one_line(
    warehouse: Path, tmp_path: Path, text: str, message: str
) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(text)
    with pytest.raises(SvdutyError) as caught:
        import_source("police-crimes", EXPORT, warehouse, mapping=profile)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_yaml_booleans_stay_as_written(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("values:\n  knife: {Yes: Y, No: N, 1: Y}\n")
    profile.write_text("values:\n  knife: {Yes: Y, No: N, 1: Y, TRUE: Y, off: N}\n")
    assert load_profile(profile).values["knife"] == {
        "yes": "Y", "no": "N", "1": "Y", "true": "Y", "off": "N"
    }  # fmt: skip
