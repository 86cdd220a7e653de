"""The area a needs assessment covers, always explicit.

An assessment's area is ``--area`` (an LSOA, district, community safety partnership or force area
code) or, without it, **the area the crime data covers**: the districts in which at least half of
the LSOAs have at least one recorded crime of the definition's source in the period
(:data:`DISTRICT_COVERAGE`). A force's download covers every LSOA of its own districts over a few
months (Northumbria: 916 of 916), while the crimes it records over a border fall in a handful of
LSOAs of the neighbouring district, so the rule keeps the force's districts and leaves its
neighbours out, whatever the force's size. It needs no population and no threshold on volume. When
the districts chosen make up whole force areas, the area is named by the force area.

Without any LSOA → district link in the warehouse (no boundaries and no geo-lookup), the area is
the LSOAs the crime records fall in. Every denominator (population, IMD deciles, concentration,
hot-spot neighbours) is restricted to the area, so a national population file imported beside a
force's crime data no longer dilutes its rates.

Crimes without an LSOA stay in the assessment when the area covers all the data's districts (the
area chosen from the data, or an ``--area`` that contains it): a crime the force recorded without
a location is still one of its crimes. A smaller ``--area`` cannot place them, so it leaves them
out and the scope section and key findings say how many.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: A district is in the data's area when at least this share of its LSOAs has a recorded crime.
DISTRICT_COVERAGE = 0.5
FROM_OPTION = "--area"
FROM_DATA = "the crime data"
LEVEL_NAMES = {
    "lsoa": "LSOA",
    "district": "local authority district",
    "csp": "community safety partnership",
    "pfa": "police force area",
}


@dataclass(frozen=True)
class Area:
    """What the assessment covers and how it was chosen.

    ``lsoas`` holds the area's LSOAs with their parents (the columns of the context's LSOA
    hierarchy); ``districts`` the ``district_code, district_name, csp_code, csp_name`` rows of
    the districts it covers (empty when the warehouse has no districts).
    """

    name: str
    chosen_by: str
    lsoas: pd.DataFrame
    districts: pd.DataFrame
    keeps_unlocated: bool

    @property
    def lsoa_codes(self) -> list[str]:
        return sorted(self.lsoas.lsoa_code)

    def partnerships(self) -> list[str]:
        """The community safety partnerships the area's districts belong to, by name."""
        if self.districts.empty:
            return []
        names = self.districts.csp_name.fillna(self.districts.csp_code).dropna()
        return sorted(set(names))


def named_area(
    code: str, hierarchy: pd.DataFrame, names: dict[str, tuple[str, str]], data_districts: set
) -> Area:
    """The area of ``--area code``: the hierarchy's LSOAs at or under ``code``."""
    inside = hierarchy[
        (hierarchy.lsoa_code == code)
        | (hierarchy.district_code == code)
        | (hierarchy.csp_code == code)
        | (hierarchy.pfa_code == code)
    ]
    name, level = names.get(code, (None, None))
    label = f"{name} ({code}, {LEVEL_NAMES.get(level, level)})" if name else code
    districts = _districts(inside)
    covers_data = bool(data_districts) and data_districts <= set(districts.district_code)
    return Area(label, FROM_OPTION, inside, districts, keeps_unlocated=covers_data)


def data_area(
    hierarchy: pd.DataFrame,
    crime_lsoas: pd.Series,
    names: dict[str, tuple[str, str]],
    force_districts: dict[str, set[str]],
) -> Area:
    """The area the crime data covers (see the module docstring).

    ``crime_lsoas`` are the distinct LSOA codes of the located crimes in scope;
    ``force_districts`` every district of each force area the geo-lookup knows.
    """
    crime_lsoas = set(crime_lsoas.dropna())
    linked = hierarchy[hierarchy.district_code.notna()]
    if linked.empty:
        inside = hierarchy[hierarchy.lsoa_code.isin(crime_lsoas)]
        known = set(inside.lsoa_code)
        extra = sorted(crime_lsoas - known)
        if extra:
            inside = pd.concat(
                [inside, pd.DataFrame({"lsoa_code": extra})], ignore_index=True
            ).reindex(columns=hierarchy.columns)
        name = f"the {len(inside):,} LSOAs the crime records fall in (no districts imported)"
        return Area(name, FROM_DATA, inside, _districts(inside), keeps_unlocated=True)
    chosen = covered_districts(linked, crime_lsoas)
    inside = linked[linked.district_code.isin(chosen)]
    districts = _districts(inside)
    return Area(_name(districts, names, force_districts), FROM_DATA, inside, districts, True)


def covered_districts(linked: pd.DataFrame, crime_lsoas: set) -> list[str]:
    """Districts with at least :data:`DISTRICT_COVERAGE` of their LSOAs holding a crime.

    When none reaches it (a very small extract), the district with the most LSOAs holding a
    crime: the data's area is never empty while any crime is placed.
    """
    has_crime = linked.lsoa_code.isin(crime_lsoas)
    share = has_crime.groupby(linked.district_code).mean()
    chosen = sorted(share[share >= DISTRICT_COVERAGE].index)
    if chosen or not has_crime.any():
        return chosen
    most = has_crime.groupby(linked.district_code).sum()
    return [str(most.idxmax())]


def _districts(lsoas: pd.DataFrame) -> pd.DataFrame:
    columns = ["district_code", "district_name", "csp_code", "csp_name", "pfa_code"]
    if "district_code" not in lsoas or lsoas.district_code.isna().all():
        return pd.DataFrame(columns=columns)
    present = lsoas[lsoas.district_code.notna()]
    return (
        present.reindex(columns=columns)
        .drop_duplicates("district_code")
        .sort_values("district_code")
        .reset_index(drop=True)
    )


def _name(
    districts: pd.DataFrame,
    names: dict[str, tuple[str, str]],
    force_districts: dict[str, set[str]],
) -> str:
    """Whole force areas by name; otherwise the districts' names."""
    if districts.empty:
        return "no area: no crime is placed in an LSOA"
    chosen = set(districts.district_code)
    whole_forces = [
        pfa
        for pfa in sorted(districts.pfa_code.dropna().unique())
        if force_districts.get(pfa) and force_districts[pfa] <= chosen
    ]
    covered_by_forces = set().union(*(force_districts[pfa] for pfa in whole_forces))
    if whole_forces and chosen <= covered_by_forces:
        labels = [f"{names.get(pfa, (pfa,))[0]} ({pfa})" for pfa in whole_forces]
        kind = "police force area" if len(labels) == 1 else "police force areas"
        return f"{_join(labels)} {kind}"
    district_names = districts.district_name.fillna(districts.district_code)
    return _join(list(district_names))


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
