"""Getis-Ord Gi* hotspots on LSOA values with queen contiguity, FDR-adjusted.

The statistic is esda's ``G_Local(star=True)`` with binary weights (each LSOA counts itself and
every LSOA sharing a boundary point). Inference is ANALYTICAL by default: esda's z-score under
the normal approximation (``Zs``), two-sided p-value. Permutation inference in esda without numba
takes minutes over England's 32,844 LSOAs and changes few classifications at that size, so it
is opt-in (``permutations=``, sensible for a few hundred LSOAs). Because one test runs per LSOA,
p-values are adjusted with the Benjamini-Hochberg false discovery rate
(``scipy.stats.false_discovery_control``) and an LSOA is a hot (cold) spot when its adjusted
p-value is below ``alpha`` and z > 0 (z < 0).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats

if TYPE_CHECKING:
    from libpysal.weights import W

ALPHA = 0.05
HOT = "hot spot"
COLD = "cold spot"
NOT_SIGNIFICANT = "not significant"


#: Degrees (about 1 m): boundary points closer than this touch. Published LSOA boundaries are
#: generalised polygon by polygon, so neighbours overlap or leave slivers instead of sharing
#: vertices, and strict vertex matching (libpysal ``Queen``) would make every LSOA an island.
TOUCH_TOLERANCE = 1e-5


def queen_weights(
    geometries: Sequence[object], ids: Sequence[str], tolerance: float = TOUCH_TOLERANCE
) -> W:
    """Queen contiguity (any shared boundary point) between polygons, ids in the given order.

    Pairs come from a shapely STRtree ``dwithin`` query, so two polygons within ``tolerance``
    of each other are neighbours; on clean shared-vertex boundaries this equals libpysal's
    ``Queen``.
    """
    import shapely
    from libpysal.weights import W as Weights

    shapes = np.asarray(list(geometries), dtype=object)
    ids = list(ids)
    tree = shapely.STRtree(shapes)
    left, right = tree.query(shapes, predicate="dwithin", distance=tolerance)
    keep = left != right
    neighbours: dict[str, list[str]] = {code: [] for code in ids}
    for i, j in zip(left[keep].tolist(), right[keep].tolist(), strict=True):
        neighbours[ids[i]].append(ids[j])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # islands are reported by the caller, not as a warning
        return Weights(neighbours, id_order=ids, silence_warnings=True)


def subset_weights(weights: W, ids: Sequence[str]) -> W:
    """``weights`` restricted to ``ids`` (in that order): links to dropped LSOAs are removed."""
    from libpysal.weights import W as Weights

    keep = set(ids)
    neighbours = {i: [j for j in weights.neighbors[i] if j in keep] for i in ids}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Weights(neighbours, id_order=list(ids), silence_warnings=True)


def with_self_weights(weights: W) -> W:
    """``weights`` with a self-weight of 1 on the diagonal: the Gi* (star) form, built once.

    esda builds this on every ``G_Local(star=True)`` call, which is most of its run time at
    national scale; the place section reuses one starred matrix for the period and every year.
    """
    from libpysal.weights import W as Weights

    neighbours = weights.neighbors
    if all(code in neighbours[code] for code in weights.id_order):  # already starred
        return weights
    # Built from the neighbour lists (libpysal's fill_diagonal goes through a sparse matrix
    # and back, three times slower on 32,844 LSOAs); an existing self-link is set to 1.
    starred_neighbours: dict[str, list[str]] = {}
    starred_weights: dict[str, list[float]] = {}
    for code in weights.id_order:
        linked = zip(neighbours[code], weights.weights[code], strict=True)
        pairs = [(j, w) for j, w in linked if j != code]
        starred_neighbours[code] = [code, *(j for j, _ in pairs)]
        starred_weights[code] = [1.0, *(w for _, w in pairs)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Weights(
            starred_neighbours,
            starred_weights,
            id_order=list(weights.id_order),
            silence_warnings=True,
        )


def gi_star(
    values: np.ndarray,
    weights: W,
    *,
    permutations: int = 0,
    alpha: float = ALPHA,
    seed: int = 12345,
) -> pd.DataFrame:
    """One row per observation (weights' id order): ``gi_z, p_value, p_fdr, hotspot``.

    ``p_value`` is two-sided: analytical (normal) by default, pseudo p-value from ``permutations``
    conditional permutations when given (esda's p_sim is one-sided, so doubled, capped at 1).
    """
    from esda.getisord import G_Local

    y = np.asarray(values, dtype=float)
    if len(y) != weights.n:
        raise ValueError(f"{len(y)} values for {weights.n} areas")
    if len(y) < 3 or np.allclose(y, y[0]):
        nan = np.full(len(y), np.nan)
        return pd.DataFrame(
            {
                "gi_z": nan,
                "p_value": nan,
                "p_fdr": nan,
                "hotspot": NOT_SIGNIFICANT,
            }
        )
    weights = with_self_weights(weights)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        local = G_Local(
            y,
            weights,
            transform="B",
            permutations=permutations,
            star=None,  # the diagonal says it is Gi*
            keep_simulations=False,
            seed=seed,
            n_jobs=1,
        )
    z = np.asarray(local.Zs, dtype=float)
    if permutations:
        p = np.minimum(1.0, 2 * np.asarray(local.p_sim, dtype=float))
    else:
        p = 2 * stats.norm.sf(np.abs(z))
    return classify(z, p, alpha)


def classify(z: np.ndarray, p: np.ndarray, alpha: float = ALPHA) -> pd.DataFrame:
    """BH-adjust ``p`` and label hot / cold / not significant."""
    p = np.asarray(p, dtype=float)
    adjusted = np.full(len(p), np.nan)
    finite = np.isfinite(p)
    if finite.any():
        adjusted[finite] = stats.false_discovery_control(p[finite], method="bh")
    significant = np.nan_to_num(adjusted, nan=1.0) < alpha
    label = np.where(
        significant & (z > 0), HOT, np.where(significant & (z < 0), COLD, NOT_SIGNIFICANT)
    )
    return pd.DataFrame({"gi_z": z, "p_value": p, "p_fdr": adjusted, "hotspot": label})
