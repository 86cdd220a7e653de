"""Synthetic partnership data for a fictional "Sample County": deterministic by seed.

``generate(out_dir, scale=..., years=..., seed=...)`` writes every partner extract in the shapes of
docs/data-contracts.md plus boundaries, deprivation, population and a manifest.
"""

from svduty.synth.generate import DEFAULT_END_YEAR, DEFAULT_SEED, generate

__all__ = ["DEFAULT_END_YEAR", "DEFAULT_SEED", "generate"]
