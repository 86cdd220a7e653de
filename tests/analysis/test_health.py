"""Section 8 (health) against plain-pandas recomputation, and the ED-police matching rule at its
edges on a hand-made warehouse."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svduty.analysis import health
from svduty.reference import offence_codes
from tests.analysis.conftest import open_context
from tests.analysis.oracle import age_band, one_sentence
from tests.analysis.partner_data import ED_CASES, build_empty_warehouse, build_matching_warehouse


@pytest.fixture(scope="module")
def result(small_warehouse):
    ctx = open_context(small_warehouse.path)
    yield health.compute(ctx)
    ctx.con.disconnect()


def _ed(small_warehouse) -> pd.DataFrame:
    ed = small_warehouse["ed_assaults"]
    ed["when"] = pd.to_datetime(ed.assault_at.fillna(ed.arrival_at))
    return ed


def test_ed_by_hour_and_weekday_uses_assault_time_else_arrival(result, small_warehouse):
    ed = _ed(small_warehouse)
    expected = ed.groupby([ed.when.dt.day_of_week, ed.when.dt.hour]).size().sort_index()
    frame = result.table("health_ed_hour_weekday").frame
    assert len(frame) == 168 and frame.assaults.sum() == len(ed)
    got = frame.set_index(["weekday_index", "hour"]).assaults
    got = got[got > 0].sort_index()
    np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())


@pytest.mark.parametrize("column", ["location_type", "assault_method"])
def test_ed_by_location_type_and_method(result, small_warehouse, column):
    expected = small_warehouse["ed_assaults"][column].value_counts()
    frame = result.table(f"health_ed_{column}").frame.set_index(column)
    pd.testing.assert_series_equal(
        frame.assaults.sort_index(), expected.sort_index(), check_names=False, check_dtype=False
    )
    np.testing.assert_allclose(frame.share, frame.assaults / len(small_warehouse["ed_assaults"]))


def test_ed_police_match_by_brute_force(result, small_warehouse):
    ed = _ed(small_warehouse).reset_index(drop=True)
    crimes = small_warehouse["crimes"]
    groups = {c: o.offence_group for c, o in offence_codes().items()}
    violent = crimes[
        (crimes.source == "police-crimes")
        & crimes.occurred_at.notna()
        & crimes.lsoa_code.notna()
        & crimes.ho_code.map(groups).isin(
            ["Violence against the person", "Robbery", "Sexual offences"]
        )
    ]
    window = pd.Timedelta(hours=2)
    matched = 0
    for item in ed.itertuples():
        here = violent[violent.lsoa_code == item.assault_lsoa]
        gap = (pd.to_datetime(here.occurred_at) - item.when).abs()
        matched += bool((gap <= window).any())
    frame = result.table("health_ed_police_match").frame.set_index("measure").assaults
    assert frame["matching a police record"] == matched
    assert frame["with no matching police record"] == len(ed) - matched
    assert matched > 0  # the fixture has some of each


def test_matching_rule_at_its_edges(tmp_path):
    ctx = open_context(build_matching_warehouse(tmp_path / "match.duckdb"))
    try:
        result = health.compute(ctx)
    finally:
        ctx.con.disconnect()
    frame = result.table("health_ed_police_match").frame.set_index("measure")
    expected_matches = sum(case[-1] for case in ED_CASES)
    without_place = sum(case[3] is None for case in ED_CASES)
    assert frame.assaults["ED assaults in scope"] == len(ED_CASES)
    assert frame.assaults["with no assault LSOA (cannot be matched)"] == without_place
    assert frame.assaults["matching a police record"] == expected_matches
    unmatched = len(ED_CASES) - without_place - expected_matches
    assert frame.assaults["with no matching police record"] == unmatched
    share = frame.share_of_matchable["with no matching police record"]
    assert share == pytest.approx(unmatched / (len(ED_CASES) - without_place))
    assert "±2 hours" in result.table("health_ed_police_match").notes
    assert [f.text[:3] for f in result.findings] == ([f"{share:.0%}"[:3]] if share >= 0.5 else [])
    assert any("No hospital admission data" in line for line in result.commentary)


def test_admissions_by_year_and_age_band(result, small_warehouse):
    adm = small_warehouse["hospital_admissions"].copy()
    adm["year"] = pd.to_datetime(adm.admission_date).dt.year.astype("int64")
    adm["age_band"] = age_band(adm.age.astype(float))
    adm["sharp"] = adm.icd10_cause.str[:3] == "X99"
    expected = adm.groupby(["year", "age_band"]).agg(
        assault_admissions=("sharp", "size"), sharp_object_admissions=("sharp", "sum")
    )
    frame = result.table("health_admissions").frame.set_index(["year", "age_band"])
    got = frame[frame.assault_admissions > 0][list(expected.columns)]
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index(), check_dtype=False)


def test_admissions_never_count_non_assault_sharp_causes(tmp_path):
    from datetime import date

    from svduty.warehouse import connect
    from tests.analysis.partner_data import insert_rows

    path = build_empty_warehouse(tmp_path / "adm.duckdb")
    rows = pd.DataFrame(
        {
            "batch_id": 1,
            "patient_key": ["a", "b", "c", "d", "e"],
            "admission_date": [date(2023, 5, 1)] * 5,
            "icd10_cause": ["X99.1", "W26", "X78", "Y28", "Y04"],
            "age": [20, 20, 20, 20, 40],
        }
    )
    con = connect(path)
    insert_rows(con, "hospital_admissions", rows)
    con.close()
    ctx = open_context(path)
    try:
        frame = health.compute(ctx).table("health_admissions").frame
    finally:
        ctx.con.disconnect()
    assert frame.assault_admissions.sum() == 2 and frame.sharp_object_admissions.sum() == 1


def test_no_health_data_is_one_sentence(tmp_path):
    ctx = open_context(build_empty_warehouse(tmp_path / "empty.duckdb"))
    try:
        result = health.compute(ctx)
    finally:
        ctx.con.disconnect()
    assert not result.available and one_sentence(result.unavailable)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.datetimes(min_value=datetime(2019, 1, 1), max_value=datetime(2026, 1, 1)),
            st.integers(
                min_value=-health.MATCH_WINDOW_HOURS * 3600,
                max_value=health.MATCH_WINDOW_HOURS * 3600,
            ),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_times_within_the_window_fall_in_the_same_or_adjacent_slots(pairs):
    import ibis

    first = [when.replace(microsecond=0) for when, _ in pairs]
    second = [
        when + timedelta(seconds=gap)
        for when, gap in zip(first, (g for _, g in pairs), strict=True)
    ]
    table = ibis.memtable({"a": first, "b": second}, schema={"a": "timestamp", "b": "timestamp"})
    slots = table.select(a=health._slot(table.a), b=health._slot(table.b))
    frame = ibis.duckdb.connect().execute(slots)
    assert ((frame.a - frame.b).abs() <= 1).all()
