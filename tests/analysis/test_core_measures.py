"""Section 11 (core measures) against plain pandas, with quarters from pandas' Q-MAR periods."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from scipy.stats import binomtest

from svduty.analysis import core_measures
from svduty.reference import knife_selected_codes
from tests.analysis.conftest import modified_copy, open_context
from tests.analysis.oracle import one_sentence
from tests.analysis.partner_data import build_empty_warehouse, insert_rows


def fy_quarter(when: pd.Series) -> pd.Series:
    periods = pd.to_datetime(when).dt.to_period("Q-MAR")  # financial year ending March
    return pd.Series(
        [f"{p.qyear - 1}/{p.qyear % 100:02d} Q{p.quarter}" for p in periods], index=when.index
    )


@pytest.fixture(scope="module")
def frame(small_warehouse):
    ctx = open_context(small_warehouse.path)
    try:
        yield core_measures.compute(ctx).table("core_measures_quarterly").frame.set_index("quarter")
    finally:
        ctx.con.disconnect()


def test_quarters_are_financial_and_complete(frame):
    assert frame.index[0] == "2020/21 Q4"  # January-March 2021
    assert frame.index[-1] == "2023/24 Q3"  # October-December 2023
    assert len(frame) == 12
    assert (frame.months_in_period == 3).all()
    assert frame.quarter_start.iloc[1] == date(2021, 4, 1)


def test_police_measures(frame, small_warehouse):
    crimes = small_warehouse["crimes"]
    force = crimes[crimes.source == "police-crimes"]
    quarter = fy_quarter(force.occurred_month)
    homicide = force.ho_code.isin(["1", "4/1", "4/2", "4/10", "1/4.1/4.10/4.2"])
    knife = force.knife.fillna(False).astype(bool) & force.ho_code.isin(knife_selected_codes())
    expected_h = homicide.groupby(quarter).sum().reindex(frame.index, fill_value=0)
    expected_k = knife.groupby(quarter).sum().reindex(frame.index, fill_value=0)
    assert frame.homicide.tolist() == expected_h.tolist()
    assert frame.knife_enabled_serious_violence.tolist() == expected_k.tolist()


def test_sharp_object_admissions(frame, small_warehouse):
    adm = small_warehouse["hospital_admissions"]
    sharp = adm[adm.icd10_cause.str[:3] == "X99"]
    quarter = fy_quarter(sharp.admission_date)
    all_ages = sharp.groupby(quarter).size().reindex(frame.index, fill_value=0)
    young = (sharp.age < 25).groupby(quarter).sum().reindex(frame.index, fill_value=0)
    assert frame.sharp_object_admissions_all_ages.tolist() == all_ages.tolist()
    assert frame.sharp_object_admissions_under_25.tolist() == young.tolist()
    assert frame.sharp_object_admissions_all_ages.sum() > 0


def test_scope_period_limits_quarters(small_warehouse):
    ctx = open_context(
        small_warehouse.path, start_month=date(2022, 4, 1), end_month=date(2023, 3, 1)
    )
    try:
        frame = core_measures.compute(ctx).table("core_measures_quarterly").frame
    finally:
        ctx.con.disconnect()
    assert frame.quarter.tolist() == [f"2022/23 Q{q}" for q in (1, 2, 3, 4)]


def test_proxy_definition_keeps_only_admissions(small_warehouse):
    from svduty.definitions import load_definition

    ctx = open_context(small_warehouse.path, definition=load_definition("police-uk-proxy"))
    try:
        table = core_measures.compute(ctx).table("core_measures_quarterly")
    finally:
        ctx.con.disconnect()
    assert "homicide" not in table.frame.columns
    assert "sharp_object_admissions_all_ages" in table.frame.columns
    assert "Police measures are absent" in table.notes


def test_nothing_to_count_is_one_sentence(tmp_path):
    ctx = open_context(build_empty_warehouse(tmp_path / "empty.duckdb"))
    try:
        result = core_measures.compute(ctx)
    finally:
        ctx.con.disconnect()
    assert not result.available and one_sentence(result.unavailable)


def test_partial_quarters_are_marked(small_warehouse):
    ctx = open_context(
        small_warehouse.path, start_month=date(2022, 5, 1), end_month=date(2022, 12, 1)
    )
    try:
        frame = core_measures.compute(ctx).table("core_measures_quarterly").frame
    finally:
        ctx.con.disconnect()
    assert frame.quarter.tolist() == ["2022/23 Q1", "2022/23 Q2", "2022/23 Q3"]
    assert frame.months_in_period.tolist() == [2, 3, 3]


# -- a hand-built area: every figure below is worked out by hand ---------------------------------

A, B, OUTSIDE = "E01000001", "E01000002", "E01000003"
#: 2022: 6,000 + 4,000 residents; 2023: 6,000 + 6,000.
POPULATION = {(A, 2022): 6000, (B, 2022): 4000, (A, 2023): 6000, (B, 2023): 6000}
GAP = date(2023, 8, 1)  # no crime recorded: 2023/24 Q2 (Jul-Sep 2023) is not complete
#: knife-flagged 8N per month start: 2022/23 Q1 5, Q2 4; 2023/24 Q1 30, Q2 6
KNIFE = {date(2022, 4, 1): 5, date(2022, 7, 1): 4, date(2023, 4, 1): 30, date(2023, 7, 1): 6}


def _month_range(first: date, last: date) -> list[date]:
    return [stamp.date() for stamp in pd.date_range(first, last, freq="MS")]


def _crime_row(ref: str, code: str, month: date, lsoa: str = A, knife: bool = False) -> dict:
    return {
        "batch_id": 1,
        "source": "police-crimes",
        "crime_ref": ref,
        "ho_code": code,
        "occurred_month": month,
        "occurred_date": month,
        "lsoa_code": lsoa,
        "knife": knife,
        "firearm": False,
        "domestic_abuse": False,
        "location_type": "street",
    }


def _admission(month: date, cause: str, age: int, lsoa: str = A) -> dict:
    return {
        "batch_id": 3,
        "patient_key": f"p{month:%m%y}{age}{cause}",
        "admission_date": month.replace(day=15),
        "icd10_cause": cause,
        "age": age,
        "residence_lsoa": lsoa,
    }


@pytest.fixture(scope="module")
def hand_built(tmp_path_factory):
    from svduty.warehouse import connect

    crimes = []
    for month in _month_range(date(2022, 4, 1), date(2023, 9, 1)):
        if month != GAP:
            crimes.append(_crime_row(f"B{month:%y%m}", "28C", month, lsoa=B))  # burglary
    for month, count in KNIFE.items():
        crimes += [_crime_row(f"K{month:%y%m}{i}", "8N", month, knife=True) for i in range(count)]
    crimes += [
        _crime_row("H1", "1", date(2022, 5, 1)),
        _crime_row("H2", "4/1", date(2022, 11, 1)),
        _crime_row("H3", "1", date(2023, 6, 1)),
        _crime_row("H4", "1/4.1/4.10/4.2", date(2023, 7, 1), lsoa=B),
    ]
    people = [
        ("H1", "v1", "victim", 16),
        ("H1", "v2", "victim", 30),
        ("H1", "s1", "suspect", 19),
        ("H2", "v3", "victim", 20),
        ("H4", "v4", "victim", None),
        ("K22041", "v5", "victim", 18),  # not a homicide
    ]
    admissions = [
        _admission(date(2022, 4, 1), "X99", 15),
        _admission(date(2022, 5, 1), "X99", 17),
        _admission(date(2022, 5, 1), "X99.0", 18),
        _admission(date(2022, 6, 1), "X99", 24, lsoa=B),
        _admission(date(2022, 6, 1), "X99", 25),
        _admission(date(2022, 6, 1), "X99", 40),
        _admission(date(2022, 8, 1), "X99", 12),
        _admission(date(2022, 8, 1), "X85", 20),  # assault by other means
        _admission(date(2022, 8, 1), "W25", 19),  # accidental: never counted
        _admission(date(2022, 8, 1), "X99", 21, lsoa=OUTSIDE),  # not a resident of the area
        _admission(date(2024, 1, 1), "X99", 22),  # after the period
    ]
    population = [
        {
            "batch_id": 2,
            "area_code": lsoa,
            "year": year,
            "age_band": "all",
            "sex": "all",
            "ethnicity": "all",
            "population": count,
        }
        for (lsoa, year), count in POPULATION.items()
    ]
    path = tmp_path_factory.mktemp("core") / "w.duckdb"
    con = connect(path)
    try:
        insert_rows(con, "crimes", pd.DataFrame(crimes))
        insert_rows(
            con,
            "crime_people",
            pd.DataFrame(
                [
                    {
                        "batch_id": 4,
                        "source": "police-people",
                        "crime_ref": ref,
                        "person_key": key,
                        "role": role,
                        "age": age,
                    }
                    for ref, key, role, age in people
                ]
            ),
        )
        insert_rows(con, "hospital_admissions", pd.DataFrame(admissions))
        insert_rows(con, "population", pd.DataFrame(population))
    finally:
        con.close()
    ctx = open_context(path)
    try:
        yield core_measures.compute(ctx)
    finally:
        ctx.con.disconnect()


def test_sharp_object_admissions_split_under_25_and_all_ages(hand_built):
    table = hand_built.table("core_measures_sharp_object_admissions")
    frame = table.frame.set_index("quarter")
    q1 = frame.loc["2022/23 Q1"]
    # 15, 17 | 18, 24 | 25, 40: the 24-year-old lives in B, also in the area
    assert (q1.aged_0_17, q1.aged_18_24, q1.under_25, q1.aged_25_plus) == (2, 2, 4, 2)
    assert (q1.age_unknown, q1.all_ages) == (0, 6)
    assert q1.under_25_share_pct == pytest.approx(100 * 4 / 6)
    q2 = frame.loc["2022/23 Q2"]  # X99 at 12; X85, W25 and a non-resident left out
    assert (q2.aged_0_17, q2.under_25, q2.all_ages) == (1, 1, 1)
    assert frame.all_ages.sum() == 7
    quarterly = hand_built.table("core_measures_quarterly").frame.set_index("quarter")
    assert quarterly.sharp_object_admissions_under_25.tolist() == frame.under_25.tolist()
    assert quarterly.sharp_object_admissions_all_ages.tolist() == frame.all_ages.tolist()
    assert "Of 7 hospital admissions" in hand_built.commentary[0]
    assert "71% were of people under 25" in hand_built.commentary[0]  # 5 of 7


def test_knife_rate_per_100k_against_the_same_quarter_a_year_earlier(hand_built):
    frame = hand_built.table("core_measures_knife_rate").frame.set_index("quarter")
    assert frame.knife_enabled_serious_violence.tolist() == [5, 4, 0, 0, 30, 6]
    # 5 offences over 10,000 residents x 3/12 of a year; 30 over 12,000 x 3/12
    assert frame.loc["2022/23 Q1", "rate_per_100k_a_year"] == pytest.approx(200.0)
    assert frame.loc["2022/23 Q2", "rate_per_100k_a_year"] == pytest.approx(160.0)
    assert frame.loc["2023/24 Q1", "rate_per_100k_a_year"] == pytest.approx(1000.0)
    assert frame.loc["2023/24 Q1", "population_year"] == 2023
    row = frame.loc["2023/24 Q1"]
    assert row.comparison == "compared"
    assert row.year_earlier_quarter == "2022/23 Q1"
    assert row.year_earlier_count == 5
    assert row.rate_ratio == pytest.approx(5.0)
    assert row.change_pct == pytest.approx(400.0)
    # exact interval: 30 of 35 offences, Clopper-Pearson on p, RR = p/(1-p) x 2,500/3,000
    low, high = binomtest(30, 35).proportion_ci(method="exact")
    assert row.ci_low == pytest.approx(low / (1 - low) * 2500 / 3000, rel=1e-9)
    assert row.ci_high == pytest.approx(high / (1 - high) * 2500 / 3000, rel=1e-9)
    assert row.ci_low > 1
    # 2023/24 Q2 holds the August 2023 gap: no rate, no comparison
    gap = frame.loc["2023/24 Q2"]
    assert not gap.complete and pd.isna(gap.rate_per_100k_a_year) and pd.isna(gap.rate_ratio)
    assert gap.comparison == "this quarter is not complete"
    assert frame.loc["2022/23 Q1", "comparison"] == "no same quarter a year earlier in the period"


def test_knife_finding_names_both_quarters_and_the_interval(hand_built):
    row = hand_built.table("core_measures_knife_rate").frame.set_index("quarter").loc["2023/24 Q1"]
    knife = [f for f in hand_built.findings if f.evidence == "core_measures_knife_rate"]
    assert [f.text for f in knife] == [
        "Knife-enabled serious violence was 1000.0 per 100,000 residents a year in 2023/24 Q1, "
        f"400% higher than in 2022/23 Q1 (rate ratio 5.00, 95% CI {row.ci_low:.2f} to "
        f"{row.ci_high:.2f})."
    ]
    sentence = next(c for c in hand_built.commentary if c.startswith("Knife-enabled"))
    assert "(30 offences) against 200.0 in 2022/23 Q1 (5)" in sentence
    assert sentence.endswith("a change larger than chance alone would explain.")


def test_homicide_victims_by_age_band(hand_built):
    frame = hand_built.table("core_measures_homicide_victims").frame.set_index("financial_year")
    assert frame.index.tolist() == ["2022/23", "2023/24"]
    assert frame.months_in_period.tolist() == [12, 6]
    first, second = frame.loc["2022/23"], frame.loc["2023/24"]
    # H1 (victims 16 and 30; its suspect is no victim) and H2 (victim 20)
    assert (first.homicides, first.victims_0_17, first.victims_18_24) == (2, 1, 1)
    assert (first.victims_under_25, first.victims_25_plus, first.victims_all_ages) == (2, 1, 3)
    assert first.homicides_without_victim_record == 0
    # H3 with no victim record; H4 (merged homicide code) with a victim of unknown age
    assert (second.homicides, second.victims_age_unknown, second.victims_all_ages) == (2, 1, 1)
    assert (second.victims_under_25, second.homicides_without_victim_record) == (0, 1)
    assert "Of fewer than 5 homicide victims recorded over the period, 50% were under 25." in (
        hand_built.commentary
    )


def test_without_victim_records_there_is_no_homicide_age_table(small_warehouse, tmp_path):
    path = modified_copy(small_warehouse, tmp_path / "w.duckdb", "DELETE FROM crime_people")
    ctx = open_context(path)
    try:
        result = core_measures.compute(ctx)
    finally:
        ctx.con.disconnect()
    names = [table.name for table in result.tables]
    assert "core_measures_homicide_victims" not in names
    assert "core_measures_knife_rate" in names


def test_small_counts_are_never_written_out():
    assert core_measures.count_words(0) == "0"
    assert core_measures.count_words(4) == "fewer than 5"
    assert core_measures.count_words(1234) == "1,234"
