"""Sample County looks like England and Wales: homicide, knife crime, concentration, deprivation
gradient and the 2020-21 lockdowns (issue 13, item 9).

The figures on the demo county (5 years, 2020-2024, the default seed) are recomputed here with
pandas from the written files, independently of ``svduty.synth.measures``; the measuring and
generating helpers are checked on small inputs whose answers are worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from svduty.reference import HOMICIDE_COMPONENTS, knife_selected_codes
from svduty.synth.calibration import LOCKDOWN_MONTHS, PUBLIC_PLACES, TARGETS
from svduty.synth.measures import _deprivation_gradient, _lockdown_changes
from svduty.synth.offences import offence_mix
from svduty.synth.timing import Restrictions, restricted_share
from svduty.synth.world import _with_visitors, gradient, place_effect

from .conftest import northants_serious, read_extract

IMD_DECILE = "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"
BASELINE_YEARS = (2022, 2023, 2024)


@pytest.fixture(scope="module")
def person_years(county: Path) -> pd.Series:
    """Residents summed over every year of the period, per LSOA."""
    population = read_extract(county, "population.csv")
    return population["population"].astype(int).groupby(population["area_code"]).sum()


def _within(name: str, value: float) -> None:
    target = TARGETS[name]
    assert target.low <= value <= target.high, f"{name}: {value} not in {target}"


def test_homicide_rate_is_england_and_wales_like(crimes, person_years, manifest) -> None:
    homicides = crimes["ho_code"].isin(HOMICIDE_COMPONENTS).sum()
    rate = homicides / person_years.sum() * 1e6
    assert rate == pytest.approx(manifest["achieved"]["homicide_per_million"], abs=0.01)
    _within("homicide_per_million", rate)  # England and Wales: 9.9-11.7
    assert 8 <= homicides / 5 / (person_years.sum() / 5 / 1e6) <= 15


def test_knife_crime_rate_is_england_and_wales_like(crimes, person_years, manifest) -> None:
    knife = (crimes["knife"] == "Y") & crimes["ho_code"].isin(knife_selected_codes())
    rate = knife.sum() / person_years.sum() * 1000
    assert rate == pytest.approx(manifest["achieved"]["knife_offences_per_thousand"], abs=1e-3)
    _within("knife_offences_per_thousand", rate)  # England and Wales: about 0.85


def test_concentration_like_real_forces(county, crimes, manifest) -> None:
    lsoas = read_extract(county, "imd.csv")["LSOA code (2011)"]
    counts = (
        crimes.loc[northants_serious(crimes)["serious"], "lsoa_code"]
        .value_counts()
        .reindex(lsoas, fill_value=0)
    )
    ranked = counts.sort_values(ascending=False)
    top = ranked.head(20).sum() / counts.sum()  # 5% of 400 LSOAs
    assert top == pytest.approx(manifest["achieved"]["top5pct_lsoa_share"], abs=1e-4)
    _within("top5pct_lsoa_share", top)
    _within("max_lsoa_share", ranked.iloc[0] / counts.sum())
    # still concentrated: the top 5% hold several times their share
    assert top > 4 * 0.05


def test_serious_violence_falls_with_every_decile(county, crimes, person_years, manifest) -> None:
    decile = read_extract(county, "imd.csv").set_index("LSOA code (2011)")[IMD_DECILE].astype(int)
    serious = (
        crimes.loc[northants_serious(crimes)["serious"], "lsoa_code"].map(decile).value_counts()
    )
    residents = person_years.groupby(decile.reindex(person_years.index)).sum()
    rates = (serious / residents).sort_index()
    assert list(rates.index) == list(range(1, 11))
    assert rates.is_monotonic_decreasing and rates.is_unique  # every decile below the one before
    ratio = rates[1] / rates[10]
    assert ratio == pytest.approx(manifest["achieved"]["deprivation_decile_ratio"], abs=1e-3)
    _within("deprivation_decile_ratio", ratio)
    assert manifest["achieved"]["deprivation_gradient_breaks"] == 0


def _lockdown_change(crimes: pd.DataFrame, rows: pd.Series) -> float:
    """Lockdown months' count over the mean count of the same months of 2022-2024, minus one."""
    year, month = crimes["ts"].dt.year, crimes["ts"].dt.month
    during = sum((rows & (year == y) & (month == m)).sum() for y, m in LOCKDOWN_MONTHS)
    months = sorted({m for _, m in LOCKDOWN_MONTHS})
    usual = (rows & year.isin(BASELINE_YEARS) & month.isin(months)).sum() / len(BASELINE_YEARS)
    return during / usual - 1


def test_lockdowns_emptied_public_places_not_homes(crimes, manifest) -> None:
    mix = offence_mix()
    group = crimes["ho_code"].map(dict(zip(mix.code, mix.group, strict=True)))
    da = crimes["domestic_abuse"] == "Y"
    public = (group == "Violence against the person") & ~da
    public &= crimes["location_type"].isin(PUBLIC_PLACES)
    changes = {
        "lockdown_public_violence_change": _lockdown_change(crimes, public),
        "lockdown_robbery_change": _lockdown_change(crimes, crimes["ho_code"].isin(["34A", "34B"])),
        "lockdown_domestic_abuse_change": _lockdown_change(crimes, da),
    }
    for name, change in changes.items():
        assert change == pytest.approx(manifest["achieved"][name], abs=1e-3), name
        _within(name, change)
    # the first lockdown's deepest month: public violence well down, domestic abuse not
    april = (crimes["ts"].dt.month == 4) & (crimes["ts"].dt.year == 2020)
    later = (crimes["ts"].dt.month == 4) & crimes["ts"].dt.year.isin(BASELINE_YEARS)
    assert (public & april).sum() < 0.85 * (public & later).sum() / 3
    assert (da & april).sum() > 0.95 * (da & later).sum() / 3


def test_deprivation_gradient_on_a_hand_worked_county() -> None:
    db = duckdb.connect()
    # ten LSOAs, one per decile, 1,000 person-years each; serious violence 10, 9, ... 1
    db.execute(
        "CREATE TEMP TABLE imd AS SELECT 'L' || d AS lsoa_code, d AS decile FROM range(1, 11) t(d)"
    )
    db.execute("CREATE TEMP TABLE residents AS SELECT lsoa_code, 1000 AS person_years FROM imd")
    db.execute("""CREATE TEMP TABLE sv AS SELECT lsoa_code FROM imd, range(11 - decile) t(i)""")
    assert _deprivation_gradient(db) == {
        "deprivation_decile_ratio": 10.0,  # 10 / 1,000 over 1 / 1,000
        "deprivation_gradient_breaks": 0.0,
    }
    # two more crimes in decile 6 lift it to 7, above decile 5's 6: one step rises
    db.execute("INSERT INTO sv VALUES ('L6'), ('L6')")
    assert _deprivation_gradient(db)["deprivation_gradient_breaks"] == 1.0
    # decile 10 with no serious violence at all: no ratio to give
    db.execute("DELETE FROM sv WHERE lsoa_code = 'L10'")
    assert _deprivation_gradient(db) == {}


def test_lockdown_changes_on_hand_worked_months() -> None:
    db = duckdb.connect()
    db.execute(
        """CREATE TEMP TABLE crimes (ts TIMESTAMP, ho_code VARCHAR, domestic_abuse BOOLEAN,
           location_type VARCHAR)"""
    )
    rows = []
    for year in (2020, 2021, 2022, 2023):
        for month in range(1, 13):
            lockdown = (year, month) in LOCKDOWN_MONTHS
            # robbery: 10 a month, 6 in a lockdown month; domestic abuse: 5, 6 in lockdown
            robberies = 6 if lockdown else 10
            domestic = 6 if lockdown else 5
            rows += [(f"{year}-{month:02d}-15", "34B", False, "street")] * robberies
            rows += [(f"{year}-{month:02d}-15", "8N", True, "dwelling")] * domestic
            rows += [(f"{year}-{month:02d}-15", "8N", False, "street")] * (2 if lockdown else 4)
    db.executemany("INSERT INTO crimes VALUES (?, ?, ?, ?)", rows)
    assert _lockdown_changes(db) == {
        "lockdown_public_violence_change": -0.5,  # 2 a month against 4
        "lockdown_robbery_change": -0.4,  # 6 against 10
        "lockdown_domestic_abuse_change": 0.2,  # 6 against 5
    }
    db.execute("DELETE FROM crimes WHERE year(ts) > 2021")  # nothing left to compare with
    assert _lockdown_changes(db) == {}


def test_gradient_falls_by_the_ratio_from_decile_1_to_decile_10() -> None:
    england = 32_844
    # ranks at the 5%, 50% and 95% points of the national ranking
    ranks = np.array([0.05, 0.5, 0.95]) * england + 0.5
    assert gradient(ranks, 2.7) == pytest.approx([1.0, 2.7**-0.5, 1 / 2.7])


def test_place_effect_is_bounded_and_averages_one_in_each_decile() -> None:
    rng = np.random.default_rng(5)
    decile = np.repeat(np.arange(1, 11), 40)
    residents = rng.integers(1000, 3000, size=400).astype(float)
    effect = place_effect(decile, residents, rng)
    for d in range(1, 11):
        members = decile == d
        weighted = (effect[members] * residents[members]).sum() / residents[members].sum()
        assert weighted == pytest.approx(1.0)
        # a lognormal with sd 1.2 clipped at 1.6 sd either way, rescaled as a whole: within a
        # decile no LSOA is more than exp(2 x 1.6 x 1.2) = 46.5 times another
        assert effect[members].max() / effect[members].min() <= np.exp(2 * 1.6 * 1.2) + 1e-9


def test_visitors_are_added_in_units_of_an_average_lsoa() -> None:
    at_home = np.array([1.0, 2.0, 3.0])  # mean 2
    assert _with_visitors(at_home, np.array([0.0, 0.0, 2.0])).tolist() == [1.0, 2.0, 7.0]


def test_restrictions_thin_by_place_and_spare_domestic_abuse() -> None:
    rules = Restrictions(public=0.7, night=0.3, home=0.95, domestic=1.06)
    location = np.array(["street", "licensed_premises", "dwelling", "street", "custody"])
    domestic = np.array([False, False, False, True, False])
    assert restricted_share(rules, location, domestic).tolist() == [0.7, 0.3, 0.95, 1.06, 0.95]
    assert rules.ceiling == 1.06
