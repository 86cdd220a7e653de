"""The fixed backdrop of a synthetic run: places, deprivation, people living there, hotspots.

Everything that does not change month to month is built here once; the extract generators only
read it. Crime is placed on three surfaces, each a probability per LSOA and year:

- **residential** (domestic abuse, sexual offences): residents × a deprivation gradient × a
  bounded place effect. The gradient falls by the same factor with each tenth of the national IMD
  ranking, so every decile has less serious violence per resident than the one more deprived;
  the place effect is a lognormal draw clipped at two standard deviations, so no LSOA is
  implausibly far from what its deprivation predicts.
- **violence** (public-space violence, robbery, the night-time economy): the residential surface
  × each town centre's night-time economy (town-centre LSOAs draw visitors, not residents), with
  two persistent hotspot clusters (the two largest towns' centres and their neighbours) high in
  every year and one emerging cluster, on a deprived estate away from the towns, that turns high
  in the last two years.
- **general** (all other crime): residents, a gentle deprivation gradient and the town centres.

The factors are sized so that the top 5% of LSOAs hold about a quarter of serious violence and
no LSOA more than about 3%, as on real forces' data (see ``calibration.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svduty.synth.calibration import MOST_DEPRIVED_DECILES
from svduty.synth.deprivation import (
    ENGLAND_LSOAS,
    Deprivation,
    build_deprivation,
    rank_header,
    smooth_field,
    town_surface,
)
from svduty.synth.geography import Areas, build_areas
from svduty.synth.population import Population, build_population
from svduty.synth.scales import Scale

EMERGING_YEARS = 2
# Every town's inner core is deprived (IMD deciles 1-2), as real town centres mostly are.
TOWN_CORE_NEED = 1.2
# Serious violence per resident in the most deprived tenth of England's LSOAs over the least
# deprived tenth (decile midpoints), before town centres and hotspots add their share.
DEPRIVATION_GRADIENT = 2.7
GENERAL_GRADIENT = 2.0  # the same for all other crime: it follows deprivation less steeply
PLACE_EFFECT_SIGMA = 1.2  # lognormal sd of what an LSOA's deprivation does not explain
PLACE_EFFECT_BOUND = 1.6  # the place effect is clipped at this many sd either way
TOWN_CENTRE_FACTOR = 3.0  # extra violence at a town centre's core (its night-time economy)
HOTSPOT_CENTRE_FACTOR = 14.0
HOTSPOT_NEIGHBOUR_FACTOR = 6.0
EMERGING_CENTRE_FACTOR = 6.0
EMERGING_NEIGHBOUR_FACTOR = 2.5


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
    residential_surface: np.ndarray  # [year, lsoa] probabilities
    general_surface: np.ndarray  # [year, lsoa] probabilities

    @property
    def most_deprived(self) -> np.ndarray:
        return np.isin(self.deprivation.imd_decile, MOST_DEPRIVED_DECILES)

    def surface(self, name: str) -> np.ndarray:
        """The [year, lsoa] surface a stratum names: violence, residential or general."""
        return {
            "violence": self.violence_surface,
            "residential": self.residential_surface,
            "general": self.general_surface,
        }[name]


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


def _persistent_centres(areas: Areas, towns: np.ndarray) -> tuple[int, int]:
    """The centres of the first and third towns (two town centres some way apart)."""
    first = int(towns[0])
    second = int(towns[min(2, len(towns) - 1)]) if len(towns) > 1 else first
    if second == first:  # a one-district geography: put the second centre away from the first
        far = np.flatnonzero(_interior(areas))
        second = int(far[np.argmax(np.abs(areas.col[far] - areas.col[first]))])
    return first, second


def _emerging_centre(
    areas: Areas,
    towns: np.ndarray,
    decile: np.ndarray,
    weight: np.ndarray,
    rng: np.random.Generator,
) -> int:
    """A deprived LSOA at least 4 cells from every town centre, not already among the busiest.

    Emerging hot spots in needs assessments are estates that turn violent (a feud, a drug line),
    so the centre is in IMD deciles 1-2 when one is far enough from the towns, and it and its
    neighbours are below the top 20% of LSOAs by expected violence, so it is not high before.
    """
    distance = np.full(areas.n, np.inf)
    for town in towns:
        distance = np.minimum(
            distance, np.hypot(areas.row - areas.row[town], areas.col - areas.col[town])
        )
    # quiet: the LSOA and each of its neighbours below the top 20% of expected violence
    calm = weight < np.quantile(weight, 0.8)
    quiet = calm & np.array([calm[areas.rook_neighbours(i)].all() for i in range(areas.n)])
    for far, deprived in ((4, 2), (3, 2), (2, 3), (2, 10)):
        candidates = np.flatnonzero(
            _interior(areas) & (distance >= far) & (decile <= deprived) & quiet
        )
        if len(candidates):
            return int(rng.choice(candidates))
    return int(rng.choice(np.flatnonzero(_interior(areas))))


def gradient(rank: np.ndarray, ratio: float) -> np.ndarray:
    """Relative risk by national IMD rank (1 = most deprived): ``ratio`` from decile 1 to 10.

    Exponential in the rank, so each tenth of the national ranking lowers the risk by the same
    factor ``ratio ** (1 / 9)`` and the decile midpoints (5% and 95%) are ``ratio`` apart.
    """
    quantile = (rank - 0.5) / ENGLAND_LSOAS
    return ratio ** (-(quantile - 0.05) / 0.9)


def place_effect(decile: np.ndarray, residents: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """What deprivation does not explain: lognormal, clipped at ``PLACE_EFFECT_BOUND`` sd.

    A residual averages one over each IMD decile (weighted by residents), so the place effect
    moves violence between LSOAs of a decile and leaves the gradient across deciles alone.
    """
    z = np.clip(rng.standard_normal(len(decile)), -PLACE_EFFECT_BOUND, PLACE_EFFECT_BOUND)
    effect = np.exp(PLACE_EFFECT_SIGMA * z)
    for d in np.unique(decile):
        members = decile == d
        effect[members] *= residents[members].sum() / (residents[members] * effect[members]).sum()
    return effect


def _with_visitors(at_home: np.ndarray, visitors: np.ndarray) -> np.ndarray:
    """Residents' own violence plus the visitors' (``visitors`` in units of an average LSOA's).

    The visitors' part is added, not multiplied: it depends on what draws people there (a town
    centre's night-time economy, a hot spot), not on how deprived its residents are or on their
    place effect.
    """
    return at_home + visitors * at_home.mean()


def build_world(scale: Scale, years: tuple[int, ...], rng: np.random.Generator) -> World:
    areas = build_areas(scale, rng)
    towns = _town_centres(areas)
    first, second = _persistent_centres(areas, towns)
    centres = np.array([first, second])
    need = (
        1.4 * town_surface(areas, towns, width=2.2)
        + 2.0 * town_surface(areas, centres, width=1.3)
        + 0.8 * smooth_field(areas, rng)
        + TOWN_CORE_NEED * town_surface(areas, towns, width=1.0)
    )
    need = (need - need.mean()) / need.std()
    deprivation = build_deprivation(areas, need, rng)
    town_core = np.clip(town_surface(areas, towns, width=1.0), 0, 1)
    population = build_population(years, need, town_core, rng)

    rank = deprivation.columns[rank_header("Index of Multiple Deprivation (IMD)")]
    effect = place_effect(deprivation.imd_decile, population.total()[0], rng)
    residential_risk = gradient(rank, DEPRIVATION_GRADIENT) * effect
    general_risk = gradient(rank, GENERAL_GRADIENT) * (1 + 2.0 * town_core)
    night_time = TOWN_CENTRE_FACTOR * town_core**2
    persistent = (_cluster(areas, first), _cluster(areas, second))
    for cluster in persistent:
        night_time[cluster[0]] += HOTSPOT_CENTRE_FACTOR
        night_time[cluster[1:]] += HOTSPOT_NEIGHBOUR_FACTOR
    first_year = _with_visitors(population.total()[0] * residential_risk, night_time)
    emerging = _cluster(
        areas, _emerging_centre(areas, towns, deprivation.imd_decile, first_year, rng)
    )
    hotspots = Hotspots(persistent=persistent, emerging=emerging)
    rising = np.zeros(areas.n)
    rising[emerging[0]] = EMERGING_CENTRE_FACTOR
    rising[emerging[1:]] = EMERGING_NEIGHBOUR_FACTOR

    shape = (len(years), areas.n)
    violence, residential, general = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for y in range(len(years)):
        residents = population.total()[y]
        at_home = residents * residential_risk
        emerged = y >= len(years) - EMERGING_YEARS and len(years) > EMERGING_YEARS
        extra = rising if emerged else 0.0  # the estate's violence of every kind rises
        weights = _with_visitors(at_home, night_time + extra)
        violence[y] = weights / weights.sum()
        at_home = _with_visitors(at_home, extra)
        residential[y] = at_home / at_home.sum()
        everyday = residents * general_risk
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
        residential_surface=residential,
        general_surface=general,
    )
