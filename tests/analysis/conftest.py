"""A small, deterministic warehouse for analysis tests, with known patterns planted in it.

Geography: a 6 x 6 grid of square LSOA polygons sharing vertices (queen contiguity is the grid's
8-neighbourhood), columns 0-2 in district ``WEST`` (CSP ``CSP_WEST``), columns 3-5 in district
``EAST`` (CSP ``CSP_EAST``), all in one police force area. LSOA ``k = row * 6 + col`` has code
``E01{100001 + k}``.

Crime: three years (2021-01 .. 2023-12) of force records (source ``police-crimes``) with a
persistent hotspot cluster (``HOT_CLUSTER``), an emerging one whose serious violence grows year on
year (``EMERGING_CLUSTER``), no force rows at all in ``GAP_MONTH`` (a coverage gap), victims and
suspects with ages/sex/ethnicity (some repeat), and a few hundred data.police.uk rows (incl.
anti-social behaviour). Population for 2021 and 2022 only (2023 uses the nearest year). IMD
deciles and domain deciles by LSOA. Small partner tables (ED, hospital, youth justice, probation,
education, case studies) for the other sections. Every table has a ``batches`` row; one older
police-crimes batch is marked replaced.

``small_warehouse`` gives a :class:`SmallWarehouse` (path + the inserted rows as pandas frames,
for independent calculations); ``open_context(small_warehouse, definition, ...)`` opens an
:class:`AnalysisContext` on it. ``TEST_DEFINITION`` is a codes-and-knife-only definition whose
classification a test can recompute in plain pandas with :func:`expected_serious_violence`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

GRID = 6
YEARS = (2021, 2022, 2023)
LSOA_CODES = [f"E01{100001 + k}" for k in range(GRID * GRID)]
DISTRICTS = {"WEST": ("E06000901", "West Sample"), "EAST": ("E06000902", "East Sample")}
CSPS = {"WEST": ("E22000901", "West Sample CSP"), "EAST": ("E22000902", "East Sample CSP")}
PFA = ("E23000901", "Sample Police")
HOT_CLUSTER = [(1, 1), (1, 2), (2, 1), (2, 2)]
EMERGING_CLUSTER = [(4, 4), (4, 5), (5, 4), (5, 5)]
GAP_MONTH = date(2022, 7, 1)
LON0, LAT0, STEP = -1.60, 54.90, 0.01
SEED = 20240131

#: (ho_code, base weight). 1/5D/8N/34A/34B/19C are serious violence under TEST_DEFINITION
#: (8N only with a knife); the rest is other recorded crime.
SV_CODES = ("1", "5D", "34A", "34B", "19C")
OTHER_CODES = ("105A", "8L", "58A", "28C", "92D", "8N")
KNIFE_CODES = ("8N", "5D", "34B")

TEST_DEFINITION_YAML = """
name: test-codes
title: Test definition - codes and the knife flag only
source:
  document: svduty test suite
  quote: homicide, wounding, robbery, rape and knife-enabled assault
rules:
  - tag: homicide
    codes: ["1"]
  - tag: serious_wounding
    codes: ["5D"]
  - tag: robbery
    codes: ["34A", "34B"]
  - tag: rape
    codes: ["19C"]
  - tag: knife_enabled
    codes: ["8N", "5D", "34B"]
    knife: true
"""

SOURCE_TABLES = {
    "police-crimes": 1,
    "police-people": 2,
    "police-uk": 3,
    "boundaries": 4,
    "geo-lookup": 5,
    "population": 6,
    "imd": 7,
    "istv": 8,
    "hospital": 9,
    "youth-justice": 10,
    "probation": 11,
    "education": 12,
    "case-studies": 13,
}
REPLACED_BATCH = 14  # an older police-crimes batch that batch 1 replaced
IMD_DOMAINS = ("income", "employment", "education", "health", "crime", "housing_and_access")


def lsoa_index(row: int, col: int) -> int:
    return row * GRID + col


def lsoa_code(row: int, col: int) -> str:
    return LSOA_CODES[lsoa_index(row, col)]


def _months() -> list[date]:
    return [date(year, month, 1) for year in YEARS for month in range(1, 13)]


@dataclass
class SmallWarehouse:
    """The warehouse file and the rows inserted into each table (for independent checks)."""

    path: Path
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.frames[table].copy()


def _geography() -> tuple[pd.DataFrame, pd.DataFrame]:
    from shapely.geometry import box

    rows = []
    for r in range(GRID):
        for c in range(GRID):
            side = "WEST" if c < 3 else "EAST"
            square = box(
                LON0 + c * STEP, LAT0 + r * STEP, LON0 + (c + 1) * STEP, LAT0 + (r + 1) * STEP
            )
            rows.append(
                {
                    "batch_id": 4,
                    "area_code": lsoa_code(r, c),
                    "area_name": f"{DISTRICTS[side][1]} {lsoa_index(r, c) + 1:03d}",
                    "area_type": "lsoa",
                    "parent_code": DISTRICTS[side][0],
                    "vintage": "2011",
                    "geometry": square.wkb,
                }
            )
    for side in ("WEST", "EAST"):
        rows.append(
            {
                "batch_id": 5,
                "area_code": DISTRICTS[side][0],
                "area_name": DISTRICTS[side][1],
                "area_type": "district",
                "parent_code": CSPS[side][0],
                "vintage": "2017",
                "geometry": None,
            }
        )
        rows.append(
            {
                "batch_id": 5,
                "area_code": CSPS[side][0],
                "area_name": CSPS[side][1],
                "area_type": "csp",
                "parent_code": PFA[0],
                "vintage": "2017",
                "geometry": None,
            }
        )
    rows.append(
        {
            "batch_id": 5,
            "area_code": PFA[0],
            "area_name": PFA[1],
            "area_type": "pfa",
            "parent_code": None,
            "vintage": "2017",
            "geometry": None,
        }
    )
    areas = pd.DataFrame(rows)
    grid = pd.DataFrame(
        [
            {"lsoa_code": lsoa_code(r, c), "row": r, "col": c, "side": "WEST" if c < 3 else "EAST"}
            for r in range(GRID)
            for c in range(GRID)
        ]
    )
    return areas, grid


ETHNICITIES = ("Asian", "Black", "Mixed", "White", "Other")
AGE_BANDS = (("0-17", 0, 17), ("18-24", 18, 24), ("25+", 25, None))


def _population(rng: np.random.Generator) -> pd.DataFrame:
    """2021 and 2022 only; 'all' equals the sum of the age bands, of the sexes, of ethnicities."""
    rows = []
    for code in LSOA_CODES:
        for year in (2021, 2022):
            bands = rng.integers([250, 100, 900], [450, 250, 1500])
            total = int(bands.sum())
            rows.append((6, code, year, "all", None, None, "all", "all", total))
            for (band, low, high), count in zip(AGE_BANDS, bands, strict=True):
                rows.append((6, code, year, band, low, high, "all", "all", int(count)))
            female = int(total * 0.51)
            rows.append((6, code, year, "all", None, None, "F", "all", female))
            rows.append((6, code, year, "all", None, None, "M", "all", total - female))
            shares = np.array([0.08, 0.04, 0.03, 0.83])
            ethnic = np.floor(shares * total).astype(int)
            for name, count in zip(ETHNICITIES, [*ethnic, total - ethnic.sum()], strict=True):
                rows.append((6, code, year, "all", None, None, "all", name, int(count)))
    columns = [
        "batch_id",
        "area_code",
        "year",
        "age_band",
        "age_min",
        "age_max",
        "sex",
        "ethnicity",
        "population",
    ]
    return pd.DataFrame(rows, columns=columns)


def _deprivation(grid: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """IMD decile falls (more deprived) towards the hotspot; domains loosely follow it."""
    rows = []
    for item in grid.itertuples():
        distance = abs(item.row - 1.5) + abs(item.col - 1.5)
        decile = int(np.clip(round(distance * 1.4 + rng.integers(-1, 2)), 1, 10))
        rows.append((7, item.lsoa_code, "imd2019", "imd", "decile", float(decile)))
        for domain in IMD_DOMAINS:
            value = int(np.clip(decile + rng.integers(-2, 3), 1, 10))
            rows.append((7, item.lsoa_code, "imd2019", domain, "decile", float(value)))
        rows.append(
            (7, item.lsoa_code, "imd2019", "imd", "rank", float(decile * 3000 - item.Index))
        )
    columns = ["batch_id", "area_code", "dataset", "indicator", "measure", "value"]
    return pd.DataFrame(rows, columns=columns)


def _crimes(grid: pd.DataFrame, rng: np.random.Generator, gap_month: date | None) -> pd.DataFrame:
    """Force crime: other crime everywhere; serious violence boosted in the two clusters."""
    hot = {lsoa_index(r, c) for r, c in HOT_CLUSTER}
    emerging = {lsoa_index(r, c) for r, c in EMERGING_CLUSTER}
    rows = []
    number = 0
    for month in _months():
        if month == gap_month:
            continue
        season = 1.0 + 0.3 * np.sin((month.month - 4) / 12 * 2 * np.pi)
        for k, code in enumerate(LSOA_CODES):
            sv_rate = 0.45 * season
            if k in hot:
                sv_rate *= 5
            if k in emerging:
                sv_rate *= {2021: 0.6, 2022: 2.5, 2023: 6.0}[month.year]
            other_rate = 2.2 * season
            n_sv = rng.poisson(sv_rate)
            n_other = rng.poisson(other_rate)
            codes = list(rng.choice(SV_CODES, n_sv, p=[0.02, 0.13, 0.1, 0.5, 0.25]))
            codes += list(rng.choice(OTHER_CODES, n_other, p=[0.3, 0.15, 0.2, 0.2, 0.05, 0.1]))
            item = grid.iloc[k]
            for ho_code in codes:
                number += 1
                days = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - month
                day = int(rng.integers(0, days.days))
                hour = int(rng.choice(24, p=_HOUR_WEIGHTS))
                at = datetime(month.year, month.month, 1) + timedelta(
                    days=day, hours=hour, minutes=int(rng.integers(0, 60))
                )
                knife = ho_code in KNIFE_CODES and rng.random() < 0.4
                rows.append(
                    {
                        "batch_id": 1,
                        "source": "police-crimes",
                        "crime_ref": f"SC{number:06d}",
                        "ho_code": ho_code,
                        "police_uk_crime_type": None,
                        "occurred_at": at,
                        "occurred_date": at.date(),
                        "occurred_month": month,
                        "lsoa_code": code,
                        "lsoa_name": f"LSOA {k + 1:03d}",
                        "longitude": LON0 + (item.col + rng.random()) * STEP,
                        "latitude": LAT0 + (item.row + rng.random()) * STEP,
                        "knife": bool(knife),
                        "firearm": bool(rng.random() < 0.01),
                        "domestic_abuse": bool(rng.random() < 0.2),
                        "location_type": rng.choice(_LOCATIONS, p=_LOCATION_WEIGHTS),
                        "location_description": None,
                        "outcome": rng.choice(
                            ["Under investigation", "Unable to prosecute suspect"]
                        ),
                        "force_name": PFA[1],
                        "context": None,
                    }
                )
    # A few rows with no LSOA (place must ignore them, totals must not).
    for row in rows[:: max(1, len(rows) // 5)][:5]:
        row["lsoa_code"] = None
        row["lsoa_name"] = None
    return pd.DataFrame(rows)


_HOUR_WEIGHTS = np.array([3, 3, 2, 1, 1, 1, 1, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6, 6, 6, 7, 8, 8, 5.0])
_HOUR_WEIGHTS = _HOUR_WEIGHTS / _HOUR_WEIGHTS.sum()
_LOCATIONS = ["street", "licensed_premises", "dwelling", "retail", "park_open_space", "unknown"]
_LOCATION_WEIGHTS = [0.4, 0.1, 0.3, 0.1, 0.05, 0.05]


def _police_uk(rng: np.random.Generator) -> pd.DataFrame:
    types = ["Violence and sexual offences", "Robbery", "Possession of weapons", "Burglary"]
    rows = []
    for i, month in enumerate(_months()):
        for j in range(12):
            code = LSOA_CODES[int(rng.integers(0, len(LSOA_CODES)))]
            asb = j % 4 == 0
            rows.append(
                {
                    "batch_id": 3,
                    "source": "police-uk",
                    "crime_ref": None if asb else f"PUK{i:03d}{j:02d}",
                    "ho_code": None,
                    "police_uk_crime_type": "Anti-social behaviour" if asb else types[j % 4],
                    "occurred_at": None,
                    "occurred_date": None,
                    "occurred_month": month,
                    "lsoa_code": code,
                    "lsoa_name": None,
                    "longitude": None,
                    "latitude": None,
                    "knife": None,
                    "firearm": None,
                    "domestic_abuse": None,
                    "location_type": None,
                    "location_description": "On or near Main Street",
                    "outcome": None,
                    "force_name": PFA[1],
                    "context": None,
                }
            )
    return pd.DataFrame(rows)


def _people(crimes: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """A victim for 85% of crimes, 0-2 suspects; keys from small pools so some repeat."""
    rows = []
    force = crimes[crimes.source == "police-crimes"]
    for ref in force.crime_ref:
        people = []
        if rng.random() < 0.85:
            people.append("victim")
        people += ["suspect"] * int(rng.choice(3, p=[0.3, 0.5, 0.2]))
        for role in people:
            pool = 2500 if role == "victim" else 1500
            age = int(np.clip(rng.gamma(4.0, 7.0) + 8, 10, 90))
            rows.append(
                {
                    "batch_id": 2,
                    "source": "police-people",
                    "crime_ref": ref,
                    "person_key": f"{role[0]}{int(rng.integers(0, pool)):05d}",
                    "role": role,
                    "age": age if rng.random() > 0.05 else None,
                    "sex": rng.choice(["M", "F", "U"], p=[0.6, 0.38, 0.02]),
                    "ethnicity": rng.choice(
                        [*ETHNICITIES, "Not stated"], p=[0.08, 0.06, 0.04, 0.75, 0.02, 0.05]
                    ),
                }
            )
    return pd.DataFrame(rows)


def _partner_tables(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    months = _months()
    methods = ["knife_sharp", "blunt_object", "body", "glass_bottle", "other"]
    ed = []
    for i in range(300):
        month = months[int(rng.integers(0, len(months)))]
        arrival = datetime(month.year, month.month, 1) + timedelta(
            days=int(rng.integers(0, 28)), hours=int(rng.choice(24, p=_HOUR_WEIGHTS))
        )
        end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        ed.append(
            {
                "batch_id": 8,
                "site_code": "RXX01",
                "reporting_period_start": month,
                "reporting_period_end": end,
                "arrival_at": arrival,
                "assault_at": arrival - timedelta(minutes=int(rng.integers(20, 300)))
                if i % 5
                else None,
                "assault_method": methods[i % len(methods)],
                "assault_method_other": "bite" if methods[i % len(methods)] == "other" else None,
                "location_type": _LOCATIONS[i % len(_LOCATIONS)],
                "location_description": None,
                "assault_lsoa": LSOA_CODES[int(rng.integers(0, len(LSOA_CODES)))],
                "age_band": ["0-17", "18-24", "25+"][i % 3],
                "sex": ["M", "F"][i % 2],
                "residence_lsoa": LSOA_CODES[int(rng.integers(0, len(LSOA_CODES)))],
            }
        )
    causes = ["X99", "X99.0", "X85", "Y04", "Y00", "X95"]
    hospital = [
        {
            "batch_id": 9,
            "patient_key": f"p{int(rng.integers(0, 150)):04d}",
            "admission_date": months[int(rng.integers(0, len(months)))]
            + timedelta(days=int(rng.integers(0, 28))),
            "icd10_cause": causes[i % len(causes)],
            "age": int(rng.integers(12, 70)),
            "sex": ["M", "F"][i % 2],
            "ethnicity": ETHNICITIES[i % len(ETHNICITIES)],
            "residence_lsoa": LSOA_CODES[int(rng.integers(0, len(LSOA_CODES)))],
        }
        for i in range(200)
    ]

    def cohort(batch: int, prefix: str, ages: tuple[int, int]) -> pd.DataFrame:
        codes = ["5D", "8N", "34B", "10D", "105A", "28C", "58A", "92D"]
        rows = []
        for i in range(150):
            serious = codes[i % len(codes)] in ("5D", "8N", "34B", "10D")
            lift = 0.25 if serious else 0.0
            rows.append(
                {
                    "batch_id": batch,
                    "person_key": f"{prefix}{i % 120:04d}",
                    "offence_date": months[int(rng.integers(0, len(months)))]
                    + timedelta(days=int(rng.integers(0, 28))),
                    "ho_code": codes[i % len(codes)],
                    "outcome": "Referral order",
                    "age": int(rng.integers(*ages)),
                    "sex": ["M", "F"][int(rng.random() < 0.2)],
                    "ethnicity": ETHNICITIES[i % len(ETHNICITIES)],
                    **{
                        flag: bool(rng.random() < 0.2 + lift)
                        for flag in (
                            "send",
                            "looked_after",
                            "excluded",
                            "ace_domestic_abuse",
                            "ace_parental_substance_misuse",
                            "ace_parental_mental_health",
                            "ace_parental_imprisonment",
                            "ace_abuse_neglect",
                            "ace_bereavement",
                        )
                    },
                }
            )
        return pd.DataFrame(rows)

    reasons = [
        "Physical assault against a pupil",
        "Physical assault against an adult",
        "Use or threat of use of an offensive weapon or prohibited item",
        "Persistent disruptive behaviour",
    ]
    education = [
        {
            "batch_id": 12,
            "pupil_key": f"u{int(rng.integers(0, 160)):04d}",
            "event_date": months[int(rng.integers(0, len(months)))]
            + timedelta(days=int(rng.integers(0, 28))),
            "event_type": "permanent_exclusion" if i % 10 == 0 else "suspension",
            "reason": reasons[i % len(reasons)],
            "age": int(rng.integers(11, 17)),
            "sex": ["M", "F"][i % 2],
            "ethnicity": ETHNICITIES[i % len(ETHNICITIES)],
            "send": bool(i % 3 == 0),
            "residence_lsoa": LSOA_CODES[int(rng.integers(0, len(LSOA_CODES)))],
        }
        for i in range(200)
    ]
    events = {
        "witnessed_domestic_abuse": (6, 2),
        "school_exclusion": (13, 1),
        "first_police_contact": (14, 1),
        "criminal_exploitation": (15, 1),
        "weapon_carrying": (16, 1),
    }
    case_studies = []
    for case in range(20):
        for event, (peak, spread) in events.items():
            case_studies.append(
                {
                    "batch_id": 13,
                    "case_key": f"c{case:03d}",
                    "age_at_event": int(np.clip(round(rng.normal(peak, spread)), 0, 30)),
                    "event_type": event,
                    "sex": ["M", "F"][case % 2],
                }
            )
    return {
        "ed_assaults": pd.DataFrame(ed),
        "hospital_admissions": pd.DataFrame(hospital),
        "yj_cases": cohort(10, "y", (10, 18)),
        "probation_cases": cohort(11, "r", (18, 60)),
        "education_events": pd.DataFrame(education),
        "case_study_events": pd.DataFrame(case_studies),
    }


def _batches() -> pd.DataFrame:
    rows = []
    for source, batch in [*SOURCE_TABLES.items(), ("police-crimes", REPLACED_BATCH)]:
        rows.append(
            {
                "batch_id": batch,
                "source": source,
                "files": [f"{source}.csv"],
                "sha256": ["0" * 64],
                "rows_read": 0,
                "rows_loaded": 0,
                "rows_quarantined": 0,
                "period_start": date(2021, 1, 1),
                "period_end": date(2023, 12, 1),
                "imported_by": "test",
                "imported_at": datetime(2024, 1, 5, 9, batch),
                "mapping_profile": None,
                "replaced_batches": [REPLACED_BATCH] if batch == 1 else None,
                "replaced_by": 1 if batch == REPLACED_BATCH else None,
            }
        )
    return pd.DataFrame(rows)


def build_small_warehouse(
    path: Path, seed: int = SEED, gap_month: date | None = GAP_MONTH
) -> SmallWarehouse:
    """Create and fill the warehouse at ``path``; return it with the rows inserted.

    ``gap_month=None`` leaves no gap: the three years are then complete calendar years, which
    emerging and persistent hot-spot categories need (the gap takes 2022 out of them).
    """
    from svduty.warehouse import connect

    rng = np.random.default_rng(seed)
    areas, grid = _geography()
    crimes = _crimes(grid, rng, gap_month)
    police_uk = _police_uk(rng)
    frames = {
        "areas": areas,
        "population": _population(rng),
        "area_indicators": _deprivation(grid, rng),
        "crimes": pd.concat([crimes, police_uk], ignore_index=True),
        "crime_people": _people(crimes, rng),
        **_partner_tables(rng),
    }
    frames["batches"] = _batches()
    con = connect(path)
    try:
        for table, frame in frames.items():
            columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
            con.register("frame", frame[columns])
            con.execute(f"INSERT INTO {table} SELECT * FROM frame")
            con.unregister("frame")
    finally:
        con.close()
    frames["grid"] = grid
    return SmallWarehouse(path=path, frames=frames)


def expected_serious_violence(crimes: pd.DataFrame) -> pd.DataFrame:
    """TEST_DEFINITION recomputed in plain pandas on the force rows: an independent oracle."""
    force = crimes[crimes.source == "police-crimes"].copy()
    knife = force.knife.fillna(False).astype(bool)
    force["sv_homicide"] = force.ho_code == "1"
    force["sv_serious_wounding"] = force.ho_code == "5D"
    force["sv_robbery"] = force.ho_code.isin(["34A", "34B"])
    force["sv_rape"] = force.ho_code == "19C"
    force["sv_knife_enabled"] = force.ho_code.isin(list(KNIFE_CODES)) & knife
    tags = ["sv_homicide", "sv_serious_wounding", "sv_robbery", "sv_rape", "sv_knife_enabled"]
    force["is_serious_violence"] = force[tags].any(axis=1)
    return force


def make_test_definition():
    from svduty.definitions import parse_definition

    return parse_definition(TEST_DEFINITION_YAML, "tests/analysis/conftest.py")


def open_context(
    warehouse: SmallWarehouse | Path,
    definition=None,
    area_code: str | None = None,
    start_month: date | None = None,
    end_month: date | None = None,
):
    """An AnalysisContext on the warehouse (read-only), TEST_DEFINITION unless given."""
    from svduty.analysis.context import AnalysisContext, Scope
    from svduty.warehouse import ibis_connect

    path = warehouse.path if isinstance(warehouse, SmallWarehouse) else warehouse
    con = ibis_connect(path, read_only=True)
    scope = Scope(
        definition=definition or make_test_definition(),
        area_code=area_code,
        start_month=start_month,
        end_month=end_month,
    )
    return AnalysisContext(con, scope)


@pytest.fixture(scope="session")
def small_warehouse(tmp_path_factory: pytest.TempPathFactory) -> SmallWarehouse:
    """The small warehouse, built once per test session (read it, never write to it)."""
    path = tmp_path_factory.mktemp("analysis") / "warehouse.duckdb"
    return build_small_warehouse(path)


@pytest.fixture
def context(small_warehouse: SmallWarehouse):
    """An AnalysisContext on the whole small warehouse under TEST_DEFINITION."""
    ctx = open_context(small_warehouse)
    yield ctx
    ctx.con.disconnect()


def modified_copy(warehouse: SmallWarehouse, target: Path, *statements: str) -> Path:
    """A copy of the small warehouse at ``target`` with SQL ``statements`` applied to it."""
    import shutil

    import duckdb

    shutil.copyfile(warehouse.path, target)
    con = duckdb.connect(str(target))
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()
    return target
