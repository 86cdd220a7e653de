"""Force extracts: ``police-crimes`` (one row per crime), ``police-people`` (victims, suspects)."""

from __future__ import annotations

from svduty.ingest.checks import (
    DateTime,
    Flag,
    HoCode,
    Identifier,
    Integer,
    Latitude,
    Longitude,
    Lsoa,
    Text,
    Vocabulary,
)
from svduty.ingest.contract import Column, FileContract
from svduty.ingest.readers.vocabularies import ETHNICITY, LOCATION_TYPE, SEX
from svduty.ingest.registry import CsvReader, register
from svduty.warehouse.sql import literal

POLICE_CRIMES = FileContract(
    name="police-crimes",
    table="crimes",
    constants={"source": literal("police-crimes")},
    period="occurred_month",
    key=("crime_ref",),
    columns=(
        Column("crime_ref", Text(max_length=100)),
        Column("ho_code", HoCode()),
        Column(
            "occurred_at",
            DateTime(date_allowed=True),
            targets={
                "occurred_at": "{timestamp}",
                "occurred_date": "{date}",
                "occurred_month": "{month}",
            },
        ),
        Column("knife", Flag()),
        Column("firearm", Flag()),
        Column("domestic_abuse", Flag()),
        Column("location_type", LOCATION_TYPE),
        Column("lsoa_code", Lsoa()),
        Column("longitude", Longitude(), required=False),
        Column("latitude", Latitude(), required=False),
        Column("outcome", Text(), required=False),
    ),
)

POLICE_PEOPLE = FileContract(
    name="police-people",
    table="crime_people",
    constants={"source": literal("police-people")},
    key=("crime_ref", "person_key", "role"),
    columns=(
        Column("crime_ref", Text(max_length=100)),
        Column("person_id", Identifier(), targets={"person_key": "{value}"}),
        Column("role", Vocabulary(values=("victim", "suspect"), name="role")),
        Column("age", Integer(minimum=0, maximum=120), required=False),
        Column("sex", SEX, required=False),
        Column("ethnicity", ETHNICITY, required=False),
    ),
)

register(CsvReader("police-crimes", POLICE_CRIMES, "Force crime extract: one row per crime."))
register(
    CsvReader(
        "police-people",
        POLICE_PEOPLE,
        "Force victims and suspects: one row per person per crime.",
    )
)
