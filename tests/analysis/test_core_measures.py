"""Section 11 (core measures) against plain pandas, with quarters from pandas' Q-MAR periods."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from svduty.analysis import core_measures
from svduty.reference import knife_selected_codes
from tests.analysis.conftest import open_context
from tests.analysis.oracle import one_sentence
from tests.analysis.partner_data import build_empty_warehouse


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
