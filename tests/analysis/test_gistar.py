"""Gi* against the Ord & Getis (1995) formula computed by hand in numpy on a grid."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from shapely.geometry import box

from svduty.analysis.gistar import COLD, HOT, classify, gi_star, queen_weights


def _grid(size: int):
    cells = [box(c, r, c + 1, r + 1) for r in range(size) for c in range(size)]
    ids = [f"L{k:02d}" for k in range(size * size)]
    return cells, ids


def _by_hand(values: np.ndarray, size: int) -> np.ndarray:
    n = len(values)
    mean = values.mean()
    s = np.sqrt((values**2).mean() - mean**2)
    z = np.empty(n)
    for k in range(n):
        r, c = divmod(k, size)
        near = [
            rr * size + cc
            for rr in range(r - 1, r + 2)
            for cc in range(c - 1, c + 2)
            if 0 <= rr < size and 0 <= cc < size
        ]  # queen neighbours and itself, binary weights
        w = len(near)
        z[k] = (values[near].sum() - mean * w) / (s * np.sqrt((n * w - w**2) / (n - 1)))
    return z


def test_queen_weights_on_a_grid() -> None:
    cells, ids = _grid(4)
    weights = queen_weights(cells, ids)
    assert weights.cardinalities["L00"] == 3  # corner
    assert weights.cardinalities["L05"] == 8  # interior


def test_z_scores_match_the_formula_and_fdr_is_benjamini_hochberg() -> None:
    size = 7
    cells, ids = _grid(size)
    rng = np.random.default_rng(3)
    values = rng.poisson(5, size * size).astype(float)
    values[[8, 9, 15, 16]] += 25  # a cluster
    result = gi_star(values, queen_weights(cells, ids))
    expected = _by_hand(values, size)
    assert result.gi_z.to_numpy() == pytest.approx(expected, rel=1e-9)
    p = 2 * stats.norm.sf(np.abs(expected))
    assert result.p_value.to_numpy() == pytest.approx(p)
    # BH by hand: q_(i) = min_{j>=i} p_(j) * n / j
    order = np.argsort(p)
    ranked = p[order] * len(p) / np.arange(1, len(p) + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1)
    back = np.empty_like(q)
    back[order] = q
    assert result.p_fdr.to_numpy() == pytest.approx(back)
    assert set(result.hotspot[[8, 9, 15, 16]]) == {HOT}


def test_labels_need_significance_after_adjustment() -> None:
    # p = 0.04 is below 5% alone, but its BH-adjusted value is 0.04 * 4 / 3 = 0.0533
    labels = classify(np.array([3.0, -3.0, 2.0, 0.1]), np.array([0.001, 0.001, 0.04, 0.5]))
    assert labels.p_fdr[2] == pytest.approx(0.04 * 4 / 3)
    assert list(labels.hotspot) == [HOT, COLD, "not significant", "not significant"]


def test_tolerant_queen_equals_libpysal_queen_on_clean_boundaries() -> None:
    from libpysal.weights import Queen

    cells, ids = _grid(5)
    ours = queen_weights(cells, ids)
    theirs = Queen.from_iterable(cells, ids=ids)
    assert {k: sorted(v) for k, v in ours.neighbors.items()} == {
        k: sorted(v) for k, v in theirs.neighbors.items()
    }


def test_generalised_boundaries_that_overlap_or_leave_slivers_still_touch() -> None:
    left = box(0, 0, 1.000001, 1)  # overlaps its neighbour by a hair
    right = box(1, 0, 2, 1)
    gap = box(2.000004, 0, 3, 1)  # a 0.4 m sliver (at 1e-5 degrees ~ 1 m tolerance)
    far = box(5, 5, 6, 6)
    weights = queen_weights([left, right, gap, far], ["a", "b", "c", "d"])
    assert sorted(weights.neighbors["b"]) == ["a", "c"]
    assert weights.islands == ["d"]


def test_self_weights_equal_libpysal_fill_diagonal() -> None:
    """The starred matrix is libpysal's ``fill_diagonal(w, 1)``, also when some self-links exist."""
    from libpysal.weights import W
    from libpysal.weights.util import fill_diagonal

    from svduty.analysis.gistar import with_self_weights

    cells, ids = _grid(4)
    plain = queen_weights(cells, ids)
    partly = W(
        {k: ([k, *plain.neighbors[k]] if k == "L05" else plain.neighbors[k]) for k in ids},
        {k: ([0.5, *plain.weights[k]] if k == "L05" else plain.weights[k]) for k in ids},
        id_order=ids,
        silence_warnings=True,
    )
    for weights in (plain, partly):
        ours = with_self_weights(weights)
        theirs = fill_diagonal(weights, 1.0)
        assert ours.id_order == theirs.id_order == ids
        np.testing.assert_array_equal(ours.sparse.toarray(), theirs.sparse.toarray())
        assert ours.sparse.diagonal().tolist() == [1.0] * len(ids)
    starred = with_self_weights(plain)
    assert with_self_weights(starred) is starred
