"""Local Moran's I clusters and outliers of LSOA values (Anselin 1995), beside Gi*.

Gi* says where high (or low) values gather; the local Moran says, in addition, where an LSOA is
unlike its neighbours. Each LSOA's value is standardised (``z``) and compared with the mean of
its queen neighbours' (the spatial lag, row-standardised weights): ``I_i = (n - 1) z_i lag_i /
sum z^2`` (esda ``Moran_Local``). The quadrant names the pattern: high-high (a high LSOA among
high ones: a cluster), low-low (a cold cluster), high-low (a high LSOA among low ones: an
outlier) and low-high (a low LSOA among high ones).

Inference is conditional permutation (esda's default, Anselin 1995): the LSOA's value stays and
its neighbours are drawn at random from the other LSOAs :data:`PERMUTATIONS` times; esda's pseudo
p-value is one-sided towards the observed tail, so it is doubled (capped at 1) for a two-sided
test, as for Gi*. The local Moran has no dependable normal approximation, which is why this is
permutation-based although Gi* is analytical; 9,999 permutations keep the smallest p-value
(0.0002) small enough for the false discovery rate over a force's LSOAs, at about half a second
per thousand LSOAs. p-values are adjusted with Benjamini-Hochberg as in :mod:`gistar`; an LSOA
is in a cluster when its adjusted p-value is below ``alpha``. An LSOA with no neighbour has no
lag and is never significant.

Reference: L. Anselin, "Local indicators of spatial association - LISA", Geographical Analysis 27
(1995) 93-115.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from esda.moran import Moran_Local
from scipy import stats

from svduty.analysis.gistar import ALPHA, NOT_SIGNIFICANT

if TYPE_CHECKING:
    from libpysal.weights import W

PERMUTATIONS = 9999
SEED = 12345
HIGH_HIGH = "high-high"
LOW_HIGH = "low-high"
LOW_LOW = "low-low"
HIGH_LOW = "high-low"
#: esda's quadrant numbers (``Moran_Local.q`` without GeoDa ordering) and their names.
QUADRANTS = {1: HIGH_HIGH, 2: LOW_HIGH, 3: LOW_LOW, 4: HIGH_LOW}


def local_moran(
    values: np.ndarray,
    weights: W,
    *,
    permutations: int = PERMUTATIONS,
    alpha: float = ALPHA,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row per area (weights' id order): ``local_moran_i, quadrant, p_value, p_fdr, cluster``.

    ``weights`` are binary contiguity (no self-links); they are row-standardised here.
    ``quadrant`` is the pattern whatever its significance; ``cluster`` is the quadrant when the
    adjusted p-value is below ``alpha``, else "not significant".
    """
    y = np.asarray(values, dtype=float)
    if len(y) != weights.n:
        raise ValueError(f"{len(y)} values for {weights.n} areas")
    n = len(y)
    if n < 3 or np.allclose(y, y[0]):
        nan = np.full(n, np.nan)
        return pd.DataFrame(
            {
                "local_moran_i": nan,
                "quadrant": [None] * n,
                "p_value": nan,
                "p_fdr": nan,
                "cluster": NOT_SIGNIFICANT,
            }
        )
    original = weights.transform
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        local = Moran_Local(
            y,
            weights,
            transformation="r",
            permutations=permutations,
            keep_simulations=False,
            seed=seed,
            n_jobs=1,
        )
        weights.transform = original  # Moran_Local row-standardised the caller's W in place
    islands = np.array([weights.cardinalities[code] == 0 for code in weights.id_order])
    p = np.minimum(1.0, 2 * np.asarray(local.p_sim, dtype=float))
    p[islands] = np.nan
    quadrant = np.array([QUADRANTS[int(q)] for q in local.q], dtype=object)
    quadrant[islands] = None
    return label_clusters(np.asarray(local.Is, dtype=float), quadrant, p, alpha)


def label_clusters(
    local_i: np.ndarray, quadrant: np.ndarray, p: np.ndarray, alpha: float = ALPHA
) -> pd.DataFrame:
    """BH-adjust ``p`` (NaN never significant) and name the significant quadrants."""
    p = np.asarray(p, dtype=float)
    adjusted = np.full(len(p), np.nan)
    finite = np.isfinite(p)
    if finite.any():
        adjusted[finite] = stats.false_discovery_control(p[finite], method="bh")
    significant = np.nan_to_num(adjusted, nan=1.0) < alpha
    cluster = np.where(significant, quadrant, NOT_SIGNIFICANT)
    return pd.DataFrame(
        {
            "local_moran_i": local_i,
            "quadrant": quadrant,
            "p_value": p,
            "p_fdr": adjusted,
            "cluster": cluster,
        }
    )
