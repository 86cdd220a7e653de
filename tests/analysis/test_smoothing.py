"""Rates with uncertainty: Garwood intervals and empirical Bayes smoothing against hand values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from esda.smoothing import Empirical_Bayes
from libpysal.weights import W
from scipy import stats

from svduty.analysis.intervals import poisson_interval, rate_interval
from svduty.analysis.smoothing import empirical_bayes, spatial_empirical_bayes


def test_garwood_limits_for_0_1_and_10_events() -> None:
    low, high = poisson_interval([0, 1, 10])
    # k = 0: P(X = 0 | mu) = exp(-mu) = 0.025 gives the upper limit; the lower one is 0.
    assert low[0] == 0.0
    assert high[0] == pytest.approx(-math.log(0.025))
    # k = 1: P(X >= 1 | mu) = 1 - exp(-mu) = 0.025 gives the lower limit.
    assert low[1] == pytest.approx(-math.log(0.975))
    assert high[1] == pytest.approx(5.571643, abs=1e-6)
    # k = 10: the published limits (e.g. Ulm 1990, table) 4.7954 and 18.3904.
    assert low[2] == pytest.approx(4.795389, abs=1e-6)
    assert high[2] == pytest.approx(18.390356, abs=1e-6)
    # each limit leaves exactly 2.5% in its tail of the Poisson distribution
    for k, lo, hi in zip([1, 10], low[1:], high[1:], strict=True):
        assert stats.poisson.sf(k - 1, lo) == pytest.approx(0.025)
        assert stats.poisson.cdf(k, hi) == pytest.approx(0.025)
    assert math.exp(-high[1]) * (1 + high[1]) == pytest.approx(0.025)


def test_rate_interval_divides_by_the_exposure() -> None:
    low, high = rate_interval(np.array([10, 3, 4]), np.array([2000.0, 0.0, np.nan]), per=1000)
    assert low[0] == pytest.approx(4.795389 / 2, abs=1e-6)
    assert high[0] == pytest.approx(18.390356 / 2, abs=1e-6)
    assert np.isnan(low[1:]).all() and np.isnan(high[1:]).all()  # no exposure, no rate


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        poisson_interval([-1])


def test_global_empirical_bayes_by_hand() -> None:
    # e = 4, 10, 28 over b = 100, 1000, 1000: m = 42/2100 = 0.02, raw rates 0.04, 0.01, 0.028.
    # s^2 = (100 * 0.02^2 + 1000 * 0.01^2 + 1000 * 0.008^2) / 2100 = 0.204 / 2100;
    # A = s^2 - m / mean(b) = (0.204 - 0.06) / 2100 = 0.144 / 2100;
    # w_1 = A / (A + 0.02/100) = 0.144 / 0.564 = 12/47; w_2 = w_3 = 0.144 / 0.186 = 24/31.
    got = empirical_bayes([4, 10, 28], [100, 1000, 1000])
    assert got == pytest.approx([0.02 * 59 / 47, 0.38 / 31, 0.812 / 31], rel=1e-12)
    # the smallest population is pulled furthest towards the mean
    assert got[0] - 0.02 < 0.04 - 0.02


def test_global_empirical_bayes_equals_esda_when_areas_differ() -> None:
    rng = np.random.default_rng(4)
    b = rng.integers(800, 3000, 40).astype(float)
    e = rng.poisson(b * rng.gamma(4, 0.01 / 4, 40)).astype(float)
    ours = empirical_bayes(e, b)
    esda = Empirical_Bayes(e, b).r.ravel()
    assert ours == pytest.approx(esda, rel=1e-12)


def test_global_empirical_bayes_truncates_a_negative_prior_variance() -> None:
    # rates 0.009, 0.011, 0.010 differ less than Poisson noise alone would make them:
    # s^2 = 2e-3/3000 < m / mean(b) = 1e-5, so A = 0 and every area takes m = 0.01.
    got = empirical_bayes([9, 11, 10], [1000, 1000, 1000])
    assert got == pytest.approx([0.01, 0.01, 0.01])
    # esda 2.9 does not truncate: its weights leave [0, 1] (here -14) and the "smoothed" rates
    # overshoot; this is why svduty computes the global smoother itself.
    assert not np.allclose(Empirical_Bayes([9, 11, 10], [1000, 1000, 1000]).r.ravel(), 0.01)


def test_global_empirical_bayes_leaves_out_areas_without_exposure() -> None:
    got = empirical_bayes([4, 10, 28, 3], [100, 1000, 1000, 0])
    assert np.isnan(got[3])
    assert got[:3] == pytest.approx(empirical_bayes([4, 10, 28], [100, 1000, 1000]))
    assert empirical_bayes([0, 0], [10, 20]) == pytest.approx([0.0, 0.0])


def _spatial_by_hand(e, b, neighbours) -> np.ndarray:
    """Marshall's local estimator written out: the neighbourhood is the area and its neighbours."""
    e, b = np.asarray(e, float), np.asarray(b, float)
    r = e / b
    out = []
    for i in range(len(e)):
        near = [i, *neighbours[i]]
        m = e[near].sum() / b[near].sum()
        s2 = (b[near] * (r[near] - m) ** 2).sum() / b[near].sum()
        a = max(0.0, s2 - m / b[near].mean())
        out.append(m + a / (a + m / b[i]) * (r[i] - m))
    return np.array(out)


def test_spatial_empirical_bayes_on_a_path_of_four_areas() -> None:
    neighbours = {0: [1], 1: [0, 2], 2: [1, 3], 3: [2]}
    ids = ["a", "b", "c", "d"]
    weights = W({ids[i]: [ids[j] for j in js] for i, js in neighbours.items()}, id_order=ids)
    e, b = [30, 2, 25, 4], [1000, 150, 900, 1200]
    got = spatial_empirical_bayes(e, b, weights)
    assert got == pytest.approx(_spatial_by_hand(e, b, neighbours), rel=1e-12)
    # area b's neighbourhood {a, b, c}: m = 57/2050, and its spread is below Poisson noise
    # (A < 0, truncated to 0), so b takes the neighbourhood's rate
    m = 57 / 2050
    r = np.array([30 / 1000, 2 / 150, 25 / 900])
    s2 = (np.array([1000, 150, 900]) * (r - m) ** 2).sum() / 2050
    assert s2 - m / (2050 / 3) < 0
    assert got[1] == pytest.approx(m)
    # area d's neighbourhood {c, d}: m = 29/2100 and A > 0, so d keeps part of its own rate
    m, r = 29 / 2100, np.array([25 / 900, 4 / 1200])
    a = (np.array([900, 1200]) * (r - m) ** 2).sum() / 2100 - m / 1050
    assert a > 0
    assert got[3] == pytest.approx(m + a / (a + m / 1200) * (4 / 1200 - m))
    assert weights.transform == "O"  # the caller's weights are left as they were


def test_spatial_empirical_bayes_islands_and_missing_exposure() -> None:
    ids = ["a", "b", "c", "d", "e"]
    weights = W(
        {"a": ["b"], "b": ["a", "c"], "c": ["b"], "d": [], "e": ["c"]},
        id_order=ids,
        silence_warnings=True,
    )
    e, b = [30, 2, 25, 9, 5], [1000, 150, 900, 500, 0]  # d is an island, e has no residents
    got = spatial_empirical_bayes(e, b, weights)
    assert np.isnan(got[4])
    assert got[3] == pytest.approx(empirical_bayes(e[:4], b[:4])[3])  # island: global value
    assert got[:3] == pytest.approx(_spatial_by_hand(e[:3], b[:3], {0: [1], 1: [0, 2], 2: [1]}))
    quiet = W({"a": ["b"], "b": ["a"]}, id_order=["a", "b"])
    assert spatial_empirical_bayes([0, 0], [100, 100], quiet) == pytest.approx([0.0, 0.0])
