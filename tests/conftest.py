"""Shared test fixtures: paths to the real open data in ../shared, skipped when absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI every run explores the same examples (a red build is reproducible, not luck) and a busy
# machine does not fail tests on Hypothesis's per-example deadline.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The ``../shared/data`` folder; the test skips with a message when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real open data not found at {SHARED_DATA} (a fresh clone has no ../shared)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SVDUTY_HOME so nothing leaks into the working tree."""
    home = tmp_path / "svduty-home"
    monkeypatch.setenv("SVDUTY_HOME", str(home))
    return home
