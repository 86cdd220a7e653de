"""Sampling helpers shared by the generators."""

from __future__ import annotations

import numpy as np


def choose(rng: np.random.Generator, options: dict[str, float], n: int) -> np.ndarray:
    """``n`` draws from ``options`` (value → relative weight; weights need not sum to one)."""
    names = np.array(list(options))
    p = np.array(list(options.values()), dtype=np.float64)
    return names[rng.choice(len(names), size=n, p=p / p.sum())]
