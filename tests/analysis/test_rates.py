"""Exact Poisson rate ratios against hand-computed and independently computed values."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats import rates as sm_rates
from statsmodels.stats.proportion import proportion_confint

from svduty.analysis.rates import exact_rate_ratio


def test_hand_computed_interval_for_one_event_against_none() -> None:
    # a=1, b=0, equal exposures: p in [0.025, 1] (Clopper-Pearson with n=1), RR = p/(1-p).
    ratio, low, high, p = exact_rate_ratio(1, 1.0, 0, 1.0)
    assert ratio == np.inf
    assert low == pytest.approx(0.025 / 0.975)
    assert high == np.inf
    assert p == pytest.approx(1.0)


def test_hand_computed_two_against_two() -> None:
    # n=4, a=2: Clopper-Pearson lower bound solves P(X>=2 | p)=0.025; symmetric, so
    # RR bounds are reciprocal and the p-value is 1.
    ratio, low, high, p = exact_rate_ratio(2, 10.0, 2, 10.0)
    assert ratio == pytest.approx(1.0)
    assert low * high == pytest.approx(1.0)
    assert p == pytest.approx(1.0)
    # lower p: 1 - (1-p)^4 - 4p(1-p)^3 = 0.025 -> p = 0.0675890 (hand: bisection)
    p_low = low / (1 + low)
    assert 1 - (1 - p_low) ** 4 - 4 * p_low * (1 - p_low) ** 3 == pytest.approx(0.025, abs=1e-9)


@pytest.mark.parametrize(
    ("a", "e1", "b", "e2"), [(30, 1000.0, 15, 1200.0), (7, 50.0, 19, 40.0), (300, 1e5, 250, 9e4)]
)
def test_matches_statsmodels_clopper_pearson_and_exact_conditional_test(a, e1, b, e2) -> None:
    ratio, low, high, p = exact_rate_ratio(a, e1, b, e2)
    p_low, p_high = proportion_confint(a, a + b, alpha=0.05, method="beta")
    assert ratio == pytest.approx((a / e1) / (b / e2))
    assert low == pytest.approx(p_low / (1 - p_low) * e2 / e1)
    assert high == pytest.approx(p_high / (1 - p_high) * e2 / e1)
    expected = sm_rates.test_poisson_2indep(a, e1, b, e2, method="exact-cond").pvalue
    assert p == pytest.approx(expected, rel=1e-6)


def test_no_events_or_exposure_is_undefined() -> None:
    assert np.isnan(exact_rate_ratio(0, 1.0, 0, 1.0)[0])
    assert np.isnan(exact_rate_ratio(3, 0.0, 2, 1.0)[0])
