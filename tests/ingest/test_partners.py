"""Non-police partner readers: istv, hospital, youth-justice, probation, education, case-studies."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import shutil
from pathlib import Path

import pytest

from svduty.errors import SvdutyError
from svduty.ingest import import_source

from .conftest import FIXTURES, query

KEY = b"test-partnership-secret"  # tests/ingest/conftest.py sets it as SVDUTY_PSEUDONYM_KEY


def pseudonym(raw: str) -> str:
    return hmac.new(KEY, raw.encode(), hashlib.sha256).hexdigest()


def quarantined(warehouse: Path) -> list[tuple]:
    return query(
        warehouse,
        'SELECT row_number, "column", value, reason FROM quarantine ORDER BY row_number, "column"',
    )


def test_istv_values_and_quarantine(warehouse: Path) -> None:
    result = import_source("istv", FIXTURES / "istv_small.csv", warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (5, 3, 2)
    assert (result.period_start, result.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 2, 1))
    t = dt.datetime
    assert query(
        warehouse,
        "SELECT site_code, reporting_period_start, arrival_at, assault_at, assault_method, "
        "assault_method_other, location_type, location_description, assault_lsoa, age_band, sex, "
        "residence_lsoa FROM ed_assaults ORDER BY arrival_at",
    ) == [
        ("RX101", dt.date(2024, 1, 1), t(2024, 1, 6, 23, 40), t(2024, 1, 6, 23, 5), "knife_sharp",
         None, "street", "outside the station", "E01000001", "18-24", "M", "E01000002"),
        ("RX101", dt.date(2024, 1, 1), t(2024, 1, 7, 2, 15), None, "body", None,
         "licensed_premises", "nightclub queue", None, "25+", "F", None),
        ("RX102", dt.date(2024, 2, 1), t(2024, 2, 3, 19, 30), t(2024, 2, 3, 19, 0), "other",
         "pool cue", "park_open_space", None, "W01000003", "0-17", "X", "E01000003"),
    ]  # fmt: skip
    assert quarantined(warehouse) == [
        (4, "assault_at", "2024-01-08",
         "not a date-time (expected YYYY-MM-DD HH:MM[:SS])"),
        (4, "assault_method", "spoon", "not a known assault method"),
        (6, "age_band", "40-50", "not an age band (0-17, 18-24, 25+)"),
        (6, "arrival_at", None, "missing value"),
        (6, "assault_lsoa", "E0100", "not an LSOA code (expected E01 or W01 and six digits)"),
        (6, "location_type", "moon", "not a known location type"),
    ]  # fmt: skip


def test_hospital_keeps_assault_codes_only_and_pseudonymises(warehouse: Path) -> None:
    result = import_source("hospital", FIXTURES / "hospital_small.csv", warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (7, 3, 4)
    assert query(
        warehouse,
        "SELECT patient_key, admission_date, icd10_cause, age, sex, ethnicity, residence_lsoa "
        "FROM hospital_admissions ORDER BY admission_date",
    ) == [
        (pseudonym("H0001"), dt.date(2024, 1, 3), "X99", 19, "M", "Black", "E01000001"),
        (pseudonym("H0002"), dt.date(2024, 1, 4), "X99.1", 34, "F", "White", None),
        (pseudonym("H0001"), dt.date(2024, 2, 10), "Y04", 19, "M", "Black", "E01000001"),
    ]
    reason = "not an ICD-10 assault code (X85-Y09)"
    assert quarantined(warehouse) == [
        (5, "icd10_cause", "W26", reason),  # accidental contact with a sharp object
        (6, "icd10_cause", "X78", reason),  # self-harm by a sharp object
        (7, "icd10_cause", "Q12345", reason),
        (8, "age", "130", "not a whole number between 0 and 120"),
    ]


@pytest.mark.parametrize(
    ("source", "table"), [("youth-justice", "yj_cases"), ("probation", "probation_cases")]
)
def test_cohort_readers(warehouse: Path, source: str, table: str) -> None:
    result = import_source(source, FIXTURES / "youth_justice_small.csv", warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (5, 3, 2)
    assert query(
        warehouse,
        f"SELECT person_key, offence_date, ho_code, outcome, age, send, looked_after, excluded, "
        f"ace_domestic_abuse, ace_bereavement FROM {table} ORDER BY offence_date",
    ) == [
        (pseudonym("Y0001"), dt.date(2024, 1, 15), "8N", "Youth caution", 15, True, False, True,
         True, False),
        (pseudonym("Y0002"), dt.date(2024, 2, 20), "10D", None, 16, None, None, None, None, None),
        (pseudonym("Y0001"), dt.date(2024, 3, 2), "34B", "Referral order", 15, True, False, True,
         True, False),
    ]  # fmt: skip
    assert quarantined(warehouse) == [
        (5, "offence_date", "2024-02-30", "not a date (expected YYYY-MM-DD)"),
        (6, "send", "maybe", "not a flag (expected Y or N)"),
    ]


def test_education(warehouse: Path) -> None:
    result = import_source("education", FIXTURES / "education_small.csv", warehouse)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 2)
    assert query(
        warehouse,
        "SELECT pupil_key, event_type, reason, age, send FROM education_events ORDER BY event_date",
    ) == [
        (pseudonym("S0001"), "suspension", "Physical assault against a pupil", 13, True),
        (pseudonym("S0002"), "permanent_exclusion",
         "Use or threat of use of an offensive weapon or prohibited item", 15, False),
    ]  # fmt: skip
    assert quarantined(warehouse) == [
        (4, "event_type", "expelled", "not a known event type (expected suspension, "
         "permanent_exclusion)"),
        (5, "reason", None, "missing value"),
    ]  # fmt: skip


def test_case_studies(warehouse: Path) -> None:
    result = import_source("case-studies", FIXTURES / "case_studies_small.csv", warehouse)
    assert (result.rows_loaded, result.rows_quarantined) == (3, 2)
    assert result.period_start is None
    assert query(
        warehouse, "SELECT case_key, age_at_event, event_type FROM case_study_events ORDER BY 2"
    ) == [
        (pseudonym("CS01"), 7, "witnessed_domestic_abuse"),
        (pseudonym("CS01"), 14, "school_exclusion"),
        (pseudonym("CS01"), 16, "weapon_carrying"),
    ]
    assert quarantined(warehouse) == [
        (5, "age_at_event", "31", "not a whole number between 0 and 30"),
        (6, "age_at_event", None, "missing value"),
    ]


def test_raw_identifiers_never_reach_the_warehouse(warehouse: Path) -> None:
    import_source("hospital", FIXTURES / "hospital_small.csv", warehouse)
    import_source("case-studies", FIXTURES / "case_studies_small.csv", warehouse)
    dump = repr(
        query(warehouse, "SELECT * FROM hospital_admissions")
        + query(warehouse, "SELECT * FROM case_study_events")
        + query(warehouse, "SELECT * FROM quarantine")
    )
    for raw in ("H0001", "H0005", "CS01", "CS02"):
        assert raw not in dump


def test_wrong_file_is_refused_in_one_line(warehouse: Path, tmp_path: Path) -> None:
    with pytest.raises(SvdutyError) as error:
        import_source("hospital", FIXTURES / "education_small.csv", warehouse)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("education_small.csv: not a hospital file: missing required")
    assert "patient_id" in message and "icd10_cause" in message
    assert query(warehouse, "SELECT count(*) FROM batches") == [(0,)]


def test_reimport_is_a_duplicate(warehouse: Path, tmp_path: Path) -> None:
    first = import_source("education", FIXTURES / "education_small.csv", warehouse)
    copy = tmp_path / "copy.csv"
    shutil.copy(FIXTURES / "education_small.csv", copy)
    again = import_source("education", copy, warehouse)
    assert again.duplicate_of == first.batch_id
    assert query(warehouse, "SELECT count(*) FROM education_events") == [(2,)]


def test_hospital_export_with_a_mapping_profile(tmp_path: Path, warehouse: Path) -> None:
    export = tmp_path / "hes_extract.csv"
    export.write_text(
        "Pseudo NHS No,Admidate,Cause Code,Startage,Sex\n"
        "943 476 5919,05/01/2024,X99.0,17,1\n"
        "943 476 5870,06/01/2024,Y00,44,2\n"
        "943 476 5919,2024-01-07,X99,17,1\n",
        encoding="utf-8",
    )
    profile = tmp_path / "hes.yaml"
    profile.write_text(
        "source: hospital\n"
        "columns: {Pseudo NHS No: patient_id, Admidate: admission_date, Cause Code: icd10_cause,"
        " Startage: age, Sex: sex}\n"
        "date_formats: {admission_date: ['%d/%m/%Y']}\n"
        "values: {sex: {1: M, 2: F}}\n",
        encoding="utf-8",
    )
    result = import_source("hospital", export, warehouse, mapping=profile)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 1)
    assert query(
        warehouse,
        "SELECT patient_key, admission_date, icd10_cause, age, sex FROM hospital_admissions "
        "ORDER BY admission_date",
    ) == [
        (pseudonym("943 476 5919"), dt.date(2024, 1, 5), "X99.0", 17, "M"),
        (pseudonym("943 476 5870"), dt.date(2024, 1, 6), "Y00", 44, "F"),
    ]
    assert quarantined(warehouse) == [
        (4, "admission_date", "2024-01-07", "not a date (expected %d/%m/%Y)")
    ]
