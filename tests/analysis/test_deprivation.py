"""Section 5, deprivation: deciles, shares, quintile rate ratio and the domain models."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from svduty.analysis import deprivation

from .conftest import LSOA_CODES, expected_serious_violence, modified_copy, open_context


def _lsoas(small_warehouse) -> pd.DataFrame:
    rows = expected_serious_violence(small_warehouse["crimes"])
    sv = rows[rows.is_serious_violence & rows.lsoa_code.notna()]
    counts = sv.groupby("lsoa_code").size().reindex(LSOA_CODES, fill_value=0)
    pop = small_warehouse["population"]
    total = pop[(pop.age_band == "all") & (pop.sex == "all") & (pop.ethnicity == "all")]
    wide = total.pivot(index="area_code", columns="year", values="population")
    indicators = small_warehouse["area_indicators"]
    deciles = indicators[indicators.measure == "decile"].pivot(
        index="area_code", columns="indicator", values="value"
    )
    frame = deciles.reindex(LSOA_CODES)
    frame["count"] = counts
    # 2023 takes 2022's population (nearest year); GAP_MONTH (July 2022) holds no crime, so its
    # residents are not at risk: 2022 counts 11 months.
    frame["person_years"] = (wide[2021] + wide[2022] * 11 / 12 + wide[2022]).reindex(LSOA_CODES)
    return frame


@pytest.fixture(scope="module")
def result(small_warehouse):
    ctx = open_context(small_warehouse)
    yield deprivation.compute(ctx)
    ctx.con.disconnect()


def test_by_decile_and_shares(result, small_warehouse) -> None:
    want = _lsoas(small_warehouse)
    total = want["count"].sum()
    got = result.table("deprivation_by_decile").frame.set_index("imd_decile")
    by_decile = want.groupby("imd")["count"].sum().reindex(np.arange(1.0, 11.0), fill_value=0)
    assert got.serious_violence.tolist() == by_decile.astype(int).tolist()
    assert got.share_pct.sum() == pytest.approx(100)
    summary = result.table("deprivation_summary").frame.set_index("measure").value
    assert summary["share_in_most_deprived_10pct"] == pytest.approx(
        100 * want[want.imd == 1]["count"].sum() / total
    )
    assert summary["share_in_most_deprived_20pct"] == pytest.approx(
        100 * want[want.imd <= 2]["count"].sum() / total
    )
    q1, q5 = want[want.imd <= 2], want[want.imd >= 9]
    a, e1, b, e2 = (
        q1["count"].sum(),
        q1.person_years.sum(),
        q5["count"].sum(),
        q5.person_years.sum(),
    )
    assert summary["rate_ratio_q1_vs_q5"] == pytest.approx((a / e1) / (b / e2))
    low = stats.beta.ppf(0.025, a, b + 1)
    assert summary["rate_ratio_ci_low"] == pytest.approx(low / (1 - low) * e2 / e1)


def test_domain_irrs_solve_the_poisson_score_equations(result, small_warehouse) -> None:
    want = _lsoas(small_warehouse)
    domains = result.table("deprivation_domains").frame
    assert "crime" not in set(domains.domain)
    row = domains[(domains.model == "unadjusted") & (domains.domain == "income")].iloc[0]
    y, e, x = want["count"].to_numpy(float), want.person_years.to_numpy(), -want.income.to_numpy()
    b1 = np.log(row.irr)
    b0 = np.log(y.sum() / (e * np.exp(b1 * x)).sum())  # intercept from its score equation
    mu = e * np.exp(b0 + b1 * x)
    assert ((y - mu) * x).sum() == pytest.approx(0, abs=1e-5 * y.sum())
    design = np.column_stack([np.ones_like(x), x])
    dispersion = ((y - mu) ** 2 / mu).sum() / (len(y) - 2)
    cov = dispersion * np.linalg.inv(design.T @ (design * mu[:, None]))
    se = np.sqrt(cov[1, 1])
    z = stats.norm.ppf(0.975)
    assert row.dispersion == pytest.approx(dispersion, rel=1e-4)
    assert row.ci_low == pytest.approx(np.exp(b1 - z * se), rel=1e-4)
    assert row.ci_high == pytest.approx(np.exp(b1 + z * se), rel=1e-4)
    adjusted = domains[domains.model == "adjusted"]
    assert set(adjusted.domain) == {
        "income",
        "employment",
        "education",
        "health",
        "housing_and_access",
    }


def test_missing_domains_are_handled(small_warehouse, tmp_path) -> None:
    dropped = LSOA_CODES[:5]
    listed = ", ".join(f"'{code}'" for code in dropped)
    path = modified_copy(
        small_warehouse,
        tmp_path / "w.duckdb",
        "DELETE FROM area_indicators WHERE indicator = 'education'",
        f"DELETE FROM area_indicators WHERE indicator = 'health' AND area_code IN ({listed})",
    )
    ctx = open_context(path)
    domains = deprivation.compute(ctx).table("deprivation_domains").frame
    assert "education" not in set(domains.domain)
    health = domains[(domains.model == "unadjusted") & (domains.domain == "health")]
    assert health.lsoas.iloc[0] == 31
    assert domains[domains.model == "adjusted"].lsoas.iloc[0] == 31
    ctx.con.disconnect()


def test_absent_without_deprivation_data(small_warehouse, tmp_path) -> None:
    path = modified_copy(small_warehouse, tmp_path / "w.duckdb", "DELETE FROM area_indicators")
    ctx = open_context(path)
    result = deprivation.compute(ctx)
    assert not result.available and result.tables == []
    assert result.unavailable.count(".") == 1  # one sentence
    ctx.con.disconnect()
