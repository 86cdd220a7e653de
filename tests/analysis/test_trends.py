"""Section 3, trends: monthly series with gaps, rolling totals, complete-year comparisons."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from svduty.analysis import trends
from svduty.analysis.periods import month_span

from .conftest import GAP_MONTH, expected_serious_violence

#: A claim of change: what no part-year comparison may produce.
CLAIM = re.compile(r"\b(rose|fell|higher|lower)\b|rate ratio", re.IGNORECASE)


def _monthly(small_warehouse) -> pd.Series:
    rows = expected_serious_violence(small_warehouse["crimes"])
    sv = rows[rows.is_serious_violence]
    months = pd.date_range("2021-01-01", "2023-12-01", freq="MS").date
    return sv.groupby("occurred_month").size().reindex(months, fill_value=0)


def _population(small_warehouse) -> dict[int, float]:
    pop = small_warehouse["population"]
    totals = pop[(pop.age_band == "all") & (pop.sex == "all") & (pop.ethnicity == "all")]
    totals = totals.groupby("year").population.sum()
    return {2021: totals[2021], 2022: totals[2022], 2023: totals[2022]}  # 2023: nearest 2022


def _exact(a: int, e1: float, b: int, e2: float) -> tuple[float, float, float]:
    """Rate ratio and exact conditional-binomial 95% CI, from beta quantiles."""
    low_p = stats.beta.ppf(0.025, a, b + 1)
    high_p = stats.beta.ppf(0.975, a + 1, b)
    return (a / e1) / (b / e2), low_p / (1 - low_p) * e2 / e1, high_p / (1 - high_p) * e2 / e1


def test_gap_month_has_no_count_and_breaks_the_rolling_total(context, small_warehouse) -> None:
    want = _monthly(small_warehouse)
    got = trends.compute(context).table("trends_monthly").frame.set_index("month")
    assert got.gap.tolist() == [month == GAP_MONTH for month in want.index]
    assert np.isnan(got.loc[GAP_MONTH, "serious_violence"])
    others = [month for month in want.index if month != GAP_MONTH]
    assert got.serious_violence[others].tolist() == want[others].tolist()
    months = list(want.index)
    for end in range(len(months)):
        window = months[end - 11 : end + 1] if end >= 11 else []
        if not window or GAP_MONTH in window:
            assert np.isnan(got.rolling_12m.iloc[end]), months[end]
        else:
            assert got.rolling_12m.iloc[end] == want[window].sum(), months[end]
    # windows ending 2021-12 .. 2022-06 and 2023-07 .. 2023-12 are the only whole ones
    assert got.rolling_12m.notna().sum() == 7 + 6


def test_calendar_years_count_only_months_with_data(context, small_warehouse) -> None:
    want = _monthly(small_warehouse)
    by_year = want.groupby([m.year for m in want.index]).sum()
    population = _population(small_warehouse)
    annual = trends.compute(context).table("trends_annual").frame.set_index("year")
    assert annual.months.tolist() == [12, 11, 12]
    assert annual.complete.tolist() == [True, False, True]
    assert annual.note.isna().tolist() == [True, False, True]
    assert annual.loc[2022, "note"] == "no data for July 2022"
    assert annual.loc[2023, "population_year"] == 2022
    person_years = {2021: population[2021], 2022: population[2022] * 11 / 12}
    person_years[2023] = population[2023]
    for year in (2021, 2022, 2023):
        assert annual.loc[year, "serious_violence"] == by_year[year]
        assert annual.loc[year, "person_years"] == pytest.approx(person_years[year])
        assert annual.loc[year, "rate_per_1000"] == pytest.approx(
            1000 * by_year[year] / person_years[year]
        )
    # 2022 holds a gap, so neither 2022 nor 2023 has a year-on-year change
    assert annual.rr_vs_previous.isna().all()
    # 2023 against the baseline 2021: both complete
    ratio, low, high = _exact(by_year[2023], population[2023], by_year[2021], population[2021])
    assert annual.loc[2023, "rr_vs_baseline"] == pytest.approx(ratio)
    assert annual.loc[2023, "rr_vs_baseline_ci_low"] == pytest.approx(low)
    assert annual.loc[2023, "rr_vs_baseline_ci_high"] == pytest.approx(high)
    assert annual.loc[2023, "change_pct_vs_baseline"] == pytest.approx(100 * (ratio - 1))
    assert annual.loc[[2021, 2022], "rr_vs_baseline"].isna().all()


def test_financial_years(context, small_warehouse) -> None:
    want = _monthly(small_warehouse)
    population = _population(small_warehouse)
    frame = trends.compute(context).table("trends_financial_years").frame
    assert frame.financial_year.tolist() == ["2020/21", "2021/22", "2022/23", "2023/24"]
    assert frame.months.tolist() == [3, 12, 11, 9]
    assert frame.complete.tolist() == [False, True, False, False]
    fy = frame.set_index("financial_year").loc["2021/22"]
    months = month_span(date(2021, 4, 1), date(2022, 3, 1))
    assert fy.serious_violence == want[months].sum()
    person_years = population[2021] * 9 / 12 + population[2022] * 3 / 12
    assert fy.person_years == pytest.approx(person_years)
    assert fy.population == pytest.approx(person_years)  # twelve months: mean residents
    assert frame.rr_vs_previous.isna().all() and frame.rr_vs_baseline.isna().all()


def test_commentary_states_the_baseline_and_flags_the_lockdown(context, small_warehouse) -> None:
    result = trends.compute(context)
    want = _monthly(small_warehouse)
    by_year = want.groupby([m.year for m in want.index]).sum()
    population = _population(small_warehouse)
    assert result.commentary[:4] == [
        "The data holds 35 of the 36 months from January 2021 to December 2023; July 2022 has "
        "no data (a gap, not a fall in violence), so no comparison uses a year that contains it.",
        "Complete calendar years: 2021 and 2023; not complete: 2022 (no data for July 2022).",
        "Complete financial years (April to March): 2021/22; not complete: 2020/21 (part year: "
        "January to March 2021 only); 2022/23 (no data for July 2022); 2023/24 (part year: "
        "April to December 2023 only).",
        "No year-on-year change is given: the data holds no two consecutive complete calendar "
        "years or financial years.",
    ]
    assert result.commentary[4].startswith(
        "The baseline is 2021, the first complete calendar year in the data; the baseline falls "
        "in the 2020–21 COVID-19 lockdowns (January to March 2021)"
    )
    ratio, low, high = _exact(by_year[2023], population[2023], by_year[2021], population[2021])
    change = f"2023 compared with 2021 (the baseline; rate ratio {ratio:.2f}"
    if low > 1 or high < 1:
        assert [f.text for f in result.findings] == [
            f"The rate of serious violence {'rose' if ratio > 1 else 'fell'} by "
            f"{abs(100 * (ratio - 1)):.0f}% in {change}, 95% CI {low:.2f} to {high:.2f})."
        ]
        assert len(result.commentary) == 5
    else:
        assert result.findings == []
        assert "within what chance alone could explain" in result.commentary[5]


def test_seasonality_leaves_out_the_gap_month(context, small_warehouse) -> None:
    want = _monthly(small_warehouse)
    held = want[[month != GAP_MONTH for month in want.index]]
    frame = pd.DataFrame({"count": held.to_numpy(), "moy": [m.month for m in held.index]})
    means = frame.groupby("moy")["count"].mean()
    index = 100 * means / frame["count"].mean()
    got = trends.compute(context).table("trends_seasonality").frame.set_index("month_of_year")
    assert got["index"].to_numpy() == pytest.approx(index.to_numpy())
    assert got.months_observed.tolist() == [3] * 6 + [2] + [3] * 5


def _series(counts: dict[tuple[int, int], int], per_month: float = np.nan) -> pd.DataFrame:
    months = sorted(date(year, month, 1) for year, month in counts)
    return pd.DataFrame(
        {
            "month": months,
            "serious_violence": [counts[(m.year, m.month)] for m in months],
            "person_years": per_month,
        }
    )


def _two_years(first: int, second: int) -> pd.DataFrame:
    counts = {(2021, m): first for m in range(1, 13)} | {(2022, m): second for m in range(1, 13)}
    return _series(counts)


@pytest.mark.parametrize(("first", "second", "word"), [(10, 20, "rose"), (20, 10, "fell")])
def test_year_on_year_sentence_on_a_crafted_series(first: int, second: int, word: str) -> None:
    monthly = _two_years(first, second)
    result = trends.from_monthly(monthly, list(monthly.month))
    # no population: exposure is 12 months a year, so the ratio is the count ratio
    ratio, low, high = _exact(12 * second, 12, 12 * first, 12)
    assert ratio == pytest.approx(second / first)
    assert [f.text for f in result.findings] == [
        f"The rate of serious violence {word} by {abs(100 * (ratio - 1)):.0f}% in 2022 "
        "compared with 2021 (complete calendar years; rate ratio "
        f"{ratio:.2f}, 95% CI {low:.2f} to {high:.2f})."
    ]
    assert result.findings[0].evidence == "trends_annual"
    # the baseline is 2021, the previous year: no second sentence saying the same
    assert not any(CLAIM.search(line) for line in result.commentary)
    assert any(line.startswith("The baseline is 2021,") for line in result.commentary)


def test_a_change_within_chance_is_commentary_not_a_finding() -> None:
    monthly = _two_years(10, 11)
    result = trends.from_monthly(monthly, list(monthly.month))
    ratio, low, high = _exact(132, 12, 120, 12)
    assert low < 1 < high
    assert result.findings == []
    assert (
        f"The rate of serious violence in 2022 was 10% higher than in 2021 (complete calendar "
        f"years; rate ratio {ratio:.2f}, 95% CI {low:.2f} to {high:.2f}), a difference within "
        "what chance alone could explain."
    ) in result.commentary


def test_part_year_is_compared_with_the_same_months_a_year_earlier() -> None:
    counts = {(2021, m): 10 for m in range(1, 13)} | {(2022, m): 20 for m in range(1, 7)}
    monthly = _series(counts, per_month=1000 / 12)  # 1,000 residents
    result = trends.from_monthly(monthly, list(monthly.month))
    table = result.table("trends_part_year").frame
    assert table.period.tolist() == ["January to June 2021", "January to June 2022"]
    assert table.serious_violence.tolist() == [60, 120]
    assert table.rate_per_1000.tolist() == pytest.approx([120.0, 240.0])  # 60 in half a year
    ratio, low, high = _exact(120, 500, 60, 500)
    assert table.rr_vs_year_earlier.iloc[1] == pytest.approx(ratio)
    assert table.rr_vs_year_earlier_ci_low.iloc[1] == pytest.approx(low)
    assert [f.text for f in result.findings] == [
        "The rate of serious violence rose by 100% in January to June 2022 compared with "
        "January to June 2021 (the same months of each year; rate ratio "
        f"{ratio:.2f}, 95% CI {low:.2f} to {high:.2f})."
    ]
    assert (
        "2022 is a part year (January to June 2022): it is compared only with the same months "
        "a year earlier (January to June 2021)."
    ) in result.commentary
    # one complete year on each basis: financial 2021/22 ends later, so it is the baseline
    assert (
        "The baseline is 2021/22, the first complete financial year (April to March) in the data."
    ) in result.commentary
    assert "The seasonality index is not shown" in result.commentary[-1]
    assert "trends_seasonality" not in [t.name for t in result.tables]


def test_five_months_make_no_claim() -> None:
    months = month_span(date(2018, 10, 1), date(2019, 2, 1))
    monthly = _series({(m.year, m.month): 100 + 10 * i for i, m in enumerate(months)})
    result = trends.from_monthly(monthly, months)
    assert result.findings == []
    assert not any(CLAIM.search(line) for line in result.commentary)
    annual = result.table("trends_annual").frame
    assert annual.complete.tolist() == [False, False]
    assert annual.rr_vs_previous.isna().all() and annual.rr_vs_baseline.isna().all()
    assert "trends_part_year" not in [t.name for t in result.tables]
    assert result.commentary[-1] == (
        "The seasonality index is not shown: it needs at least 24 months of data, so that every "
        "calendar month is seen at least twice, and the data holds 5."
    )


@pytest.mark.realdata
@pytest.mark.slow
def test_northamptonshire_five_months_make_no_year_on_year_claim(
    shared_data: Path, tmp_path: Path
) -> None:
    from svduty.analysis import time_of_day
    from svduty.analysis.context import AnalysisContext, Scope
    from svduty.definitions import load_definition
    from svduty.ingest import import_source
    from svduty.warehouse import ibis_connect

    warehouse = tmp_path / "warehouse.duckdb"
    archive = shared_data / "police_uk" / "northamptonshire-2018-10-to-2019-02.zip"
    import_source("police-uk", archive, warehouse=warehouse)
    con = ibis_connect(warehouse, read_only=True)
    try:
        ctx = AnalysisContext(con, Scope(load_definition("police-uk-proxy")))
        result = trends.compute(ctx)
        time = time_of_day.compute(ctx)
    finally:
        con.disconnect()
    assert result.findings == []
    claims = [line for line in result.commentary if CLAIM.search(line)]
    assert claims == []
    assert (
        "2019 is a part year (January to February 2019) and is not compared with the same "
        "months a year earlier (January to February 2018): the data starts in October 2018, so "
        "it holds no January to February 2018."
    ) in result.commentary
    assert result.table("trends_annual").frame.complete.tolist() == [False, False]
    assert "trends_seasonality" not in [t.name for t in result.tables]
    assert [t.name for t in time.tables] == []  # no times in police.uk, no 24 months
    assert time.commentary[0].startswith("The month-of-year pattern is not shown")
