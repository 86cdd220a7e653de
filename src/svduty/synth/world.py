"""The fixed backdrop of a synthetic run: places, deprivation, people living there, hotspots.

Everything that does not change month to month is built here once; the extract generators only
read it. Serious violence follows a surface of its own: population times deprivation, with two
persistent hotspot clusters (the two town centres' night-time economies) high in every year and
one emerging cluster that turns high in the last two years.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svduty.synth.calibration import MOST_DEPRIVED_DECILES, TARGETS
from svduty.synth.deprivation import Deprivation, build_deprivation, smooth_field, town_surface
from svduty.synth.geography import Areas, build_areas
from svduty.synth.population import Population, build_population
from svduty.synth.scales import Scale

EMERGING_YEARS = 2
HOTSPOT_CENTRE_FACTOR = 16.0
HOTSPOT_NEIGHBOUR_FACTOR = 7.0
TOWN_CENTRE_FACTOR = 8.0  # every town's centre concentrates violence, whatever the scale


@dataclass(frozen=True)
class Hotspots:
    """LSOA indices of the persistent and emerging hotspot clusters (centre first)."""

    persistent: tuple[np.ndarray, ...]
    emerging: np.ndarray


@dataclass(frozen=True)
class World:
    scale: Scale
    years: tuple[int, ...]
    areas: Areas
    deprivation: Deprivation
    population: Population
    hotspots: Hotspots
    town_core: np.ndarray
    violence_surface: np.ndarray  # [year, lsoa] probabilities
    general_surface: np.ndarray  # [year, lsoa] probabilities

    @property
    def most_deprived(self) -> np.ndarray:
        return np.isin(self.deprivation.imd_decile, MOST_DEPRIVED_DECILES)


def _interior(areas: Areas, margin: int = 2) -> np.ndarray:
    return (
        (areas.row >= margin)
        & (areas.row < areas.rows - margin - 1)
        & (areas.col >= margin)
        & (areas.col < areas.columns - margin)
    )


def _town_centres(areas: Areas) -> np.ndarray:
    """Per district, the interior LSOA nearest the district's middle."""
    interior = _interior(areas, 1)
    centres = []
    for d in range(len(areas.district_code)):
        members = np.flatnonzero((areas.district_of_lsoa == d) & interior)
        if len(members) == 0:
            members = np.flatnonzero(areas.district_of_lsoa == d)
        r, c = areas.row[members].mean(), areas.col[members].mean()
        centres.append(
            members[np.argmin((areas.row[members] - r) ** 2 + (areas.col[members] - c) ** 2)]
        )
    return np.array(centres)


def _cluster(areas: Areas, centre: int) -> np.ndarray:
    return np.array([centre, *areas.rook_neighbours(centre)])


def _choose_hotspots(areas: Areas, towns: np.ndarray, rng: np.random.Generator) -> Hotspots:
    first = towns[0]
    second = towns[min(2, len(towns) - 1)] if len(towns) > 1 else towns[0]
    if second == first:  # a one-district geography: put the second centre away from the first
        far = np.flatnonzero(_interior(areas))
        second = far[np.argmax(np.abs(areas.col[far] - areas.col[first]))]
    distance = np.full(areas.n, np.inf)
    for town in towns:
        distance = np.minimum(
            distance, np.hypot(areas.row - areas.row[town], areas.col - areas.col[town])
        )
    candidates = np.flatnonzero(_interior(areas) & (distance >= 4))
    if len(candidates) == 0:
        candidates = np.flatnonzero(_interior(areas) & (distance >= 2))
    emerging = int(rng.choice(candidates))
    return Hotspots(
        persistent=(_cluster(areas, int(first)), _cluster(areas, int(second))),
        emerging=_cluster(areas, emerging),
    )


def _calibrate_deprived_share(
    weights: np.ndarray, deprived: np.ndarray, share: float
) -> np.ndarray:
    """Rescale the two groups so the most deprived LSOAs hold exactly ``share`` of the weight."""
    inside, outside = weights[deprived].sum(), weights[~deprived].sum()
    scaled = weights.copy()
    scaled[deprived] *= share / inside
    scaled[~deprived] *= (1 - share) / outside
    return scaled / scaled.sum()


def build_world(scale: Scale, years: tuple[int, ...], rng: np.random.Generator) -> World:
    areas = build_areas(scale, rng)
    towns = _town_centres(areas)
    hotspots = _choose_hotspots(areas, towns, rng)
    centres = np.array([cluster[0] for cluster in hotspots.persistent])
    need = (
        1.4 * town_surface(areas, towns, width=2.2)
        + 2.0 * town_surface(areas, centres, width=1.3)
        + 0.8 * smooth_field(areas, rng)
    )
    need = (need - need.mean()) / need.std()
    deprivation = build_deprivation(areas, need, rng)
    town_core = np.clip(town_surface(areas, towns, width=1.0), 0, 1)
    population = build_population(years, need, town_core, rng)

    deprived = np.isin(deprivation.imd_decile, MOST_DEPRIVED_DECILES)
    base = (
        np.exp(0.45 * need)
        * (1 + TOWN_CENTRE_FACTOR * town_core**2)
        * rng.lognormal(0.0, 0.35, size=areas.n)
    )
    share = TARGETS["most_deprived_share"].value
    violence = np.zeros((len(years), areas.n))
    general = np.zeros((len(years), areas.n))
    for y in range(len(years)):
        residents = population.total()[y]
        weights = residents * base
        boosted = [*hotspots.persistent]
        if y >= len(years) - EMERGING_YEARS and len(years) > EMERGING_YEARS:
            boosted.append(hotspots.emerging)
        for cluster in boosted:
            weights[cluster[0]] *= HOTSPOT_CENTRE_FACTOR
            weights[cluster[1:]] *= HOTSPOT_NEIGHBOUR_FACTOR
        violence[y] = _calibrate_deprived_share(weights, deprived, share)
        everyday = residents * np.exp(0.3 * need) * (1 + 2.0 * town_core)
        general[y] = everyday / everyday.sum()
    return World(
        scale=scale,
        years=years,
        areas=areas,
        deprivation=deprivation,
        population=population,
        hotspots=hotspots,
        town_core=town_core,
        violence_surface=violence,
        general_surface=general,
    )
