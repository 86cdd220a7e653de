"""The Sample County extracts from ``svduty synth`` load through every non-police reader.

Expected counts and values are computed from the CSV files with the ``csv`` module, not from
the reader's own code.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from svduty import reference
from svduty.ingest import import_source

from .conftest import query

KEY = b"test-partnership-secret"


@pytest.fixture(scope="module")
def county(sample_county: Callable[..., Path]) -> Path:
    """The synth tests' county (3 years, seed 2024): several years, generated once for both."""
    return sample_county(years=3, seed=2024, measure=True)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


PARTNER_FILES = [
    ("istv", "ed_assaults.csv", "ed_assaults"),
    ("hospital", "hospital_admissions.csv", "hospital_admissions"),
    ("youth-justice", "youth_justice.csv", "yj_cases"),
    ("probation", "probation.csv", "probation_cases"),
    ("education", "education.csv", "education_events"),
    ("case-studies", "case_studies.csv", "case_study_events"),
]


def test_partner_extracts_load(county: Path, warehouse: Path) -> None:
    for source, name, table in PARTNER_FILES:
        data = rows(county / name)
        result = import_source(source, county / name, warehouse)
        if source == "istv":  # rows with an assault method outside the vocabulary are quarantined
            valid = sum(r["assault_method"] in reference.ASSAULT_METHODS for r in data)
        else:
            valid = len(data)
        assert (result.rows_read, result.rows_loaded) == (len(data), valid), source
        assert result.rows_quarantined == len(data) - valid
        assert query(warehouse, f"SELECT count(*) FROM {table}") == [(valid,)]


def test_sample_county_values(county: Path, warehouse: Path) -> None:
    import_source("hospital", county / "hospital_admissions.csv", warehouse)
    import_source("youth-justice", county / "youth_justice.csv", warehouse)
    admissions = rows(county / "hospital_admissions.csv")
    by_code = Counter(r["icd10_cause"] for r in admissions)
    assert dict(
        query(warehouse, "SELECT icd10_cause, count(*) FROM hospital_admissions GROUP BY 1")
    ) == dict(by_code)
    first = admissions[0]
    key = hmac.new(KEY, first["patient_id"].encode(), hashlib.sha256).hexdigest()
    assert query(
        warehouse,
        "SELECT count(*) FROM hospital_admissions WHERE patient_key = ?",
        [key],
    ) == [(sum(r["patient_id"] == first["patient_id"] for r in admissions),)]
    cohort = rows(county / "youth_justice.csv")
    assert query(
        warehouse,
        "SELECT count(DISTINCT person_key), sum(age), count(*) FILTER (WHERE send) FROM yj_cases",
    ) == [
        (
            len({r["person_id"] for r in cohort}),
            sum(int(r["age"]) for r in cohort),
            sum(r["send"] == "Y" for r in cohort),
        )
    ]


def test_geography_of_sample_county(county: Path, warehouse: Path) -> None:
    import_source("geo-lookup", county / "geo_lookup.csv", warehouse)
    import_source("boundaries", county / "boundaries.geojson", warehouse)
    imd = import_source("imd", county / "imd.csv", warehouse)
    population = import_source("population", county / "population.csv", warehouse)

    lookup = rows(county / "geo_lookup.csv")
    imd_rows = rows(county / "imd.csv")
    assert imd.rows_loaded == len(imd_rows)
    decile = "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"
    assert dict(
        query(
            warehouse,
            "SELECT area_code, value FROM area_indicators "
            "WHERE indicator = 'imd' AND measure = 'decile'",
        )
    ) == {r["LSOA code (2011)"]: float(r[decile]) for r in imd_rows}
    # every LSOA reaches a force area through the parent links
    assert query(
        warehouse,
        "SELECT count(*) FROM areas l "
        "JOIN areas d ON d.area_code = l.parent_code AND d.area_type = 'district' "
        "JOIN areas c ON c.area_code = d.parent_code AND c.area_type = 'csp' "
        "JOIN areas p ON p.area_code = c.parent_code AND p.area_type = 'pfa' "
        "WHERE l.area_type = 'lsoa'",
    ) == [(len(imd_rows),)]
    assert query(warehouse, "SELECT count(*) FROM areas WHERE area_type = 'district'") == [
        (len(lookup),)
    ]
    people = rows(county / "population.csv")
    assert population.rows_loaded == len(people)
    assert query(warehouse, "SELECT sum(population) FROM population") == [
        (sum(int(r["population"]) for r in people),)
    ]
