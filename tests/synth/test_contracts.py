"""The synthetic files follow docs/data-contracts.md exactly: headers, vocabularies, formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from svduty.reference import (
    AGE_BANDS,
    ASSAULT_METHODS,
    ETHNICITIES,
    LOCATION_TYPES,
    SEXES,
    is_assault_icd10,
    normalise_ho_code,
)
from svduty.synth.deprivation import DOMAINS, decile_header, rank_header

CONTRACTS = Path(__file__).resolve().parents[2] / "docs" / "data-contracts.md"
FILES_BY_SECTION = {
    "police-crimes": ("police_crimes.csv",),
    "police-people": ("police_people.csv",),
    "istv": ("ed_assaults.csv",),
    "hospital": ("hospital_admissions.csv",),
    "youth-justice and probation": ("youth_justice.csv", "probation.csv"),
    "education": ("education.csv",),
    "case-studies": ("case_studies.csv",),
}
LSOA = re.compile(r"^E019\d{5}$")
DATE = "%Y-%m-%d"
MINUTE = "%Y-%m-%d %H:%M"


def contract_columns() -> dict[str, list[str]]:
    """Section name → documented columns in order, read from the contracts document."""
    sections: dict[str, list[str]] = {}
    current, in_table = None, False
    for line in CONTRACTS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (.+?) — ", line)
        if line.startswith("#"):
            current = heading.group(1) if heading else None
            if current:
                sections[current] = []
            in_table = False
        elif current and line.startswith("| column |"):
            in_table = True
        elif not line.startswith("|"):
            in_table = False
        elif in_table and line.startswith("| `"):
            sections[current] += re.findall(r"`([^`]+)`", line.split("|")[1])
    return sections


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("section", sorted(FILES_BY_SECTION))
def test_headers_are_the_documented_columns_in_order(county: Path, section: str) -> None:
    documented = contract_columns()[section]
    assert documented, f"no columns documented for {section}"
    for name in FILES_BY_SECTION[section]:
        header = (county / name).read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        assert header == documented, name


def test_police_crimes_values(county: Path) -> None:
    crimes = _read(county, "police_crimes.csv")
    assert crimes["crime_ref"].is_unique
    assert crimes["ho_code"].map(normalise_ho_code).eq(crimes["ho_code"]).all()  # canonical
    pd.to_datetime(crimes["occurred_at"], format=MINUTE)
    for flag in ("knife", "firearm", "domestic_abuse"):
        assert set(crimes[flag]) == {"Y", "N"}
    assert set(crimes["location_type"]) <= set(LOCATION_TYPES)
    assert crimes["lsoa_code"].str.match(LSOA).all()
    lon, lat = crimes["longitude"].astype(float), crimes["latitude"].astype(float)
    assert lon.between(-8.7, 1.8).all() and lat.between(49.8, 60.9).all()
    boundaries = json.loads((county / "boundaries.geojson").read_text())
    corners = pd.DataFrame(
        [xy for f in boundaries["features"] for xy in f["geometry"]["coordinates"][0]],
        columns=["lon", "lat"],
    )
    assert lon.between(corners.lon.min(), corners.lon.max()).all()
    assert lat.between(corners.lat.min(), corners.lat.max()).all()
    assert crimes["outcome"].ne("").all()


def test_police_people_values(county: Path) -> None:
    people = _read(county, "police_people.csv")
    crimes = _read(county, "police_crimes.csv")
    assert people["crime_ref"].isin(crimes["crime_ref"]).all()
    assert set(people["role"]) == {"victim", "suspect"}
    ages = pd.to_numeric(people["age"].replace("", None)).dropna()
    assert ages.between(0, 120).all() and (ages % 1 == 0).all()
    assert set(people["sex"]) <= set(SEXES)
    assert set(people["ethnicity"]) <= set(ETHNICITIES)
    assert people["person_id"].str.match(r"^P\d{9}$").all()


def test_ed_assault_values(county: Path) -> None:
    ed = _read(county, "ed_assaults.csv")
    start = pd.to_datetime(ed["reporting_period_start"], format=DATE)
    end = pd.to_datetime(ed["reporting_period_end"], format=DATE)
    arrival = pd.to_datetime(ed["arrival_at"], format=MINUTE)
    assault = pd.to_datetime(ed["assault_at"].replace("", None), format=MINUTE)
    assert (arrival > assault).where(assault.notna(), True).all()
    assert (arrival.dt.normalize() >= start).all() and (arrival.dt.normalize() <= end).all()
    assert set(ed["assault_method"]) <= set(ASSAULT_METHODS)
    assert (ed["assault_method_other"] != "").eq(ed["assault_method"] == "other").all()
    assert set(ed["location_type"]) <= set(LOCATION_TYPES)
    assert set(ed["age_band"]) <= {band.label for band in AGE_BANDS} | {""}
    assert set(ed["sex"]) <= set(SEXES)
    for column in ("assault_lsoa", "residence_lsoa"):
        filled = ed[column][ed[column] != ""]
        assert filled.str.match(LSOA).all()
        assert 0.8 < len(filled) / len(ed) < 1.0  # mostly geocoded, some not


def test_hospital_values(county: Path) -> None:
    admissions = _read(county, "hospital_admissions.csv")
    pd.to_datetime(admissions["admission_date"], format=DATE)
    assert admissions["icd10_cause"].map(is_assault_icd10).all()
    assert admissions["age"].astype(int).between(0, 120).all()
    assert set(admissions["sex"]) <= set(SEXES)
    assert set(admissions["ethnicity"]) <= set(ETHNICITIES)


@pytest.mark.parametrize("name", ["youth_justice.csv", "probation.csv"])
def test_cohort_values(county: Path, name: str) -> None:
    cohort = _read(county, name)
    pd.to_datetime(cohort["offence_date"], format=DATE)
    assert cohort["ho_code"].map(normalise_ho_code).eq(cohort["ho_code"]).all()
    ages = cohort["age"].astype(int)
    assert ages.between(10, 17).all() if name == "youth_justice.csv" else (ages >= 18).all()
    flags = [
        c
        for c in cohort.columns
        if c in ("send", "looked_after", "excluded") or c.startswith("ace_")
    ]
    assert len(flags) == 9
    for flag in flags:
        assert set(cohort[flag]) == {"Y", "N"}
        # a person's vulnerabilities do not change between their offences
        assert cohort.groupby("person_id")[flag].nunique().eq(1).all()


def test_education_values(county: Path) -> None:
    events = _read(county, "education.csv")
    dates = pd.to_datetime(events["event_date"], format=DATE)
    assert (dates.dt.day_of_week < 5).all() and (dates.dt.month != 8).all()  # term-time weekdays
    assert set(events["event_type"]) == {"suspension", "permanent_exclusion"}
    assert "Use or threat of use of an offensive weapon or prohibited item" in set(events["reason"])
    assert "Physical assault against a pupil" in set(events["reason"])
    assert events["age"].astype(int).between(4, 18).all()
    assert set(events["send"]) == {"Y", "N"}
    assert events["residence_lsoa"].str.match(LSOA).all()


def test_case_study_values(county: Path) -> None:
    events = _read(county, "case_studies.csv")
    assert events["age_at_event"].astype(int).between(0, 30).all()
    assert {"witnessed_domestic_abuse", "criminal_exploitation", "first_police_contact"} <= set(
        events["event_type"]
    )
    assert set(events["sex"]) <= set(SEXES)


def test_imd_has_official_file7_headers_and_consistent_ranks(county: Path) -> None:
    imd = _read(county, "imd.csv")
    assert list(imd.columns[:4]) == [
        "LSOA code (2011)",
        "LSOA name (2011)",
        "Local Authority District code (2019)",
        "Local Authority District name (2019)",
    ]
    assert (
        "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)" in imd
    )
    assert "Education, Skills and Training Score" in imd
    for stem, suffix, *_ in DOMAINS:
        rank = imd[rank_header(stem)].astype(int)
        decile = imd[decile_header(stem)].astype(int)
        assert rank.is_unique and rank.between(1, 32_844).all()
        # decile d holds national ranks floor((d-1)N/10)+1 .. floor(dN/10), N = 32,844
        assert np.ceil(rank * 10 / 32_844).astype(int).eq(decile).all(), stem
        score = imd[f"{stem} {suffix}"].astype(float)
        assert score.corr(rank, method="spearman") < -0.99  # more deprived, higher score
    assert imd["LSOA code (2011)"].str.match(LSOA).all()


def test_population_long_layout_and_totals(county: Path) -> None:
    population = _read(county, "population.csv")
    assert list(population.columns) == [
        "area_code",
        "year",
        "age_band",
        "sex",
        "ethnicity",
        "population",
    ]
    population["population"] = population["population"].astype(int)
    assert set(population["age_band"]) == {"0-17", "18-24", "25+"}
    assert set(population["sex"]) == {"F", "M"}
    assert set(population["ethnicity"]) <= set(ETHNICITIES)
    cells = population.groupby(["area_code", "year"]).size()
    assert cells.eq(3 * 2 * 5).all()  # every LSOA-year has every age-sex-ethnicity cell
    totals = population.groupby(["area_code", "year"])["population"].sum()
    assert totals.between(1000, 3100).all()
    by_age = population.groupby("age_band")["population"].sum() / population["population"].sum()
    assert 0.15 < by_age["0-17"] < 0.27 and 0.06 < by_age["18-24"] < 0.15


def test_geo_lookup(county: Path) -> None:
    lookup = _read(county, "geo_lookup.csv")
    assert list(lookup.columns) == [
        "LAD17CD",
        "LAD17NM",
        "CSP17CD",
        "CSP17NM",
        "PFA17CD",
        "PFA17NM",
    ]
    assert 5 <= len(lookup) <= 6
    assert lookup["LAD17CD"].str.match(r"^E079000\d\d$").all()
    assert lookup["CSP17CD"].str.match(r"^E229000\d\d$").all() and lookup["CSP17CD"].nunique() == 4
    assert lookup["PFA17CD"].str.match(r"^E239000\d\d$").all() and lookup["PFA17CD"].nunique() == 1
    boundaries = json.loads((county / "boundaries.geojson").read_text())
    districts = {f["properties"]["LAD17CD"] for f in boundaries["features"]}
    assert districts == set(lookup["LAD17CD"])


def test_manifest_describes_the_run(county: Path, manifest: dict) -> None:
    assert manifest["scale"] == "county" and manifest["years"] == 5 and manifest["seed"] == 2024
    assert manifest["period"] == {"start": "2020-01", "end": "2024-12"}
    for name, rows in manifest["files"].items():
        path = county / name
        if name.endswith(".csv"):
            assert rows == len(path.read_text(encoding="utf-8").splitlines()) - 1, name
    assert manifest["files"]["boundaries.geojson"] == 400
    # ≈ 34k a year, less what the 2020-21 lockdowns took
    assert 160_000 <= manifest["files"]["police_crimes.csv"] <= 170_000
