"""Shared test fixtures: the real open data in ../shared (skipped when absent), Sample County."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from svduty.synth.generate import DEFAULT_SEED, generate

# In CI every run explores the same examples (a red build is reproducible, not luck) and a busy
# machine does not fail tests on Hypothesis's per-example deadline.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
def sample_county(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``sample_county(years=..., seed=..., measure=...)``: a county-scale Sample County folder.

    Each distinct configuration is generated once per session (per xdist worker) and shared, so
    tests treat the folder as read-only. ``measure`` recomputes the calibration into the manifest.
    """
    made: dict[tuple[int, int, bool], Path] = {}

    def county(*, years: int, seed: int = DEFAULT_SEED, measure: bool = True) -> Path:
        key = (years, seed, measure)
        if key not in made:
            out = tmp_path_factory.mktemp(f"sample-county-{years}y-seed{seed}")
            generate(out, scale="county", years=years, seed=seed, measure=measure)
            made[key] = out
        return made[key]

    return county


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``@pytest.mark.postgres`` tests run only in the PostgreSQL pass of ``make test``."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
