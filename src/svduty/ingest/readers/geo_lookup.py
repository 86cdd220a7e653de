"""``geo-lookup``: the parent links of ``areas`` from an ONS lookup CSV.

Two kinds, told apart by their headers (any vintage year, byte-order mark or not):
- district → Community Safety Partnership → police force area (``LAD17CD, LAD17NM, CSP17CD,
  CSP17NM, PFA17CD, PFA17NM``): one ``areas`` row per district (parent: its CSP), per CSP
  (parent: its force area) and per force area;
- LSOA → district (``lsoa11_code, lsoa11_name, ltla21_code, ltla21_name``, ``LSOA21CD, LAD22CD``…):
  one ``areas`` row per LSOA with its district as parent. When a file has two LSOA vintages
  (an LSOA 2011 → 2021 lookup) the newer one is used. District rows are not written from this
  kind, so a district's own link to its CSP is never overwritten by an unlinked copy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from svduty.errors import SvdutyError
from svduty.ingest.check_sql import CheckSql, compiles
from svduty.ingest.checks import Check, Text
from svduty.ingest.contract import Column, FileContract
from svduty.ingest.csv_file import check_text_file, read_header
from svduty.ingest.job import ImportJob
from svduty.ingest.mapping import header_key
from svduty.ingest.readers.staging import drop_staging, load_wide, refuse_duplicates
from svduty.ingest.registry import register
from svduty.warehouse.sql import literal


@dataclass(frozen=True, kw_only=True)
class GssCode(Check):
    """A GSS area code whose first three characters are one of ``prefixes`` (``E07``…)."""

    prefixes: tuple[str, ...] = ()
    name: str = "area"
    reason: str = ""

    def __post_init__(self) -> None:
        if not self.reason:
            listed = ", ".join(self.prefixes)
            object.__setattr__(
                self, "reason", f"not a {self.name} code (expected {listed} and six digits)"
            )


@compiles(GssCode)
class GssCodeSql(CheckSql[GssCode]):
    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        pattern = f"({'|'.join(self.check.prefixes)})[0-9]{{6}}"
        return f"regexp_full_match(upper({v}), {literal(pattern)})"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"upper({v})"


DISTRICT = GssCode(prefixes=("E06", "E07", "E08", "E09", "W06", "S12", "N09"), name="district")
CSP = GssCode(prefixes=("E22", "W14"), name="community safety partnership")
PFA = GssCode(prefixes=("E23", "W15"), name="police force area")
LSOA = GssCode(prefixes=("E01", "W01"), name="LSOA")

# level -> header patterns (group 1 = two-digit vintage year) for code and name
_CODE = {
    "district": re.compile(r"^(?:lad|ltla)(\d{2})_?(?:cd|code)$"),
    "csp": re.compile(r"^csp(\d{2})_?(?:cd|code)$"),
    "pfa": re.compile(r"^pfa(\d{2})_?(?:cd|code)$"),
    "lsoa": re.compile(r"^lsoa(\d{2})_?(?:cd|code)$"),
}
_NAME = {
    "district": re.compile(r"^(?:lad|ltla)(\d{2})_?(?:nm|name)$"),
    "csp": re.compile(r"^csp(\d{2})_?(?:nm|name)$"),
    "pfa": re.compile(r"^pfa(\d{2})_?(?:nm|name)$"),
    "lsoa": re.compile(r"^lsoa(\d{2})_?(?:nm|name)$"),
}
CHECKS = {"district": DISTRICT, "csp": CSP, "pfa": PFA, "lsoa": LSOA}
EXPECTED = (
    "expected LAD..CD, LAD..NM, CSP..CD, CSP..NM, PFA..CD, PFA..NM or an LSOA-to-district "
    "lookup such as lsoa11_code, lsoa11_name, ltla21_code, ltla21_name"
)


def _find(
    header: list[str], patterns: dict[str, re.Pattern[str]], level: str
) -> list[tuple[str, str]]:
    """(header, vintage year) of every header of ``level``, newest vintage first."""
    found = [(h, "20" + m.group(1)) for h in header if (m := patterns[level].match(header_key(h)))]
    return sorted(found, key=lambda item: item[1], reverse=True)


@dataclass(frozen=True)
class Level:
    level: str
    code: str
    vintage: str
    name: str | None


def lookup_levels(header: list[str], display: str) -> list[Level]:
    """The levels of a lookup file, child first: [district, csp, pfa] or [lsoa, district]."""
    levels = []
    for level in ("lsoa", "district", "csp", "pfa"):
        codes = _find(header, _CODE, level)
        if not codes:
            continue
        code, vintage = codes[0]
        names = dict(_find(header, _NAME, level))
        same_year = next((n for n, y in names.items() if y == vintage), None)
        levels.append(Level(level, code, vintage, same_year))
    kinds = [lv.level for lv in levels]
    if kinds[:2] == ["lsoa", "district"]:
        return levels[:2]
    if kinds == ["district", "csp", "pfa"]:
        return levels
    raise SvdutyError(f"{display}: not a geo-lookup file ({EXPECTED})")


def lookup_contract(levels: list[Level]) -> FileContract:
    columns = []
    for lv in levels:
        columns.append(Column(lv.code, CHECKS[lv.level], targets={f"{lv.level}_code": "{value}"}))
        if lv.name is not None:
            columns.append(
                Column(lv.name, Text(max_length=200), targets={f"{lv.level}_name": "{value}"})
            )
    return FileContract(name="geo-lookup", table="_svduty_lookup", columns=tuple(columns))


@dataclass(frozen=True)
class GeoLookupReader:
    source: str = "geo-lookup"
    summary: str = "District → CSP → force area, or LSOA → district, lookup CSV (areas)."
    accepts_mapping: bool = False

    def read(self, job: ImportJob, path: Path) -> None:
        if path.is_dir():
            raise SvdutyError(f"{path}: geo-lookup expects one CSV file, not a folder")
        display = path.name
        check_text_file(path, display)
        levels = lookup_levels(read_header(job.con, path, display), display)
        contract = lookup_contract(levels)
        types = {
            f"{lv.level}_name": "VARCHAR" for lv in levels if lv.name is None
        }  # a level without a name column still gets a (NULL) name
        load_wide(job, contract, path, display, "areas", types)
        table = f"temp.{contract.table}"
        child = levels[0]
        if child.level == "lsoa":  # a 2011 -> 2021 lookup repeats merged LSOAs
            job.con.execute(
                f"CREATE OR REPLACE TEMP TABLE {contract.table} AS SELECT DISTINCT * FROM {table}"
            )
        refuse_duplicates(job, contract.table, f"{child.level}_code", display, child.level)
        for lv, parent in zip(levels, [*levels[1:], None], strict=True):
            parent_code = f"{parent.level}_code" if parent else "NULL"
            rows = (
                f"SELECT DISTINCT {lv.level}_code AS code, {lv.level}_name AS name, "
                f"{parent_code} AS parent FROM {table}"
            )
            clash = job.con.execute(
                f"SELECT code FROM ({rows}) GROUP BY code HAVING count(*) > 1 ORDER BY code LIMIT 1"
            ).fetchone()
            if clash is not None:
                raise SvdutyError(
                    f"{display}: {lv.level} {clash[0]} has two different names or parents; "
                    "expected one of each"
                )
            if lv.level == "district" and child.level == "lsoa":
                break
            job.con.execute(
                "INSERT INTO areas (batch_id, area_code, area_name, area_type, parent_code, "
                f"vintage) SELECT {job.batch_id}, code, name, {literal(lv.level)}, parent, "
                f"{literal(lv.vintage)} FROM ({rows}) ORDER BY code"
            )
        drop_staging(job, contract)


register(GeoLookupReader())
