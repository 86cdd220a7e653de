"""``police-uk``: a data.police.uk archive (zip or folder) of street, outcomes and stop-and-search.

Any forces, any months: every ``YYYY-MM-<force>-<kind>.csv`` found is loaded with the contract
for its kind. Street rows go to ``crimes`` (source ``police-uk``; anti-social behaviour rows,
which have no Crime ID, are kept with a NULL ``crime_ref``), outcomes to ``police_uk_outcomes``,
stop and search to ``stop_and_search``.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from svduty.errors import SvdutyError
from svduty.ingest.batches import records_at_most
from svduty.ingest.check_sql import CheckSql, compiles
from svduty.ingest.checks import Check, Latitude, Longitude, Lsoa, Month, Text, TrueFalse
from svduty.ingest.contract import Column, FileContract
from svduty.ingest.job import ImportJob
from svduty.ingest.loader import load_csv
from svduty.ingest.readers.vocabularies import POLICE_UK_CRIME_TYPE
from svduty.ingest.registry import register
from svduty.warehouse.sql import literal

FILE_NAME = re.compile(
    r"^(\d{4}-\d{2})-(.+)-(street|outcomes|stop-and-search)\.csv$", re.IGNORECASE
)


@dataclass(frozen=True, kw_only=True)
class IsoTimestamp(Check):
    """An ISO 8601 date-time with an optional UTC offset (``2020-05-01T01:30:00+00:00``) → UTC."""

    sql_type: str = "TIMESTAMP"
    reason: str = "not an ISO date-time (expected YYYY-MM-DDTHH:MM:SS+00:00)"


@compiles(IsoTimestamp)
class IsoTimestampSql(CheckSql[IsoTimestamp]):
    def prepared(self, v: str) -> dict[str, str]:
        return {"utc": f"timezone('UTC', TRY_CAST({v} AS TIMESTAMPTZ))"}

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        starts_with_date = f"regexp_matches({v}, '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')"
        return f"{starts_with_date} AND {self._prepared(v, p)['utc']} IS NOT NULL"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._prepared(v, p)["utc"]

    def parts(self, v: str, p: Mapping[str, str] | None = None) -> dict[str, str]:
        utc = self._prepared(v, p)["utc"]
        return {"value": utc, "month": f"CAST(date_trunc('month', {utc}) AS DATE)"}


def _location(required: bool = True) -> tuple[Column, ...]:
    return (
        Column(
            "Longitude",
            Longitude(),
            required=required,
            nullable=True,
            targets={"longitude": "{value}"},
        ),
        Column(
            "Latitude",
            Latitude(),
            required=required,
            nullable=True,
            targets={"latitude": "{value}"},
        ),
    )


STREET = FileContract(
    name="data.police.uk street",
    table="crimes",
    constants={"source": literal("police-uk")},
    period="occurred_month",
    # No record key: a Crime ID can repeat within one month's file (Northamptonshire's
    # November 2018 has 55 such rows, at different places), and police.uk counts each row.
    scope=("force_name",),
    columns=(
        Column("Crime ID", Text(), nullable=True, targets={"crime_ref": "{value}"}),
        Column("Month", Month(), targets={"occurred_month": "{value}"}),
        Column("Reported by", Text(), required=False, targets={}),
        Column("Falls within", Text(), required=False, targets={"force_name": "{value}"}),
        *_location(),
        Column("Location", Text(), required=False, targets={"location_description": "{value}"}),
        Column("LSOA code", Lsoa(), nullable=True, targets={"lsoa_code": "{value}"}),
        Column("LSOA name", Text(), required=False, targets={"lsoa_name": "{value}"}),
        Column("Crime type", POLICE_UK_CRIME_TYPE, targets={"police_uk_crime_type": "{value}"}),
        Column("Last outcome category", Text(), required=False, targets={"outcome": "{value}"}),
        Column("Context", Text(), required=False, targets={"context": "{value}"}),
    ),
)

OUTCOMES = FileContract(
    name="data.police.uk outcomes",
    table="police_uk_outcomes",
    period="month",
    scope=("force_name",),  # a crime has several outcomes, some alike: no record key
    columns=(
        Column("Crime ID", Text(), targets={"crime_ref": "{value}"}),
        Column("Month", Month(), targets={"month": "{value}"}),
        Column("Reported by", Text(), required=False, targets={"reported_by": "{value}"}),
        Column("Falls within", Text(), required=False, targets={"force_name": "{value}"}),
        *_location(),
        Column("Location", Text(), required=False, targets={"location_description": "{value}"}),
        Column("LSOA code", Lsoa(), required=False, targets={"lsoa_code": "{value}"}),
        Column("LSOA name", Text(), required=False, targets={"lsoa_name": "{value}"}),
        Column("Outcome type", Text(), targets={"outcome_type": "{value}"}),
    ),
)

STOP_AND_SEARCH = FileContract(
    name="data.police.uk stop-and-search",
    table="stop_and_search",
    period="month",
    scope=("force_name",),
    columns=(
        Column("Type", Text(), targets={"search_type": "{value}"}),
        Column("Date", IsoTimestamp(), targets={"searched_at": "{value}", "month": "{month}"}),
        Column(
            "Part of a policing operation",
            TrueFalse(),
            required=False,
            targets={"part_of_policing_operation": "{value}"},
        ),
        Column(
            "Policing operation", Text(), required=False, targets={"policing_operation": "{value}"}
        ),
        *_location(),
        Column("Gender", Text(), required=False, targets={"gender": "{value}"}),
        Column("Age range", Text(), required=False, targets={"age_range": "{value}"}),
        Column(
            "Self-defined ethnicity",
            Text(),
            required=False,
            targets={"self_defined_ethnicity": "{value}"},
        ),
        Column(
            "Officer-defined ethnicity",
            Text(),
            required=False,
            targets={"officer_defined_ethnicity": "{value}"},
        ),
        Column("Legislation", Text(), required=False, targets={"legislation": "{value}"}),
        Column("Object of search", Text(), required=False, targets={"object_of_search": "{value}"}),
        Column("Outcome", Text(), required=False, targets={"outcome": "{value}"}),
        Column(
            "Outcome linked to object of search",
            TrueFalse(),
            required=False,
            targets={"outcome_linked_to_object": "{value}"},
        ),
        Column(
            "Removal of more than just outer clothing",
            TrueFalse(),
            required=False,
            targets={"removal_of_more_than_outer_clothing": "{value}"},
        ),
    ),
)

CONTRACTS = {"street": STREET, "outcomes": OUTCOMES, "stop-and-search": STOP_AND_SEARCH}


def archive_files(root: Path) -> list[tuple[Path, str, str, str]]:
    """(path, month, force, kind) of every data.police.uk CSV under ``root``, sorted."""
    found = []
    for path in sorted(root.rglob("*.csv")):
        match = FILE_NAME.match(path.name)
        if match:
            found.append((path, match.group(1), match.group(2), match.group(3).lower()))
    return found


@dataclass(frozen=True)
class PoliceUkReader:
    source: str = "police-uk"
    summary: str = "data.police.uk archive (zip or folder): street, outcomes, stop-and-search."
    accepts_mapping: bool = False

    def read(self, job: ImportJob, path: Path) -> None:
        if path.is_dir():
            self._read_folder(job, path)
            return
        if not zipfile.is_zipfile(path):
            raise SvdutyError(
                f"{path.name}: not a data.police.uk archive; expected a zip or a folder of "
                "YYYY-MM/YYYY-MM-<force>-street.csv files"
            )
        with tempfile.TemporaryDirectory(prefix="svduty-police-uk-") as tmp:
            try:
                with zipfile.ZipFile(path) as archive:
                    members = [m for m in archive.namelist() if FILE_NAME.match(Path(m).name)]
                    with job.progress.stage(f"Extracting {path.name}", total=len(members)) as bar:
                        for member in members:
                            archive.extract(member, tmp)
                            bar.advance()
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                raise SvdutyError(f"{path.name}: cannot read the zip archive ({error})") from None
            self._read_folder(job, Path(tmp), label=path.name)

    def _read_folder(self, job: ImportJob, root: Path, label: str | None = None) -> None:
        files = archive_files(root)
        if not files:
            raise SvdutyError(
                f"{label or root}: no data.police.uk files found; expected "
                "YYYY-MM-<force>-street.csv, -outcomes.csv or -stop-and-search.csv"
            )
        with job.progress.stage("Loading data.police.uk files", total=len(files)) as bar:
            for file, _month, force, kind in files:
                display = file.relative_to(root).as_posix()
                constants = {"force_name": literal(force)} if kind == "stop-and-search" else None
                bound = records_at_most(file)  # a bound lets each month load in one pass
                load_csv(job, CONTRACTS[kind], file, display, constants, bound)
                bar.advance()


register(PoliceUkReader())
