"""The three sizes of synthetic area: a county, a police force area, and the whole of England.

Each scale fixes how many LSOAs there are, where the grid sits on the map and how much crime a
year the police extract holds, so the other modules only read these numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from svduty.errors import SvdutyError


@dataclass(frozen=True)
class Scale:
    """Size and placement of one synthetic geography."""

    name: str
    n_lsoas: int
    columns: int
    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float
    crimes_per_year: int
    lsoas_per_district: int
    districts_per_csp: float
    n_forces: int
    county_name: str


SCALES: dict[str, Scale] = {
    "county": Scale(
        name="county",
        n_lsoas=400,
        columns=20,
        lon_min=-1.30,
        lon_max=-0.70,
        lat_min=52.10,
        lat_max=52.50,
        # ≈ 49 crimes per 1,000 residents: a low-crime county (the lowest forces record about 50),
        # so Northamptonshire's shares (serious violence 7.1% of crime, a quarter of it
        # knife-enabled) meet England and Wales's knife crime rate of about 0.85 per 1,000
        crimes_per_year=34_000,
        lsoas_per_district=70,
        districts_per_csp=1.5,
        n_forces=1,
        county_name="Sample County",
    ),
    "force": Scale(
        name="force",
        n_lsoas=1_200,
        columns=35,
        lon_min=-1.80,
        lon_max=-0.40,
        lat_min=51.90,
        lat_max=52.80,
        crimes_per_year=150_000,
        lsoas_per_district=75,
        districts_per_csp=1.5,
        n_forces=1,
        county_name="Sample Force",
    ),
    "national": Scale(
        name="national",
        n_lsoas=32_844,
        columns=182,
        lon_min=-5.70,
        lon_max=1.70,
        lat_min=50.10,
        lat_max=55.70,
        crimes_per_year=6_500_000,
        lsoas_per_district=100,
        districts_per_csp=1.1,
        n_forces=39,
        county_name="Sample England",
    ),
}


def get_scale(name: str) -> Scale:
    """The scale called ``name``; a user-fixable error names the valid choices."""
    try:
        return SCALES[name]
    except KeyError:
        choices = ", ".join(SCALES)
        raise SvdutyError(f"unknown scale {name!r}: choose one of {choices}") from None
