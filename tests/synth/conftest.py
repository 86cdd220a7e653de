"""One synthetic county per test session (3 years, the default seed), shared by the synth tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

YEARS = 3
SEED = 2024


@pytest.fixture(scope="session")
def county(sample_county: Callable[..., Path]) -> Path:
    """Folder holding a 3-year county run, calibration measured into its manifest."""
    return sample_county(years=YEARS, seed=SEED, measure=True)


@pytest.fixture(scope="session")
def manifest(county: Path) -> dict:
    return json.loads((county / "manifest.json").read_text(encoding="utf-8"))
