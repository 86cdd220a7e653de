"""Section 7 (time) against plain-pandas recomputation on the small warehouse."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from svduty.analysis import time_of_day
from tests.analysis.conftest import GAP_MONTH, open_context
from tests.analysis.oracle import sv_crimes


@pytest.fixture(scope="module")
def result(small_warehouse):
    ctx = open_context(small_warehouse.path)
    yield time_of_day.compute(ctx)
    ctx.con.disconnect()


def _timed(small_warehouse) -> pd.DataFrame:
    crimes = sv_crimes(small_warehouse)
    crimes = crimes[crimes.occurred_at.notna()].copy()
    crimes["occurred_at"] = pd.to_datetime(crimes.occurred_at)
    return crimes


def test_hour_weekday_grid(result, small_warehouse):
    timed = _timed(small_warehouse)
    expected = timed.groupby([timed.occurred_at.dt.day_of_week, timed.occurred_at.dt.hour]).size()
    frame = result.table("time_hour_weekday").frame
    assert len(frame) == 7 * 24
    got = frame.set_index(["weekday_index", "hour"]).crimes
    got = got[got > 0]
    np.testing.assert_array_equal(got.sort_index().to_numpy(), expected.sort_index().to_numpy())
    assert list(got.sort_index().index) == [
        (int(d), int(h)) for d, h in expected.sort_index().index
    ]
    assert frame.loc[frame.weekday_index == 4, "weekday"].unique().tolist() == ["Friday"]


def test_month_of_year(result, small_warehouse):
    crimes = sv_crimes(small_warehouse)
    expected = pd.to_datetime(crimes.occurred_month).dt.month.value_counts().sort_index()
    frame = result.table("time_month_of_year").frame.set_index("month")
    np.testing.assert_array_equal(frame.crimes.reindex(expected.index), expected.to_numpy())
    # 2021-01 .. 2023-12, and July 2022 has no force rows (a gap, not a zero)
    seen = {m: 2 if m == GAP_MONTH.month else 3 for m in range(1, 13)}
    assert frame.months_with_data.to_dict() == seen
    np.testing.assert_allclose(frame.mean_per_month, frame.crimes / pd.Series(seen))
    assert result.commentary == []


def test_night_time_economy_window(result, small_warehouse):
    timed = _timed(small_warehouse)
    day, hour = timed.occurred_at.dt.day_of_week, timed.occurred_at.dt.hour
    # Friday and Saturday nights 22:00-02:59, written out hour by hour
    window = {(4, 22), (4, 23), (5, 0), (5, 1), (5, 2), (5, 22), (5, 23), (6, 0), (6, 1), (6, 2)}
    inside = int(sum((d, h) in window for d, h in zip(day, hour, strict=True)))
    outside = len(timed) - inside
    frame = result.table("time_night_time_economy").frame.set_index("window")
    row = frame.loc["night-time economy"]
    assert row.crimes == inside and frame.loc["other hours"].crimes == outside
    assert row.hours_per_week == len(window)
    assert row.share == pytest.approx(inside / len(timed))
    ratio = (inside / 10) / (outside / 158)
    se = np.sqrt(1 / inside + 1 / outside)
    z = norm.ppf(0.975)
    assert row.ratio == pytest.approx(ratio)
    assert row.ci_low == pytest.approx(ratio * np.exp(-z * se))
    assert row.ci_high == pytest.approx(ratio * np.exp(z * se))
    nte_findings = [f for f in result.findings if "night-time economy" in f.text]
    assert len(nte_findings) == int(row.ci_low > 1)


def test_no_serious_violence_is_one_sentence(tmp_path):
    from tests.analysis.oracle import one_sentence
    from tests.analysis.partner_data import build_empty_warehouse

    ctx = open_context(build_empty_warehouse(tmp_path / "empty.duckdb"))
    try:
        result = time_of_day.compute(ctx)
    finally:
        ctx.con.disconnect()
    assert not result.available and one_sentence(result.unavailable)


def test_proxy_data_without_times_gives_month_of_year_only(small_warehouse):
    from svduty.definitions import load_definition

    ctx = open_context(small_warehouse.path, definition=load_definition("police-uk-proxy"))
    try:
        result = time_of_day.compute(ctx)
    finally:
        ctx.con.disconnect()
    assert [table.name for table in result.tables] == ["time_month_of_year"]
    crimes = small_warehouse["crimes"]
    proxy = crimes[
        crimes.police_uk_crime_type.isin(
            ["Violence and sexual offences", "Robbery", "Possession of weapons"]
        )
    ]
    assert result.table("time_month_of_year").frame.crimes.sum() == len(proxy)
    assert result.findings == [] and len(result.commentary) == 1


def test_months_with_data_follow_the_scope(small_warehouse):
    # 2021-01 .. 2023-01: 25 months, 24 with data (July 2022 is the gap)
    ctx = open_context(
        small_warehouse.path, start_month=date(2021, 1, 1), end_month=date(2023, 1, 1)
    )
    try:
        frame = time_of_day.compute(ctx).table("time_month_of_year").frame.set_index("month")
    finally:
        ctx.con.disconnect()
    expected = {m: 3 if m == 1 else 1 if m == 7 else 2 for m in range(1, 13)}
    assert frame.months_with_data.to_dict() == expected
    crimes = sv_crimes(small_warehouse)
    month = pd.to_datetime(crimes.occurred_month)
    inside = crimes[(month >= "2021-01-01") & (month <= "2023-01-01")]
    assert frame.crimes.sum() == len(inside)


@pytest.mark.parametrize(
    ("start", "end", "held"),
    [
        (date(2022, 3, 1), date(2023, 4, 1), 13),  # 14 months, one a gap
        (date(2021, 6, 1), date(2023, 5, 1), 23),  # 24 months, but July 2022 holds no data
    ],
)
def test_month_of_year_needs_24_months_of_data(small_warehouse, start, end, held):
    ctx = open_context(small_warehouse.path, start_month=start, end_month=end)
    try:
        result = time_of_day.compute(ctx)
    finally:
        ctx.con.disconnect()
    assert "time_month_of_year" not in [table.name for table in result.tables]
    assert result.commentary == [
        "The month-of-year pattern is not shown: it needs at least 24 months of data, so that "
        f"every calendar month is seen at least twice, and the data holds {held}."
    ]
