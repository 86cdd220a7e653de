"""Local Moran's I: the statistic and its quadrants by hand on a lattice, BH labels, islands."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from libpysal.weights import W, lat2W
from scipy import stats

from svduty.analysis.clusters import (
    HIGH_HIGH,
    HIGH_LOW,
    LOW_HIGH,
    LOW_LOW,
    label_clusters,
    local_moran,
)
from svduty.analysis.gistar import NOT_SIGNIFICANT

SIZE = 9


def _lattice_values() -> np.ndarray:
    """A 3 x 3 high block in the top-left corner and one high cell (6, 6) among low ones."""
    y = np.ones(SIZE * SIZE)
    for r in range(3):
        for c in range(3):
            y[r * SIZE + c] = 10.0
    y[6 * SIZE + 6] = 10.0
    return y + (np.arange(SIZE * SIZE) % 3) * 0.1  # break ties


def _by_hand(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Local I and quadrant with queen lattice neighbours written out (row-standardised)."""
    z = (y - y.mean()) / y.std()
    n = len(y)
    local, quadrant = np.empty(n), np.empty(n, dtype=object)
    for k in range(n):
        r, c = divmod(k, SIZE)
        near = [
            rr * SIZE + cc
            for rr in range(r - 1, r + 2)
            for cc in range(c - 1, c + 2)
            if 0 <= rr < SIZE and 0 <= cc < SIZE and (rr, cc) != (r, c)
        ]
        lag = z[near].mean()
        local[k] = (n - 1) * z[k] * lag / (z**2).sum()
        high, high_lag = z[k] > 0, lag > 0
        quadrant[k] = {
            (True, True): HIGH_HIGH,
            (False, True): LOW_HIGH,
            (False, False): LOW_LOW,
            (True, False): HIGH_LOW,
        }[(bool(high), bool(high_lag))]
    return local, quadrant


def test_local_moran_and_quadrants_match_the_formula_on_a_lattice() -> None:
    y = _lattice_values()
    weights = lat2W(SIZE, SIZE, rook=False)
    result = local_moran(y, weights)
    local, quadrant = _by_hand(y)
    assert result.local_moran_i.to_numpy() == pytest.approx(local, rel=1e-9)
    assert list(result.quadrant) == list(quadrant)
    # the pattern, cell by cell: inside the block, next to it, far away, the lone high cell
    assert result.quadrant[1 * SIZE + 1] == HIGH_HIGH
    assert result.quadrant[1 * SIZE + 3] == LOW_HIGH
    assert result.quadrant[8 * SIZE + 0] == LOW_LOW
    assert result.quadrant[6 * SIZE + 6] == HIGH_LOW
    assert weights.transform == "O"  # the caller's weights are given back as they were


def test_clusters_are_the_significant_quadrants_after_bh() -> None:
    y = _lattice_values()
    result = local_moran(y, lat2W(SIZE, SIZE, rook=False))
    significant = result.p_fdr < 0.05
    assert (result.cluster[significant] == result.quadrant[significant]).all()
    assert (result.cluster[~significant] == NOT_SIGNIFICANT).all()
    # the middle of the high block is a significant high-high cluster; a far corner is not
    assert result.cluster[1 * SIZE + 1] == HIGH_HIGH
    assert result.cluster[8 * SIZE + 8] == NOT_SIGNIFICANT
    # p-values are esda's folded pseudo p-values doubled: multiples of 2 / (9999 + 1)
    steps = result.p_value.to_numpy() * 10000 / 2
    assert np.allclose(steps[result.p_value < 1], np.round(steps[result.p_value < 1]))
    assert result.p_fdr.to_numpy() == pytest.approx(
        stats.false_discovery_control(result.p_value.to_numpy(), method="bh")
    )


def test_label_clusters_by_hand() -> None:
    # BH by hand: sorted p 0.001, 0.004, 0.03, 0.5 -> q = 0.004, 0.008, 0.04, 0.5
    labels = label_clusters(
        np.array([2.0, 1.0, 0.5, 0.1]),
        np.array([HIGH_HIGH, LOW_LOW, HIGH_LOW, LOW_HIGH], dtype=object),
        np.array([0.004, 0.001, 0.03, 0.5]),
    )
    assert labels.p_fdr.to_numpy() == pytest.approx([0.008, 0.004, 0.04, 0.5])
    assert list(labels.cluster) == [HIGH_HIGH, LOW_LOW, HIGH_LOW, NOT_SIGNIFICANT]


def test_an_island_is_never_a_cluster() -> None:
    ids = [f"a{i}" for i in range(6)]
    neighbours = {ids[i]: [ids[j] for j in (i - 1, i + 1) if 0 <= j < 5] for i in range(5)}
    weights = W({**neighbours, ids[5]: []}, id_order=ids, silence_warnings=True)
    result = local_moran(np.array([9.0, 8.0, 1.0, 1.2, 0.9, 30.0]), weights, permutations=999)
    assert pd.isna(result.quadrant[5])
    assert np.isnan(result.p_value[5])
    assert result.cluster[5] == NOT_SIGNIFICANT


def test_constant_values_have_no_clusters() -> None:
    result = local_moran(np.full(SIZE * SIZE, 3.0), lat2W(SIZE, SIZE, rook=False))
    assert (result.cluster == NOT_SIGNIFICANT).all()
    assert result.local_moran_i.isna().all()
