"""Sample County extracts (synth, 1 year) and a warehouse built from them once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from svduty import config

#: What the dashboards need: geography, population, crimes and people (the rest is optional).
WAREHOUSE_IMPORTS = (
    ("geo-lookup", "geo_lookup.csv"),
    ("boundaries", "boundaries.geojson"),
    ("population", "population.csv"),
    ("police-crimes", "police_crimes.csv"),
    ("police-people", "police_people.csv"),
    ("hospital", "hospital_admissions.csv"),
)


@pytest.fixture(scope="session")
def county_extracts(sample_county) -> Path:
    """One year of Sample County, the same folder the insight browser test uploads from."""
    return sample_county(years=1, measure=False)


@pytest.fixture(scope="session")
def county_home(tmp_path_factory, county_extracts) -> Path:
    """An SVDUTY_HOME holding a warehouse of one year of Sample County."""
    from svduty.ingest import import_source

    home = tmp_path_factory.mktemp("county-home")
    previous = os.environ.get("SVDUTY_HOME")
    os.environ["SVDUTY_HOME"] = str(home)
    try:
        for source, name in WAREHOUSE_IMPORTS:
            import_source(source, county_extracts / name)
    finally:
        if previous is None:
            os.environ.pop("SVDUTY_HOME")
        else:
            os.environ["SVDUTY_HOME"] = previous
    return home


@pytest.fixture
def county_warehouse(county_home, _isolated_home) -> Path:
    """This test's SVDUTY_HOME with a copy of the county warehouse (and its pseudonym key)."""
    from svduty.web.insight import sections

    shutil.copytree(county_home, _isolated_home, dirs_exist_ok=True)
    sections.clear()
    return config.warehouse_path(None)
