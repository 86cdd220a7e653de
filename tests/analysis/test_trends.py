"""Section 3, trends: monthly series, rolling totals, rates with nearest-year population."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from svduty.analysis import trends

from .conftest import GAP_MONTH, expected_serious_violence


def _monthly(small_warehouse) -> pd.Series:
    rows = expected_serious_violence(small_warehouse["crimes"])
    sv = rows[rows.is_serious_violence]
    months = pd.date_range("2021-01-01", "2023-12-01", freq="MS").date
    return sv.groupby("occurred_month").size().reindex(months, fill_value=0)


def test_monthly_and_rolling(context, small_warehouse) -> None:
    want = _monthly(small_warehouse)
    got = trends.compute(context).table("trends_monthly").frame.set_index("month")
    assert list(got.serious_violence) == list(want)
    assert got.loc[GAP_MONTH, "serious_violence"] == 0
    rolling = np.convolve(want.to_numpy(), np.ones(12), mode="valid")
    assert got.rolling_12m.iloc[11:].to_numpy() == pytest.approx(rolling)
    assert got.rolling_12m.iloc[:11].isna().all()


def test_annual_rates_use_nearest_population_year(context, small_warehouse) -> None:
    want = _monthly(small_warehouse)
    by_year = want.groupby([m.year for m in want.index]).sum()
    pop = small_warehouse["population"]
    totals = pop[(pop.age_band == "all") & (pop.sex == "all") & (pop.ethnicity == "all")]
    totals = totals.groupby("year").population.sum()
    population = {2021: totals[2021], 2022: totals[2022], 2023: totals[2022]}  # 2023: nearest 2022
    annual = trends.compute(context).table("trends_annual").frame.set_index("year")
    for year in (2021, 2022, 2023):
        assert annual.loc[year, "serious_violence"] == by_year[year]
        assert annual.loc[year, "rate_per_1000"] == pytest.approx(
            1000 * by_year[year] / population[year]
        )
    assert annual.loc[2023, "population_year"] == 2022
    # change vs previous year, exact conditional binomial CI computed here from beta quantiles
    a, b = by_year[2023], by_year[2022]
    e1, e2 = population[2023], population[2022]
    low_p = stats.beta.ppf(0.025, a, b + 1)
    high_p = stats.beta.ppf(0.975, a + 1, b)
    assert annual.loc[2023, "rr_vs_previous"] == pytest.approx((a / e1) / (b / e2))
    assert annual.loc[2023, "rr_vs_previous_ci_low"] == pytest.approx(low_p / (1 - low_p) * e2 / e1)
    assert annual.loc[2023, "rr_vs_previous_ci_high"] == pytest.approx(
        high_p / (1 - high_p) * e2 / e1
    )
    base = by_year[2021]
    assert annual.loc[2023, "change_pct_vs_baseline"] == pytest.approx(
        100 * ((a / e1) / (base / population[2021]) - 1)
    )
    assert np.isnan(annual.loc[2021, "rr_vs_previous"])


def test_seasonality_index(context, small_warehouse) -> None:
    want = _monthly(small_warehouse)
    frame = pd.DataFrame({"count": want.to_numpy(), "moy": [m.month for m in want.index]})
    means = frame.groupby("moy")["count"].mean()
    index = 100 * means / frame["count"].mean()
    got = trends.compute(context).table("trends_seasonality").frame.set_index("month_of_year")
    assert got["index"].to_numpy() == pytest.approx(index.to_numpy())
    assert got.months_observed.tolist() == [3] * 12
