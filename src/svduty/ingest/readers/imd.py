"""``imd``: English Indices of Deprivation 2019 by LSOA 2011 → ``area_indicators`` (long).

Two header styles are accepted: the official IoD2019 File 7 headers (``LSOA code (2011)``,
``Income Rank (where 1 is most deprived)``…) and the short headers of the open-data extract
(``lsoa_code``, ``IMD_decile``, ``Income_rank``…, also its sub-domains file). Every score, rank
and decile found becomes one row ``(area_code, 'imd2019', indicator, measure, value)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from svduty.errors import SvdutyError
from svduty.ingest.checks import Check, Decimal, Integer, Lsoa, Text
from svduty.ingest.contract import Column, FileContract
from svduty.ingest.csv_file import check_text_file, read_header
from svduty.ingest.job import ImportJob
from svduty.ingest.mapping import header_key
from svduty.ingest.readers.staging import drop_staging, load_wide, refuse_duplicates
from svduty.ingest.registry import register

DATASET = "imd2019"
LSOAS_IN_ENGLAND_2011 = 32844

# Official File 7 stem (lower case) -> indicator.
OFFICIAL_STEMS = {
    "index of multiple deprivation (imd)": "imd",
    "income": "income",
    "employment": "employment",
    "education, skills and training": "education",
    "health deprivation and disability": "health",
    "crime": "crime",
    "barriers to housing and services": "barriers",
    "living environment": "living_environment",
    "income deprivation affecting children index (idaci)": "idaci",
    "income deprivation affecting older people (idaopi)": "idaopi",
    "children and young people sub-domain": "children_young_people",
    "adult skills sub-domain": "adult_skills",
    "geographical barriers sub-domain": "geographical_barriers",
    "wider barriers sub-domain": "wider_barriers",
    "indoors sub-domain": "indoors",
    "outdoors sub-domain": "outdoors",
}
# Short-header prefix (lower case) -> indicator.
SHORT_PREFIXES = {
    "imd": "imd",
    "income": "income",
    "employment": "employment",
    "education": "education",
    "health": "health",
    "crime": "crime",
    "housing_and_access": "barriers",
    "environment": "living_environment",
    "idaci": "idaci",
    "idaopi": "idaopi",
    "children_and_young_people": "children_young_people",
    "adult_skills": "adult_skills",
    "geographical_barriers": "geographical_barriers",
    "wider_barriers": "wider_barriers",
    "indoors": "indoors",
    "outdoors": "outdoors",
}
LSOA_HEADERS = ("lsoa code (2011)", "lsoa_code", "lsoa11cd", "lsoa11_code")
NAME_HEADERS = ("lsoa name (2011)", "lsoa_name", "lsoa11nm", "lsoa11_name")
_OFFICIAL = re.compile(r"^(.+?) (score|rank|decile)\b.*$")
_SHORT = re.compile(r"^(.+)_(score|rank|decile)$")

MEASURE_CHECKS: dict[str, Check] = {
    "score": Decimal(),
    "rank": Integer(minimum=1, maximum=LSOAS_IN_ENGLAND_2011),
    "decile": Integer(minimum=1, maximum=10),
}


def indicator_of(header: str) -> tuple[str, str] | None:
    """``(indicator, measure)`` for an IoD header in either style, else None."""
    key = header_key(header)
    for pattern, names in ((_OFFICIAL, OFFICIAL_STEMS), (_SHORT, SHORT_PREFIXES)):
        match = pattern.match(key)
        if match and match.group(1) in names:
            return names[match.group(1)], match.group(2)
    return None


def imd_contract(header: list[str], display: str) -> FileContract:
    """The contract for this file's headers: the LSOA code and every IoD column it has."""
    keys = {header_key(h): h for h in header}
    code = next((keys[k] for k in LSOA_HEADERS if k in keys), None)
    if code is None:
        raise SvdutyError(
            f"{display}: not an IoD2019 file: no LSOA code column (expected 'LSOA code (2011)' "
            "or 'lsoa_code')"
        )
    columns = [Column(code, Lsoa(), targets={"area_code": "{value}"})]
    name = next((keys[k] for k in NAME_HEADERS if k in keys), None)
    if name is not None:
        columns.append(Column(name, Text(), required=False, targets={}))
    for written in header:
        found = indicator_of(written)
        if found is not None:
            indicator, measure = found
            target = f"{indicator}|{measure}"
            columns.append(
                Column(written, MEASURE_CHECKS[measure], nullable=True, targets={target: "{value}"})
            )
    if len(columns) == 1 + (name is not None):
        raise SvdutyError(
            f"{display}: not an IoD2019 file: no score, rank or decile columns (expected "
            "official File 7 headers such as 'Index of Multiple Deprivation (IMD) Decile (where "
            "1 is most deprived 10% of LSOAs)' or short ones such as 'IMD_decile')"
        )
    return FileContract(name="IoD2019 (imd)", table="_svduty_imd", columns=tuple(columns))


@dataclass(frozen=True)
class ImdReader:
    source: str = "imd"
    summary: str = "English Indices of Deprivation 2019 by LSOA, File 7 or short headers."
    accepts_mapping: bool = False

    def read(self, job: ImportJob, path: Path) -> None:
        if path.is_dir():
            raise SvdutyError(f"{path}: imd expects one CSV file, not a folder")
        display = path.name
        check_text_file(path, display)
        contract = imd_contract(read_header(job.con, path, display), display)
        types = {t: "DOUBLE" for c in contract.columns[1:] for t in c.target_templates()}
        load_wide(job, contract, path, display, "area_indicators", types)
        refuse_duplicates(job, contract.table, "area_code", display, "LSOA")
        job.con.execute(
            "INSERT INTO area_indicators "
            "SELECT batch_id, area_code, ?, split_part(name, '|', 1), split_part(name, '|', 2), "
            f"value FROM (UNPIVOT temp.{contract.table} "
            "ON COLUMNS(* EXCLUDE (batch_id, area_code)) INTO NAME name VALUE value)",
            [DATASET],
        )
        drop_staging(job, contract)


register(ImdReader())
