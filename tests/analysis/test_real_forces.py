"""Real forces, as a new analyst would load them: the numbers against pandas on the raw files.

Each warehouse holds one force's data.police.uk download, the national ONS mid-2020 population
(all of England and Wales), IMD 2019 for every English LSOA, the LAD → CSP → PFA lookup and the
force's own LSOA boundaries, and the assessment runs without ``--area``. The oracle reads the
same raw CSVs with pandas and nothing of svduty.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from svduty.analysis import deprivation, place, scope, trends
from svduty.analysis.context import AnalysisContext, Scope
from svduty.analysis.coverage import unlocated
from svduty.definitions import load_definition
from svduty.ingest import import_source
from svduty.reference import DISTRICT_SUCCESSORS
from svduty.warehouse import ibis_connect

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

FORCES = {
    "northamptonshire": ("northamptonshire-2018-10-to-2019-02.zip", "Northamptonshire"),
    "warwickshire": ("warwickshire-2018-10-to-2019-02.zip", "Warwickshire"),
    "northumbria": ("northumbria-2020-05-to-2023-03.zip", "Northumbria"),
}
PROXY_TYPES = ("Violence and sexual offences", "Robbery", "Possession of weapons")
#: A change stated in words: "... rose by 9% in 2022 compared with 2021 (" or "... in 2022 was 3%
#: lower than in 2021 (".
CHANGE = re.compile(
    r"(?:(?:rose|fell) by \S+ in (?P<now>.+?) compared with (?P<then>.+?)"
    r"|in (?P<now2>.+?) was \S+ (?:higher|lower) than in (?P<then2>.+?)) \("
)


def _force_districts(geography: Path, force: str) -> pd.DataFrame:
    lookup = pd.read_csv(geography / "lad17_csp17_pfa17_lookup.csv", encoding="utf-8-sig")
    return lookup[force == lookup.PFA17NM]


def _boundaries(geography: Path, districts: list[str], folder: Path) -> dict[str, str]:
    """Extract the force's district boundary files; return LSOA → district from them."""
    folder.mkdir(parents=True, exist_ok=True)
    lsoas: dict[str, str] = {}
    # The boundary files carry 2017 codes; the lookup already has the newer code of a district
    # that was recoded without a boundary change (Northumberland E06000048 → E06000057).
    earlier = {new: old for old, new in DISTRICT_SUCCESSORS.items()}
    with zipfile.ZipFile(geography / "lsoa11_boundaries_by_lad_england.zip") as archive:
        names = set(archive.namelist())
        for district in districts:
            name = f"lsoa11_by_lad/{district}.json"
            if name not in names:
                name = f"lsoa11_by_lad/{earlier[district]}.json"
            data = archive.read(name)
            (folder / f"{district}.json").write_bytes(data)
            for feature in json.loads(data)["features"]:
                lsoas[feature["properties"]["LSOA11CD"]] = district
    return lsoas


def _street_crime(archive_path: Path) -> pd.DataFrame:
    with zipfile.ZipFile(archive_path) as archive:
        frames = [
            pd.read_csv(archive.open(name), dtype=str)
            for name in sorted(archive.namelist())
            if name.endswith("-street.csv")
        ]
    street = pd.concat(frames, ignore_index=True)
    return street[street["Crime type"] != "Anti-social behaviour"]


@pytest.fixture(scope="module", params=sorted(FORCES))
def force(request, shared_data: Path, tmp_path_factory) -> dict:
    """One force's warehouse, built from ../shared/data, and the raw frames for the oracle."""
    key = request.param
    archive, force_name = FORCES[key]
    geography = shared_data / "geography"
    home = tmp_path_factory.mktemp(key)
    warehouse = home / "warehouse.duckdb"
    districts = _force_districts(geography, force_name)
    lsoa_district = _boundaries(geography, list(districts.LAD17CD), home / "boundaries")
    population_file = geography / "ons_mid2020_population_lsoa11_single_year_of_age.csv"
    imports = [
        ("geo-lookup", geography / "lad17_csp17_pfa17_lookup.csv"),
        ("boundaries", home / "boundaries"),
        ("imd", geography / "imd2019_england_lsoa11.csv"),
        ("population", population_file),
        ("police-uk", shared_data / "police_uk" / archive),
    ]
    for source, path in imports:
        import_source(source, path, warehouse=warehouse)
    return {
        "warehouse": warehouse,
        "force": force_name,
        "pfa": districts.PFA17CD.iloc[0],
        "lsoas": lsoa_district,
        "street": _street_crime(shared_data / "police_uk" / archive),
        "population": pd.read_csv(
            population_file, usecols=["lsoa11_code", "total_population"]
        ).set_index("lsoa11_code")["total_population"],
        "imd": pd.read_csv(geography / "imd2019_england_lsoa11.csv").set_index("lsoa_code")[
            "IMD_decile"
        ],
    }


@pytest.fixture(scope="module")
def results(force) -> dict:
    con = ibis_connect(force["warehouse"], read_only=True)
    ctx = AnalysisContext(con, Scope(load_definition("police-uk-proxy")))
    try:
        yield {
            "ctx": ctx,
            "scope": scope.compute(ctx),
            "deprivation": deprivation.compute(ctx),
            "place": place.compute(ctx),
            "trends": trends.compute(ctx),
            "unlocated": unlocated(ctx),
        }
    finally:
        con.disconnect()


def _oracle(force: dict) -> dict:
    """Force rate, quintile rate ratio and the unlocated count, from the raw files."""
    street = force["street"]
    serious = street[street["Crime type"].isin(PROXY_TYPES)]
    months = street.Month.nunique()
    in_force = serious[serious["LSOA code"].isin(force["lsoas"])]
    no_place = int(serious["LSOA code"].isna().sum())
    residents = force["population"].reindex(list(force["lsoas"])).fillna(0)
    person_years = residents * months / 12
    deciles = force["imd"].reindex(residents.index)
    counts = in_force["LSOA code"].value_counts().reindex(residents.index).fillna(0)

    def rate(mask: pd.Series) -> float:
        return counts[mask].sum() / person_years[mask].sum()

    return {
        "force_rate": 1000 * (len(in_force) + no_place) / person_years.sum(),
        "located_rate": 1000 * counts.sum() / person_years.sum(),
        "ratio": rate(deciles <= 2) / rate(deciles >= 9),
        "no_place": no_place,
        "serious": len(in_force) + no_place,
    }


def test_the_area_is_the_force(force, results) -> None:
    area = results["ctx"].area
    assert area.name == f"{force['force']} ({force['pfa']}) police force area"
    assert set(area.lsoa_codes) == set(force["lsoas"])
    summary = dict(results["scope"].table("scope_summary").frame.values)
    assert summary["Area"] == area.name


def test_the_force_rate_and_deprivation_ratio_match_pandas(force, results) -> None:
    want = _oracle(force)
    districts = results["place"].table("place_district").frame
    located = 1000 * districts.serious_violence.sum() / districts.person_years.sum()
    assert located == pytest.approx(want["located_rate"], rel=1e-9)
    assert results["unlocated"].total == want["serious"]
    summary = results["deprivation"].table("deprivation_summary").frame
    ratio = summary.set_index("measure").value["rate_ratio_q1_vs_q5"]
    assert ratio == pytest.approx(want["ratio"], rel=1e-9)
    assert ratio > 1  # the most deprived fifth has more serious violence per resident


def test_serious_violence_without_a_place_is_stated(force, results) -> None:
    want = _oracle(force)
    assert results["unlocated"].count == want["no_place"]
    limits = " ".join(results["scope"].table("scope_limitations").frame.limitation)
    if want["no_place"]:
        assert f"{want['no_place']:,} of {want['serious']:,} serious-violence crimes" in limits
    else:
        assert "have no LSOA" not in limits
    assert (
        results["deprivation"]
        .commentary[0]
        .startswith(
            "Every serious-violence crime in scope has an LSOA"
            if not want["no_place"]
            else f"This section leaves out {want['no_place']:,} serious-violence crime(s)"
        )
    )


def test_no_year_on_year_claim_from_part_years(force, results) -> None:
    street_months = sorted(force["street"].Month.unique())
    section = results["trends"]
    comparable: set[str] = set()
    for name, label in (("trends_annual", "year"), ("trends_financial_years", "financial_year")):
        frame = section.table(name).frame.reset_index(drop=True)
        # a year holds all its months of street crime or it is not complete
        for row in frame.itertuples():
            if name == "trends_annual":
                wanted = [f"{row.year}-{month:02d}" for month in range(1, 13)]
                assert row.complete == (set(wanted) <= set(street_months)), row.year
        for i in frame.index[frame.change_pct_vs_previous.notna()]:
            assert frame.complete[i] and frame.complete[i - 1], frame[label][i]
        assert frame.complete[frame.change_pct_vs_baseline.notna()].all()
        comparable |= {str(value) for value in frame.loc[frame.complete, label]}
    part = next((t for t in section.tables if t.name == "trends_part_year"), None)
    if part is not None:
        first, latest = part.frame.itertuples()
        assert first.months == latest.months  # the same months a year earlier
        comparable |= {first.period, latest.period}
    text = " ".join([*section.commentary, *(finding.text for finding in section.findings)])
    for match in CHANGE.finditer(text):
        now = match.group("now") or match.group("now2")
        then = match.group("then") or match.group("then2")
        assert {now, then} <= comparable, match.group(0)


def test_the_lsoa_with_most_serious_violence_is_a_top_ten_priority(force, results) -> None:
    serious = force["street"][force["street"]["Crime type"].isin(PROXY_TYPES)]
    counts = serious[serious["LSOA code"].isin(force["lsoas"])]["LSOA code"].value_counts()
    priority = results["place"].table("place_priority").frame
    top_ten = set(priority.lsoa_code[priority.priority_rank <= 10])
    assert counts.index[0] in top_ten
    # burden leads: a place never outranks one with at least twice its serious violence
    ranked = priority.sort_values("priority_rank")
    volumes = ranked.serious_violence.to_list()
    for above, volume in enumerate(volumes):
        assert all(below < 2 * volume for below in volumes[above + 1 :])
