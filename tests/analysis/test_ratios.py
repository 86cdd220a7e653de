"""Ratio intervals against the textbook formulas (independent of statsmodels and SciPy)."""

import numpy as np
import pytest
from scipy.stats import norm

from svduty.analysis.ratios import rate_ratio, risk_ratio, significant

Z = norm.ppf(0.975)


def test_rate_ratio_matches_the_log_wald_formula():
    a, e1, b, e2 = (
        np.array([10, 40, 3]),
        np.array([1000.0, 2000, 50]),
        np.array([20, 35, 9]),
        np.array([5000.0, 2500, 400]),
    )
    frame = rate_ratio(a, e1, b, e2)
    ratio = (a / e1) / (b / e2)
    se = np.sqrt(1 / a + 1 / b)
    np.testing.assert_allclose(frame.ratio, ratio)
    np.testing.assert_allclose(frame.ci_low, ratio * np.exp(-Z * se), rtol=1e-9)
    np.testing.assert_allclose(frame.ci_high, ratio * np.exp(Z * se), rtol=1e-9)


def test_rate_ratio_without_events_has_no_interval():
    frame = rate_ratio([0, 5], [10, 10], [5, 0], [10, 10])
    assert frame.isna().all().all()


def test_risk_ratio_matches_the_katz_formula():
    a, n1, c, n2 = 18, 30, 30, 90
    frame = risk_ratio([a], [n1], [c], [n2])
    ratio = (a / n1) / (c / n2)
    se = np.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    assert frame.ratio[0] == pytest.approx(ratio)
    assert frame.ci_low[0] == pytest.approx(ratio * np.exp(-Z * se), rel=1e-9)
    assert frame.ci_high[0] == pytest.approx(ratio * np.exp(Z * se), rel=1e-9)
    assert significant(frame).tolist() == [True]


def test_risk_ratio_with_no_cases_in_the_group_is_zero_without_interval():
    frame = risk_ratio([0], [10], [4], [20])
    assert frame.ratio[0] == 0
    assert np.isnan(frame.ci_low[0]) and np.isnan(frame.ci_high[0])
    assert significant(frame).tolist() == [False]
