"""Synthetic partnership data for a fictional "Sample County": deterministic by seed.

``svduty.synth.generate.generate(out_dir, scale=..., years=..., seed=...)`` writes every partner
extract in the shapes of docs/data-contracts.md plus boundaries, deprivation, population and a
manifest. The package imports nothing itself, so ``svduty --help`` does not load the generator.
"""
