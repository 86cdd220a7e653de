"""``population``: resident population by area → ``population`` (long).

Three layouts, told apart by their headers:
- ONS mid-year single year of age, wide (``LSOA Code, LSOA Name, All Ages, 0, 1, …, 90+`` or
  ``lsoa11_code, lsoa11_name, total_population, 0, …, 90+``): the year comes from the file name
  (``ons_mid2019_…``, ``…mid-2020…``); one row per area per age plus ``all`` from the total column;
- Census 2021 long (``lsoa21_code, lsoa21_name, age_group, usual_residents``): year 2021,
  ``Aged 16 to 24 years`` → ``16-24``;
- svduty's own long layout (``area_code, year, age_band, sex, ethnicity, population``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from svduty import reference
from svduty.errors import SvdutyError
from svduty.ingest.check_sql import CheckSql, compiles
from svduty.ingest.checks import Check, Integer, Lookup, Lsoa, Text, Vocabulary
from svduty.ingest.contract import Column, FileContract
from svduty.ingest.csv_file import read_header
from svduty.ingest.job import ImportJob
from svduty.ingest.loader import load_csv
from svduty.ingest.mapping import header_key
from svduty.ingest.readers.staging import drop_staging, header_keys, load_wide
from svduty.ingest.registry import register
from svduty.warehouse.sql import identifier, literal

_SINGLE = re.compile(r"^(\d{1,3})$")
_RANGE = re.compile(r"^(?:aged )?(\d{1,3}) ?(?:-|to) ?(\d{1,3})(?: years?)?$")
_OPEN = re.compile(r"^(?:aged )?(\d{1,3}) ?(?:\+|years? and over|and over|or over)$")
_UNDER = re.compile(r"^(?:aged )?(\d{1,3}) years? and under$")
_ALL = ("all", "all ages", "total", "persons")


def age_band_label(raw: str) -> str | None:
    """The canonical age band of a spelling: ``17``, ``0-17``, ``90+``, ``all``; else None."""
    text = " ".join(raw.strip().lower().split())
    if text in _ALL:
        return "all"
    if match := _SINGLE.match(text):
        return str(int(match.group(1)))
    if match := _RANGE.match(text):
        low, high = int(match.group(1)), int(match.group(2))
        return f"{low}-{high}" if low <= high else None
    if match := _OPEN.match(text):
        return f"{int(match.group(1))}+"
    if match := _UNDER.match(text):
        return f"0-{int(match.group(1))}"
    return None


def _age_band_lookup(values: list[str]) -> Mapping[str, str | None]:
    return {raw: age_band_label(raw) for raw in values}


def age_min_sql(label: str) -> str:
    """SQL for the youngest age of a canonical band label (NULL for ``all``)."""
    return f"TRY_CAST(regexp_extract({label}, '^([0-9]+)', 1) AS INTEGER)"


def age_max_sql(label: str) -> str:
    """SQL for the oldest age of a canonical band label (NULL when open-ended or ``all``)."""
    return (
        f"CASE WHEN {label} = 'all' OR {label} LIKE '%+' THEN NULL "
        f"WHEN {label} LIKE '%-%' THEN TRY_CAST(split_part({label}, '-', 2) AS INTEGER) "
        f"ELSE TRY_CAST({label} AS INTEGER) END"
    )


@dataclass(frozen=True, kw_only=True)
class AgeBand(Check):
    """An age band in any common spelling → ``17``, ``0-17``, ``90+`` or ``all``.

    Parts: ``value`` (the label), ``min`` and ``max`` (integers; NULL when open or all).
    """

    lookup: Lookup | None = field(default=_age_band_lookup)
    reason: str = "not an age band (expected e.g. 17, 0-17, 25+, all, Aged 16 to 24 years)"


@compiles(AgeBand)
class AgeBandSql(CheckSql[AgeBand]):
    def parts(self, v: str, p: Mapping[str, str] | None = None) -> dict[str, str]:
        return {"value": v, "min": age_min_sql(v), "max": age_max_sql(v)}


AGE_TARGETS = {"age_band": "{value}", "age_min": "{min}", "age_max": "{max}"}
COUNT = Integer(minimum=0, maximum=10_000_000, reason="not a whole number of people (0 or more)")
AREA_CODE = Lsoa()


def _population_ethnicities() -> tuple[str, ...]:
    return (*reference.ETHNICITIES, "all")


@dataclass(frozen=True, kw_only=True)
class GssAreaCode(Check):
    """Any GSS area code: a letter and eight digits (LSOA, ward, district...)."""

    reason: str = "not an area code (expected a GSS code such as E01000001 or E07000222)"


@compiles(GssAreaCode)
class GssAreaCodeSql(CheckSql[GssAreaCode]):
    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"regexp_full_match(upper({v}), '[EWSNK][0-9]{{8}}')"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"upper({v})"


SVDUTY_LONG = FileContract(
    name="population (svduty long layout)",
    table="population",
    columns=(
        Column("area_code", GssAreaCode()),
        Column("year", Integer(minimum=1900, maximum=2100)),
        Column("age_band", AgeBand(), targets=AGE_TARGETS),
        Column("sex", Vocabulary(values=("F", "M", "all"), name="sex", reason="not F, M or all")),
        Column(
            "ethnicity",
            Vocabulary(
                values=_population_ethnicities,
                name="ethnicity",
                reason="not an ONS ethnic group or all",
            ),
        ),
        Column("population", COUNT),
    ),
)

CENSUS_2021 = FileContract(
    name="population (Census 2021 long layout)",
    table="population",
    constants={"year": literal(2021), "sex": literal("all"), "ethnicity": literal("all")},
    columns=(
        Column("lsoa21_code", AREA_CODE, aliases=("lsoa21cd",), targets={"area_code": "{value}"}),
        Column("lsoa21_name", Text(), required=False, aliases=("lsoa21nm",), targets={}),
        Column("age_group", AgeBand(), targets=AGE_TARGETS),
        Column(
            "usual_residents", COUNT, aliases=("observation",), targets={"population": "{value}"}
        ),
    ),
)

ONS_CODE_HEADERS = ("lsoa code", "lsoa11_code", "lsoa11cd", "lsoa21_code", "lsoa21cd", "area_code")
ONS_NAME_HEADERS = ("lsoa name", "lsoa11_name", "lsoa11nm", "lsoa21_name", "lsoa21nm")
ONS_TOTAL_HEADERS = ("all ages", "total_population", "all_ages", "total")
_AGE_HEADER = re.compile(r"^\d{1,3}\+?$")
_MID_YEAR = re.compile(r"mid[-_ ]?((?:19|20)\d{2})", re.I)
_ANY_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?![0-9])")
_GEOGRAPHY_YEAR = re.compile(r"(?:lsoa|msoa|oa|lad|ltla|ward)[-_ ]?((?:19|20)\d{2})", re.I)


def ons_year(path: Path) -> int:
    """The estimate's year from its file name: ``mid2019``/``mid-2020``, or the one year in it
    that is not a geography vintage (``lsoa2011``)."""
    if match := _MID_YEAR.search(path.name):
        return int(match.group(1))
    geography = {m.start(1) for m in _GEOGRAPHY_YEAR.finditer(path.name)}
    years = {int(m.group(1)) for m in _ANY_YEAR.finditer(path.name) if m.start(1) not in geography}
    if len(years) == 1:
        return years.pop()
    raise SvdutyError(
        f"{path.name}: cannot tell the year of this ONS mid-year estimate; put it in the file "
        "name (e.g. ons_mid2020_population.csv)"
    )


def ons_wide_contract(header: list[str], display: str) -> FileContract:
    keys = {header_key(h): h for h in header}
    code = next((keys[k] for k in ONS_CODE_HEADERS if k in keys), None)
    if code is None:
        raise SvdutyError(
            f"{display}: not an ONS single-year-of-age file: no LSOA code column "
            "(expected 'LSOA Code' or 'lsoa11_code')"
        )
    columns = [Column(code, AREA_CODE, targets={"area_code": "{value}"})]
    name = next((keys[k] for k in ONS_NAME_HEADERS if k in keys), None)
    if name is not None:
        columns.append(Column(name, Text(), required=False, targets={}))
    total = next((keys[k] for k in ONS_TOTAL_HEADERS if k in keys), None)
    if total is not None:
        columns.append(Column(total, COUNT, targets={"all": "{value}"}))
    for written in header:
        if _AGE_HEADER.match(header_key(written)):
            label = age_band_label(header_key(written))
            columns.append(Column(written, COUNT, targets={label: "{value}"}))
    return FileContract(
        name="population (ONS single year of age)",
        table="_svduty_population",
        columns=tuple(columns),
    )


def layout(keys: list[str]) -> str:
    """``svduty``, ``census`` or ``ons`` from the header keys; ``unknown`` otherwise."""
    if {"area_code", "year", "age_band", "population"} <= set(keys):
        return "svduty"
    if "age_group" in keys and ("usual_residents" in keys or "observation" in keys):
        return "census"
    if "0" in keys and any(k.endswith("+") and _AGE_HEADER.match(k) for k in keys):
        return "ons"
    return "unknown"


def refuse_repeats(job: ImportJob, display: str) -> None:
    row = job.con.execute(
        "SELECT area_code, year, age_band, sex, ethnicity FROM population WHERE batch_id = ? "
        "GROUP BY ALL HAVING count(*) > 1 ORDER BY ALL LIMIT 1",
        [job.batch_id],
    ).fetchone()
    if row is not None:
        area, year, band, sex, ethnicity = row
        raise SvdutyError(
            f"{display}: area {area}, year {year}, age {band}, sex {sex}, ethnicity {ethnicity} "
            "appears more than once; expected one count per group"
        )


@dataclass(frozen=True)
class PopulationReader:
    source: str = "population"
    summary: str = "Population by LSOA: ONS single year of age, Census 2021 or svduty long."
    accepts_mapping: bool = False

    def read(self, job: ImportJob, path: Path) -> None:
        if path.is_dir():
            raise SvdutyError(f"{path}: population expects one CSV file, not a folder")
        display = path.name
        kind = layout(header_keys(job, path, display))
        if kind == "svduty":
            load_csv(job, SVDUTY_LONG, path, display)
        elif kind == "census":
            load_csv(job, CENSUS_2021, path, display)
        elif kind == "ons":
            self._read_ons(job, path, display)
        else:
            raise SvdutyError(
                f"{display}: not a population file; expected the ONS single-year layout (LSOA "
                "Code, LSOA Name, All Ages, 0, 1, …, 90+), the Census 2021 layout (lsoa21_code, "
                "age_group, usual_residents) or area_code, year, age_band, sex, ethnicity, "
                "population"
            )
        refuse_repeats(job, display)

    def _read_ons(self, job: ImportJob, path: Path, display: str) -> None:
        year = ons_year(path)
        contract = ons_wide_contract(read_header(job.con, path, display), display)
        load_wide(job, contract, path, display, "population")
        label = "name"
        job.con.execute(
            "INSERT INTO population SELECT batch_id, area_code, ?, name, "
            f"{age_min_sql(label)}, {age_max_sql(label)}, 'all', 'all', value "
            f"FROM (UNPIVOT temp.{identifier(contract.table)} "
            "ON COLUMNS(* EXCLUDE (batch_id, area_code)) INTO NAME name VALUE value) "
            f"ORDER BY area_code, {age_min_sql(label)} NULLS FIRST",
            [year],
        )
        drop_staging(job, contract)


register(PopulationReader())
