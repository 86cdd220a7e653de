"""Deprivation of the synthetic LSOAs in the shape of the English Indices of Deprivation 2019.

A smooth latent "need" surface (towns plus spatially correlated noise) is turned into national
ranks and deciles for the IMD and its seven domains, so deprivation clusters the way it does on a
real map and the domain deciles agree with the IMD without being copies of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svduty.synth.geography import Areas

ENGLAND_LSOAS = 32_844
# Share of the county's LSOAs in each national IMD decile (1 = most deprived): a mixed county that
# spans every decile as England does, deprived town cores and affluent villages alike.
COUNTY_DECILE_MIX = (0.10,) * 10

# (File 7 stem, score header suffix, how strongly the domain follows the IMD, score curve (a, b, c))
DOMAINS = (
    ("Index of Multiple Deprivation (IMD)", "Score", 0.0, (58.1, 2.337, -1.1)),
    ("Income", "Score (rate)", 0.25, (0.42, 2.6, -0.01)),
    ("Employment", "Score (rate)", 0.3, (0.33, 2.4, -0.01)),
    ("Education, Skills and Training", "Score", 0.45, (70.0, 2.9, -1.0)),
    ("Health Deprivation and Disability", "Score", 0.45, (5.0, 1.0, -3.0)),
    ("Crime", "Score", 0.35, (5.2, 1.0, -2.6)),
    ("Barriers to Housing and Services", "Score", 1.2, (48.0, 1.6, 2.0)),
    ("Living Environment", "Score", 0.9, (70.0, 2.2, 0.0)),
)


def decile_header(stem: str) -> str:
    return f"{stem} Decile (where 1 is most deprived 10% of LSOAs)"


def rank_header(stem: str) -> str:
    return f"{stem} Rank (where 1 is most deprived)"


@dataclass(frozen=True)
class Deprivation:
    """Per-LSOA IMD decile (1 = most deprived) plus every domain's score, rank and decile."""

    need: np.ndarray  # latent, higher = more deprived
    imd_decile: np.ndarray
    columns: dict[str, np.ndarray]  # File 7 header → values


def smooth_field(areas: Areas, rng: np.random.Generator, passes: int = 3) -> np.ndarray:
    """Spatially correlated noise on the LSOA grid (a few neighbour-averaging passes)."""
    field = np.zeros((areas.rows, areas.columns))
    field.flat[: areas.n] = rng.standard_normal(areas.n)
    for _ in range(passes):
        padded = np.pad(field, 1, mode="edge")
        field = (
            padded[1:-1, 1:-1] * 2
            + padded[:-2, 1:-1]
            + padded[2:, 1:-1]
            + padded[1:-1, :-2]
            + padded[1:-1, 2:]
        ) / 6
    values = field.flat[: areas.n]
    return (values - values.mean()) / values.std()


def town_surface(areas: Areas, towns: np.ndarray, width: float) -> np.ndarray:
    """Sum of Gaussian bumps (in grid cells) centred on the ``towns`` LSOA indices."""
    surface = np.zeros(areas.n)
    for town in towns:
        distance2 = (areas.row - areas.row[town]) ** 2 + (areas.col - areas.col[town]) ** 2
        surface += np.exp(-distance2 / (2 * width**2))
    return surface


def _national_ranks(order_need: np.ndarray, deciles: np.ndarray, rng: np.random.Generator):
    """Distinct national ranks consistent with each LSOA's decile, more need = lower rank."""
    n = len(deciles)
    ranks = np.zeros(n, dtype=np.int64)
    bounds = np.floor(np.arange(11) * ENGLAND_LSOAS / 10).astype(np.int64)
    for d in range(1, 11):
        members = np.flatnonzero(deciles == d)
        if len(members) == 0:
            continue
        low, high = bounds[d - 1] + 1, bounds[d]
        if n == ENGLAND_LSOAS:
            chosen = np.arange(low, low + len(members))
        else:
            chosen = np.sort(rng.choice(np.arange(low, high + 1), size=len(members), replace=False))
        ranks[members[np.argsort(-order_need[members], kind="stable")]] = chosen
    return ranks


def _deciles_from_need(need: np.ndarray) -> np.ndarray:
    n = len(need)
    if n == ENGLAND_LSOAS:  # exactly the official decile sizes
        counts = np.diff(np.floor(np.arange(11) * ENGLAND_LSOAS / 10).astype(np.int64))
    else:
        mix = np.array(COUNTY_DECILE_MIX)
        counts = np.floor(mix * n).astype(np.int64)
        counts[np.argsort(-(mix * n - counts), kind="stable")[: n - counts.sum()]] += 1
    deciles = np.empty(n, dtype=np.int64)
    deciles[np.argsort(-need, kind="stable")] = np.repeat(np.arange(1, 11), counts)
    return deciles


def build_deprivation(areas: Areas, need: np.ndarray, rng: np.random.Generator) -> Deprivation:
    """IMD and domain deciles, ranks and scores from the latent need surface."""
    columns: dict[str, np.ndarray] = {}
    imd_decile = _deciles_from_need(need)
    for stem, score_suffix, noise, (a, b, c) in DOMAINS:
        domain_need = need + noise * smooth_field(areas, rng, passes=1) if noise else need
        deciles = imd_decile if not noise else _deciles_from_need(domain_need)
        ranks = _national_ranks(domain_need, deciles, rng)
        quantile = (ranks - 0.5) / ENGLAND_LSOAS
        score = np.round(np.maximum(a * np.exp(-b * quantile) + c, c + 0.001 * a), 3)
        columns[f"{stem} {score_suffix}"] = score
        columns[rank_header(stem)] = ranks
        columns[decile_header(stem)] = deciles
    return Deprivation(need=need, imd_decile=imd_decile, columns=columns)
