"""Sample County shows what published needs assessments found, within the stated tolerances."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from svduty.synth import calibration
from svduty.synth.generate import generate
from svduty.synth.offences import offence_mix

from .conftest import northants_serious, read_extract

TARGET_NAMES = sorted(calibration.target_table())


@pytest.mark.parametrize("name", TARGET_NAMES)
def test_every_calibration_target_is_met(manifest: dict, name: str) -> None:
    spec = manifest["calibration_targets"][name]
    achieved = manifest["achieved"][name]
    assert spec["low"] <= achieved <= spec["high"], f"{name}: {achieved} not in {spec}"


def test_manifest_records_no_unmet_target(manifest: dict) -> None:
    assert manifest["unmet_targets"] == []
    assert set(manifest["achieved"]) == set(manifest["calibration_targets"])


def test_serious_violence_share_and_mix_recomputed_from_codes(crimes, manifest) -> None:
    flags = northants_serious(crimes)
    share = flags["serious"].mean()
    serious = flags[flags["serious"]]
    assert share == pytest.approx(manifest["achieved"]["serious_violence_share"], abs=5e-4)
    assert 0.060 <= share <= 0.082
    assert serious["sexual"].mean() == pytest.approx(0.49, abs=0.05)
    assert serious["knife"].mean() == pytest.approx(0.259, abs=0.04)
    assert serious["robbery"].mean() == pytest.approx(0.173, abs=0.04)


def test_a_third_of_serious_violence_is_in_the_most_deprived_fifth(county, crimes) -> None:
    imd = read_extract(county, "imd.csv")
    decile = imd.set_index("LSOA code (2011)")[
        "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"
    ].astype(int)
    serious = crimes[northants_serious(crimes)["serious"]]
    in_deprived = serious["lsoa_code"].map(decile).isin([1, 2])
    lsoas_deprived = decile.isin([1, 2]).mean()
    assert in_deprived.mean() == pytest.approx(0.355, abs=0.045)
    # over-represented: a fifth of the LSOAs (as in England) hold over a third of it
    assert lsoas_deprived == pytest.approx(0.2)
    assert in_deprived.mean() > 1.6 * lsoas_deprived


def test_serious_violence_is_concentrated_but_no_lsoa_dominates(county, crimes) -> None:
    lsoas = read_extract(county, "imd.csv")["LSOA code (2011)"]
    serious = crimes[northants_serious(crimes)["serious"]]
    counts = serious["lsoa_code"].value_counts().reindex(lsoas, fill_value=0)
    top = counts.sort_values(ascending=False).head(int(np.ceil(0.05 * len(lsoas))))
    assert 0.20 <= top.sum() / counts.sum() <= 0.30  # real forces: 23-24%
    assert counts.max() / counts.sum() <= 0.04


def test_night_time_economy_peak_and_summer_high(crimes) -> None:
    serious = crimes[northants_serious(crimes)["serious"]]
    shifted = serious["ts"] - pd.Timedelta(hours=3)
    window = shifted.dt.day_of_week.isin([4, 5]) & (shifted.dt.hour >= 19)
    assert window.mean() > 2 * (10 / 168)  # more than twice the share of hours in the window
    month = serious["ts"].dt.month
    assert month.isin([6, 7, 8]).sum() > 1.1 * month.isin([12, 1, 2]).sum()
    licensed = crimes[crimes["location_type"] == "licensed_premises"]
    hour = licensed["ts"].dt.hour
    assert hour.isin([22, 23, 0, 1, 2]).mean() > 0.4


def test_most_ed_assaults_are_not_known_to_police(county, crimes) -> None:
    ed = read_extract(county, "ed_assaults.csv")
    ed["at"] = pd.to_datetime(ed["assault_at"].replace("", None), format="%Y-%m-%d %H:%M")
    violence_groups = {"Violence against the person", "Robbery", "Sexual offences"}
    mix = offence_mix()
    violent_codes = {c for c, g in zip(mix.code, mix.group, strict=True) if g in violence_groups}
    violent = crimes[crimes["ho_code"].isin(violent_codes | {"8U"})][["lsoa_code", "ts"]]
    timed = ed.dropna(subset=["at"]).rename(columns={"assault_lsoa": "lsoa_code"})
    nearest = pd.merge_asof(
        timed.sort_values("at"),
        violent.sort_values("ts"),
        left_on="at",
        right_on="ts",
        by="lsoa_code",
        direction="nearest",
        tolerance=pd.Timedelta(hours=2),
    )
    known = nearest["ts"].notna().sum() / len(ed)
    assert 0.18 <= known <= 0.33  # about a quarter known, three in four not


def test_hospital_admissions_are_assault_codes_with_plausible_sharp_share(county) -> None:
    admissions = read_extract(county, "hospital_admissions.csv")
    codes = admissions["icd10_cause"]
    letter, number = codes.str[0], codes.str[1:3].astype(int)
    assault = ((letter == "X") & (number >= 85)) | ((letter == "Y") & (number <= 9))
    assert assault.all()
    assert 0.15 <= (codes == "X99").mean() <= 0.25


def test_under_25s_over_represented_among_serious_violence_suspects(county, crimes) -> None:
    people = read_extract(county, "police_people.csv")
    serious_refs = set(crimes.loc[northants_serious(crimes)["serious"], "crime_ref"])
    suspects = people[(people["role"] == "suspect") & people["crime_ref"].isin(serious_refs)]
    ages = pd.to_numeric(suspects["age"], errors="coerce").dropna()
    population = read_extract(county, "population.csv")
    population["population"] = population["population"].astype(int)
    residents = population.groupby("age_band")["population"].sum()
    rate_young = ages.between(18, 24).sum() / residents["18-24"]
    rate_older = (ages >= 25).sum() / residents["25+"]
    assert rate_young / rate_older >= 2.0


def test_cohort_sv_offenders_carry_more_risk_factors(county) -> None:
    frames = [read_extract(county, name) for name in ("youth_justice.csv", "probation.csv")]
    cohort = pd.concat(frames, keys=["yj", "probation"]).reset_index(level=0, names="source")
    cohort["sv"] = cohort["ho_code"].isin(calibration.COHORT_SV_CODES)
    for flag in calibration.COHORT_FLAGS:
        cohort[flag] = cohort[flag] == "Y"
    columns = ["sv", *calibration.COHORT_FLAGS]
    persons = cohort.groupby(["source", "person_id"])[columns].max()
    for flag in calibration.COHORT_FLAGS:
        ratio = persons.loc[persons["sv"], flag].mean() / persons.loc[~persons["sv"], flag].mean()
        assert 1.5 <= ratio <= 3.0, flag


def test_case_study_triggers_cluster_at_their_ages(county) -> None:
    events = read_extract(county, "case_studies.csv")
    events["age"] = events["age_at_event"].astype(int)
    for event, (_peak, low, high) in calibration.TRIGGER_PEAK_AGES.items():
        ages = events.loc[events["event_type"] == event, "age"]
        assert len(ages) >= 20, event
        assert low <= ages.median() <= high, event
    order = events.groupby("event_type")["age"].median()
    assert order["witnessed_domestic_abuse"] < order["school_exclusion"]
    assert order["school_exclusion"] <= order["criminal_exploitation"]


@pytest.mark.slow
def test_five_year_county_meets_every_target(tmp_path: Path) -> None:
    manifest = generate(tmp_path, scale="county", years=5, seed=7)
    assert manifest["unmet_targets"] == []
    written = json.loads((tmp_path / "manifest.json").read_text())
    assert written["period"] == {"start": "2020-01", "end": "2024-12"}
    # 34,000 a year, less what the 2020-21 lockdowns took
    assert 160_000 <= written["files"]["police_crimes.csv"] <= 170_000
