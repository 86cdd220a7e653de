"""One synthetic county per test session, shared by the synth tests: the demo's own county.

``svduty demo`` synthesises 5 years (2020-2024, so the 2020-21 lockdowns are in it) with the
default seed; the tests check exactly that county.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

YEARS = 5
SEED = 2024


@pytest.fixture(scope="session")
def county(sample_county: Callable[..., Path]) -> Path:
    """Folder holding the demo's 5-year county run, calibration measured into its manifest."""
    return sample_county(years=YEARS, seed=SEED, measure=True)


@pytest.fixture(scope="session")
def manifest(county: Path) -> dict:
    return json.loads((county / "manifest.json").read_text(encoding="utf-8"))
