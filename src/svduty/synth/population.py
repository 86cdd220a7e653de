"""Resident population by LSOA, year, age band, sex and ethnicity.

Town centres hold more young adults and more ethnic diversity, deprived areas more children, as in
ONS mid-year estimates; every breakdown is an exact integer split of the LSOA total, so totals agree
whichever way a report sums them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

AGE_BANDS = ("0-17", "18-24", "25+")
SEXES = ("F", "M")
ETHNICITIES = ("Asian", "Black", "Mixed", "White", "Other")
ANNUAL_GROWTH = 0.006
MEAN_LSOA_RESIDENTS = 1720  # England mid-2020: 56.55 million residents in 32,844 LSOAs (ONS)


@dataclass(frozen=True)
class Population:
    """Population counts indexed [year, lsoa, age band, sex, ethnicity]."""

    years: tuple[int, ...]
    counts: np.ndarray

    def total(self) -> np.ndarray:
        """[year, lsoa] totals."""
        return self.counts.sum(axis=(2, 3, 4))

    def by_age_band(self) -> np.ndarray:
        """[year, age band] totals over the whole area."""
        return self.counts.sum(axis=(1, 3, 4))


def build_population(
    years: tuple[int, ...],
    need: np.ndarray,
    town_core: np.ndarray,
    rng: np.random.Generator,
) -> Population:
    """Integer population counts whose breakdowns sum exactly to each LSOA's total."""
    n = len(need)
    base = np.clip(rng.normal(MEAN_LSOA_RESIDENTS, 220, size=n), 1000, 3000)
    young = np.clip(0.085 + 0.05 * town_core, 0.06, 0.2)
    children = np.clip(0.205 + 0.02 * np.tanh(need) - 0.03 * town_core, 0.12, 0.28)
    age_p = np.stack([children, young, 1 - children - young], axis=1)
    white = np.clip(0.87 - 0.12 * town_core - 0.03 * np.tanh(need), 0.5, 0.95)
    others = np.array([0.45, 0.2, 0.22, 0.13])  # Asian, Black, Mixed, Other share of the rest
    eth_p = np.column_stack([(1 - white)[:, None] * others[:3], white, (1 - white) * others[3]])

    counts = np.zeros((len(years), n, 3, 2, len(ETHNICITIES)), dtype=np.int64)
    for y in range(len(years)):
        totals = np.round(base * (1 + ANNUAL_GROWTH) ** y).astype(np.int64)
        by_age = rng.multinomial(totals, age_p)
        for a in range(3):
            by_sex = rng.multinomial(by_age[:, a], np.tile([0.505, 0.495], (n, 1)))
            for s in range(2):
                counts[y, :, a, s, :] = rng.multinomial(by_sex[:, s], eth_p)
    return Population(years=years, counts=counts)


def population_table(population: Population, lsoa_code: np.ndarray) -> pa.Table:
    """The long layout ``area_code, year, age_band, sex, ethnicity, population``."""
    y, lsoa, age, sex, eth = np.unravel_index(
        np.arange(population.counts.size), population.counts.shape
    )
    return pa.table(
        {
            "area_code": lsoa_code[lsoa],
            "year": np.array(population.years, dtype=np.int64)[y],
            "age_band": np.array(AGE_BANDS)[age],
            "sex": np.array(SEXES)[sex],
            "ethnicity": np.array(ETHNICITIES)[eth],
            "population": population.counts.reshape(-1),
        }
    )
