"""One synthetic county per test session (3 years, the default seed), shared by the synth tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svduty.synth import generate

YEARS = 3
SEED = 2024


@pytest.fixture(scope="session")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder holding a 3-year county run, calibration measured into its manifest."""
    out = tmp_path_factory.mktemp("sample-county")
    generate(out, scale="county", years=YEARS, seed=SEED)
    return out


@pytest.fixture(scope="session")
def manifest(county: Path) -> dict:
    return json.loads((county / "manifest.json").read_text(encoding="utf-8"))
