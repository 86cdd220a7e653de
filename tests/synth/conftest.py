"""One synthetic county per test session, shared by the synth tests: the demo's own county.

``svduty demo`` synthesises 5 years (2020-2024, so the 2020-21 lockdowns are in it) with the
default seed; the tests check exactly that county.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from svduty.synth.offences import offence_mix

YEARS = 5
SEED = 2024


@pytest.fixture(scope="session")
def county(sample_county: Callable[..., Path]) -> Path:
    """Folder holding the demo's 5-year county run, calibration measured into its manifest."""
    return sample_county(years=YEARS, seed=SEED, measure=True)


@pytest.fixture(scope="session")
def manifest(county: Path) -> dict:
    return json.loads((county / "manifest.json").read_text(encoding="utf-8"))


def read_extract(folder: Path, name: str) -> pd.DataFrame:
    """One written extract, every cell as text as the file has it."""
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def crimes(county: Path) -> pd.DataFrame:
    """The county's police crimes, with ``ts`` parsed from ``occurred_at`` (read once)."""
    frame = read_extract(county, "police_crimes.csv")
    frame["ts"] = pd.to_datetime(frame["occurred_at"], format="%Y-%m-%d %H:%M")
    return frame


def northants_serious(crimes: pd.DataFrame) -> pd.DataFrame:
    """The Northamptonshire preset restated from its YAML by hand (codes and flags only)."""
    mix = offence_mix()
    group = dict(zip(mix.code, mix.group, strict=True))
    code = crimes["ho_code"]
    knife, da = crimes["knife"] == "Y", crimes["domestic_abuse"] == "Y"
    homicide = code.isin(["1", "4/1", "4/2", "4/10"])
    sexual = code.map(group).eq("Sexual offences")
    robbery = code.isin(["34A", "34B"])
    knife_codes = ["1", "4/1", "4/2", "4/10", "2", "3B", "8N", "8P", "8S", "5D", "5E", "34A",
                   "34B", "19C", "19D", "19E", "19F", "19G", "19H", "17A", "17B", "20A",
                   "20B"]  # fmt: skip
    knife_enabled = knife & code.isin(knife_codes)
    firearm = (crimes["firearm"] == "Y") & code.map(group).isin(
        ["Violence against the person", "Robbery", "Sexual offences"]
    )
    domestic = da & code.isin(["1", "4/1", "4/2", "4/10", "2", "5D", "5E"])
    serious = homicide | code.eq("2") | sexual | robbery | knife_enabled | firearm | domestic
    return pd.DataFrame(
        {"serious": serious, "sexual": sexual, "knife": knife_enabled, "robbery": robbery}
    )
