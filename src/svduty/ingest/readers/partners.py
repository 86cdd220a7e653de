"""Non-police partner extracts, one CSV each: ``istv`` (ED assaults), ``hospital`` (assault
admissions), ``youth-justice`` and ``probation`` (cohorts), ``education`` (suspensions and
exclusions) and ``case-studies`` (life-course events). Contracts: docs/data-contracts.md."""

from __future__ import annotations

from svduty.ingest.checks import (
    Date,
    DateTime,
    Flag,
    HoCode,
    Icd10,
    Identifier,
    Integer,
    Lsoa,
    Text,
    Vocabulary,
)
from svduty.ingest.contract import Column, FileContract
from svduty.ingest.readers.vocabularies import (
    AGE_BAND,
    ASSAULT_METHOD,
    ETHNICITY,
    LOCATION_TYPE,
    SEX,
)
from svduty.ingest.registry import CsvReader, register

AGE = Integer(minimum=0, maximum=120)

ISTV = FileContract(
    name="istv",
    table="ed_assaults",
    period="arrival_at",
    scope=("site_code",),  # each emergency department sends its own return
    columns=(
        Column("site_code", Text(max_length=20)),
        Column("reporting_period_start", Date()),
        Column("reporting_period_end", Date()),
        Column("arrival_at", DateTime()),
        Column("assault_at", DateTime(), required=False),
        Column("assault_method", ASSAULT_METHOD),
        Column("assault_method_other", Text(), required=False),
        Column("location_type", LOCATION_TYPE),
        Column("location_description", Text(), required=False),
        Column("assault_lsoa", Lsoa(), required=False),
        Column("age_band", AGE_BAND, required=False),
        Column("sex", SEX, required=False),
        Column("residence_lsoa", Lsoa(), required=False),
    ),
)

HOSPITAL = FileContract(
    name="hospital",
    table="hospital_admissions",
    period="admission_date",
    columns=(
        Column("patient_id", Identifier(), targets={"patient_key": "{value}"}),
        Column("admission_date", Date()),
        # Non-assault causes (W25-W26 accidental, X78 self-harm, Y28 undetermined...) and
        # malformed codes are quarantined: this table holds assault admissions only.
        Column("icd10_cause", Icd10(assault_only=True)),
        Column("age", AGE),
        Column("sex", SEX, required=False),
        Column("ethnicity", ETHNICITY, required=False),
        Column("residence_lsoa", Lsoa(), required=False),
    ),
)

ACE_FLAGS = (
    "ace_domestic_abuse",
    "ace_parental_substance_misuse",
    "ace_parental_mental_health",
    "ace_parental_imprisonment",
    "ace_abuse_neglect",
    "ace_bereavement",
)


def cohort_contract(name: str, table: str) -> FileContract:
    """Youth justice and probation share one layout: one row per person per offence."""
    return FileContract(
        name=name,
        table=table,
        period="offence_date",
        columns=(
            Column("person_id", Identifier(), targets={"person_key": "{value}"}),
            Column("offence_date", Date()),
            Column("ho_code", HoCode()),
            Column("outcome", Text(), required=False),
            Column("age", AGE),
            Column("sex", SEX, required=False),
            Column("ethnicity", ETHNICITY, required=False),
            Column("send", Flag(), required=False),
            Column("looked_after", Flag(), required=False),
            Column("excluded", Flag(), required=False),
            *(Column(flag, Flag(), required=False) for flag in ACE_FLAGS),
        ),
    )


YOUTH_JUSTICE = cohort_contract("youth-justice", "yj_cases")
PROBATION = cohort_contract("probation", "probation_cases")

EDUCATION = FileContract(
    name="education",
    table="education_events",
    period="event_date",
    columns=(
        Column("pupil_id", Identifier(), targets={"pupil_key": "{value}"}),
        Column("event_date", Date()),
        Column(
            "event_type",
            Vocabulary(values=("suspension", "permanent_exclusion"), name="event type"),
        ),
        Column("reason", Text(max_length=200)),
        Column("age", Integer(minimum=0, maximum=25), required=False),
        Column("sex", SEX, required=False),
        Column("ethnicity", ETHNICITY, required=False),
        Column("send", Flag(), required=False),
        Column("residence_lsoa", Lsoa(), required=False),
    ),
)

CASE_STUDIES = FileContract(
    name="case-studies",
    table="case_study_events",
    columns=(
        Column("case_id", Identifier(), targets={"case_key": "{value}"}),
        Column("age_at_event", Integer(minimum=0, maximum=30)),
        Column("event_type", Text(max_length=100)),
        Column("sex", SEX, required=False),
    ),
)

register(
    CsvReader(
        "istv",
        ISTV,
        "Emergency department assaults, ISB 1594.",
    )
)
register(
    CsvReader(
        "hospital",
        HOSPITAL,
        "Hospital admissions for assault, ICD-10 X85-Y09.",
    )
)
register(
    CsvReader(
        "youth-justice",
        YOUTH_JUSTICE,
        "Youth justice cohort: one row per person per offence.",
    )
)
register(
    CsvReader(
        "probation",
        PROBATION,
        "Probation cohort: one row per person per offence.",
    )
)
register(
    CsvReader(
        "education",
        EDUCATION,
        "School suspensions and permanent exclusions.",
    )
)
register(
    CsvReader(
        "case-studies",
        CASE_STUDIES,
        "Life-course events from case reviews.",
    )
)
