"""The scope of a needs assessment and the warehouse tables every section starts from.

A section never reads raw warehouse tables for crime: it asks the context for ``crimes`` (all
recorded crime in scope, anti-social behaviour excluded, classified under the definition) or
``serious_violence``. The context decides once which source the definition reads (force records
for offence-code definitions, data.police.uk rows for a proxy definition), filters area and
period, joins the youngest victim and suspect ages and materialises the result, so every section
sees the same rows and the classification runs once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

import ibis
import pandas as pd

from svduty.analysis.area import Area, data_area, named_area
from svduty.definitions.classifier import (
    IS_SERIOUS_VIOLENCE,
    TAG_COLUMNS,
    classify,
    required_columns,
)
from svduty.errors import SvdutyError
from svduty.reference import DISTRICT_SUCCESSORS

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends.duckdb import Backend

    from svduty.definitions import Definition

#: data.police.uk's anti-social behaviour rows are incidents, not recorded crime.
ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"
FORCE_SOURCE = "police-crimes"
POLICE_UK_SOURCE = "police-uk"
AREA_LEVELS = ("lsoa", "district", "csp", "pfa")
#: The ``crimes`` columns sections read. Coordinates, free text and provenance stay in the
#: warehouse: carrying them into the materialised table cost a third of its build time.
SECTION_COLUMNS = (
    "crime_ref",
    "ho_code",
    "police_uk_crime_type",
    "occurred_at",
    "occurred_month",
    "lsoa_code",
    "knife",
    "firearm",
    "domestic_abuse",
    "location_type",
    "youngest_victim_age",
    "youngest_suspect_age",
)


@dataclass(frozen=True)
class Scope:
    """What the assessment covers: a definition, optionally one area and a month range."""

    definition: Definition
    area_code: str | None = None
    start_month: date | None = None
    end_month: date | None = None
    #: The day the assessment is produced, for data staleness; None means today.
    report_date: date | None = None

    def __post_init__(self) -> None:
        for month in (self.start_month, self.end_month):
            if month is not None and month.day != 1:
                raise ValueError("scope months are the first day of a month")
        if self.start_month and self.end_month and self.start_month > self.end_month:
            raise SvdutyError(
                f"the period starts ({self.start_month:%Y-%m}) after it ends "
                f"({self.end_month:%Y-%m})"
            )


class AnalysisContext:
    """Shared, materialised inputs for the sections of one needs assessment."""

    def __init__(self, con: Backend, scope: Scope) -> None:
        self.con = con
        self.scope = scope

    # -- what the warehouse holds -------------------------------------------------------------

    def has_rows(self, table: str) -> bool:
        """Does the warehouse table exist and hold at least one row?"""
        if table not in self.con.list_tables():
            return False
        return bool(self.con.table(table).limit(1).count().execute())

    @cached_property
    def crime_source(self) -> str:
        """The ``crimes.source`` the definition reads: police.uk rows for a proxy definition."""
        return POLICE_UK_SOURCE if self.scope.definition.proxy else FORCE_SOURCE

    # -- geography ----------------------------------------------------------------------------

    @cached_property
    def lsoa_hierarchy(self) -> ir.Table:
        """One row per LSOA known to the warehouse: its district, CSP and force area codes.

        Built from the parent links in ``areas`` (LSOA → district → CSP → PFA); a level the
        warehouse lacks is null. Materialised once.
        """
        areas = self.con.table("areas")
        # The newest batch wins when an area was imported twice (e.g. a later geo-lookup).
        newest = ibis.row_number().over(
            group_by=[areas.area_code, areas.area_type], order_by=ibis.desc(areas.batch_id)
        )
        latest = (
            areas.mutate(_newest=newest)
            .filter(lambda t: t._newest == 0)
            .select("area_code", "area_name", "area_type", "parent_code")
        )
        lsoa = latest.filter(latest.area_type == "lsoa")
        district = latest.filter(latest.area_type == "district")
        csp = latest.filter(latest.area_type == "csp")
        # An LSOA filed under a superseded district code (2011 boundaries) takes its
        # successor, unless the warehouse knows the old district itself.
        parent = lsoa.parent_code
        current = parent.substitute(DISTRICT_SUCCESSORS, else_=parent)
        district_code = ibis.ifelse(parent.isin(district.area_code), parent, current)
        levels = lsoa.select(
            lsoa_code=lsoa.area_code, lsoa_name=lsoa.area_name, district_code=district_code
        )
        levels = levels.left_join(
            district.select(
                d_code=district.area_code,
                district_name=district.area_name,
                csp_code=district.parent_code,
            ),
            levels.district_code == district.area_code,
        ).drop("d_code")
        levels = levels.left_join(
            csp.select(c_code=csp.area_code, csp_name=csp.area_name, pfa_code=csp.parent_code),
            levels.csp_code == csp.area_code,
        ).drop("c_code")
        return self.materialise("sna_lsoa_hierarchy", levels)

    @cached_property
    def area(self) -> Area:
        """The assessment's area: ``--area``, else the area the crime data covers (``area``)."""
        hierarchy = self.lsoa_hierarchy.to_pandas()
        crimes = self._source_crimes()
        placed = crimes.filter(crimes.lsoa_code.notnull()).select("lsoa_code").distinct()
        crime_lsoas = placed.to_pandas().lsoa_code
        names, force_districts = self._area_names()
        found = data_area(hierarchy, crime_lsoas, names, force_districts)
        code = self.scope.area_code
        if code is None:
            return found
        area = named_area(code, hierarchy, names, set(found.districts.district_code))
        if area.lsoas.empty:
            raise SvdutyError(
                f"area {code} is not in the warehouse: import boundaries and the geo-lookup "
                "that contain it, or leave out --area"
            )
        return area

    @cached_property
    def area_lsoas(self) -> ir.Table | None:
        """The area's LSOAs (``lsoa_code`` and its parents), or None with no LSOA at all."""
        lsoas = self.area.lsoas
        if lsoas.empty:
            return None
        columns = self.lsoa_hierarchy.schema()
        frame = lsoas.reindex(columns=list(columns.names)).astype(object)
        frame = frame.where(pd.notna(frame), None)
        return self.materialise("sna_area_lsoas", ibis.memtable(frame, schema=columns))

    def _area_names(self) -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
        """Names and types of the districts, CSPs and forces; each force's districts."""
        areas = self.con.table("areas")
        rows = (
            areas.filter(areas.area_type.isin(["district", "csp", "pfa"]))
            .select("area_code", "area_name", "area_type", "parent_code", "batch_id")
            .to_pandas()
            .sort_values("batch_id")
            .drop_duplicates(["area_code", "area_type"], keep="last")
        )
        names = {
            row.area_code: (row.area_name or row.area_code, row.area_type)
            for row in rows.itertuples()
        }
        csp_force = dict(
            zip(
                rows[rows.area_type == "csp"].area_code,
                rows[rows.area_type == "csp"].parent_code,
                strict=True,
            )
        )
        force_districts: dict[str, set[str]] = {}
        for row in rows[rows.area_type == "district"].itertuples():
            force = csp_force.get(row.parent_code)
            if force:
                force_districts.setdefault(force, set()).add(row.area_code)
        return names, force_districts

    # -- crime --------------------------------------------------------------------------------

    @cached_property
    def crimes(self) -> ir.Table:
        """All recorded crime in scope (ASB excluded), classified under the definition.

        Columns: :data:`SECTION_COLUMNS` (the ``crimes`` columns sections use, with
        ``youngest_victim_age`` and ``youngest_suspect_age``), ``is_serious_violence`` and the
        ``sv_<tag>`` booleans (not the ``sv_categories`` array: no section needs it).
        """
        crimes = self._source_crimes()
        crimes = self._in_area(crimes, "lsoa_code", keep_unlocated=self.area.keeps_unlocated)
        classified = classify(
            self.scope.definition,
            self._with_youngest_ages(crimes),
            on_unknown_code="ignore",
            codes_from=crimes,  # the distinct codes without paying for the people join
        )
        kept = classified.select(*SECTION_COLUMNS, *TAG_COLUMNS, IS_SERIOUS_VIOLENCE)
        return self.materialise("sna_crimes", kept)

    def _source_crimes(self) -> ir.Table:
        """The definition's source's recorded crime in the period, anywhere (ASB excluded)."""
        crimes = self.con.table("crimes")
        crimes = crimes.filter(crimes.source == self.crime_source)
        if self.crime_source == POLICE_UK_SOURCE:
            crimes = crimes.filter(crimes.police_uk_crime_type != ANTI_SOCIAL_BEHAVIOUR)
        return self._in_period(crimes, crimes.occurred_month)

    def unlocated_serious_violence_anywhere(self) -> int:
        """Serious-violence crimes of the source and period with no LSOA, whatever the area."""
        crimes = self._source_crimes()
        crimes = crimes.filter(crimes.lsoa_code.isnull())
        classified = classify(
            self.scope.definition,
            self._with_youngest_ages(crimes),
            on_unknown_code="ignore",
            codes_from=crimes,
        )
        return int(classified.filter(classified[IS_SERIOUS_VIOLENCE]).count().execute())

    def outside_area(self) -> pd.DataFrame:
        """``district, lsoas, crimes, serious_violence`` of the located crimes outside the area.

        ``district`` is the district's name, or "LSOA not in the warehouse's geography" for an
        LSOA code no imported boundary or lookup knows. Crimes without an LSOA are not here:
        see :mod:`svduty.analysis.coverage`.
        """
        columns = ["district", "lsoas", "crimes", "serious_violence"]
        crimes = self._source_crimes()
        crimes = crimes.filter(crimes.lsoa_code.notnull())
        lsoas = self.area_lsoas
        if lsoas is not None:
            crimes = crimes.filter(~crimes.lsoa_code.isin(lsoas.lsoa_code))
        classified = classify(
            self.scope.definition,
            self._with_youngest_ages(crimes),
            on_unknown_code="ignore",
            codes_from=crimes,
        )
        counts = (
            classified.group_by("lsoa_code")
            .aggregate(
                crimes=classified.count(),
                serious_violence=classified[IS_SERIOUS_VIOLENCE].sum(),
            )
            .to_pandas()
        )
        if counts.empty:
            return pd.DataFrame(columns=columns)
        hierarchy = self.lsoa_hierarchy.select("lsoa_code", "district_name", "district_code")
        counts = counts.merge(hierarchy.to_pandas(), on="lsoa_code", how="left")
        counts["district"] = counts.district_name.fillna(counts.district_code).fillna(
            "LSOA not in the warehouse's geography"
        )
        grouped = counts.groupby("district", as_index=False).agg(
            lsoas=("lsoa_code", "nunique"),
            crimes=("crimes", "sum"),
            serious_violence=("serious_violence", "sum"),
        )
        grouped = grouped.astype({"lsoas": "int64", "crimes": "int64", "serious_violence": "int64"})
        return grouped.sort_values(["crimes", "district"], ascending=[False, True])[
            columns
        ].reset_index(drop=True)

    @cached_property
    def serious_violence(self) -> ir.Table:
        """The crimes in scope that the definition counts as serious violence."""
        crimes = self.crimes
        return crimes.filter(crimes.is_serious_violence)

    @cached_property
    def period(self) -> tuple[date, date] | None:
        """First and last month with crime in scope, or None when there is none."""
        crimes = self.crimes
        row = crimes.aggregate(
            first=crimes.occurred_month.min(), last=crimes.occurred_month.max()
        ).execute()
        first, last = row["first"].iloc[0], row["last"].iloc[0]
        if first is None or first != first:  # None or NaT
            return None
        return _as_date(first), _as_date(last)

    # -- helpers for sections -----------------------------------------------------------------

    def in_scope(
        self,
        table: ir.Table,
        month_column: str | None,
        lsoa_column: str | None,
        *,
        keep_unlocated: bool | None = None,
    ) -> ir.Table:
        """``table`` limited to the scope's period (by a DATE/TIMESTAMP column) and area.

        A row whose LSOA is null stays when the area covers all the crime data's districts (a
        record without a place is still one of the partnership's) and goes for a smaller
        ``--area``, which cannot place it; ``keep_unlocated`` overrides that.
        """
        if keep_unlocated is None:
            keep_unlocated = self.area.keeps_unlocated
        if month_column is not None:
            table = self._in_period(table, table[month_column])
        if lsoa_column is not None:
            table = self._in_area(table, lsoa_column, keep_unlocated=keep_unlocated)
        return table

    def _in_period(self, table: ir.Table, when: ir.Value) -> ir.Table:
        start, end = self.scope.start_month, self.scope.end_month
        month = when.cast("date").truncate("M")
        if start is not None:
            table = table.filter(month >= start)
        if end is not None:
            table = table.filter(month <= end)
        return table

    def _in_area(self, table: ir.Table, lsoa_column: str, *, keep_unlocated: bool) -> ir.Table:
        lsoas = self.area_lsoas
        if lsoas is None:
            return table
        inside = table[lsoa_column].isin(lsoas.lsoa_code)
        if keep_unlocated:
            inside = inside | table[lsoa_column].isnull()
        return table.filter(inside)

    def _with_youngest_ages(self, crimes: ir.Table) -> ir.Table:
        """``crimes`` with the youngest victim's and suspect's ages from ``crime_people``.

        Only a definition with an age rule needs them (no section reads them); for any other
        the columns are null and the group-by and join over every person are skipped.
        """
        if not {"youngest_victim_age", "youngest_suspect_age"} & set(
            required_columns(self.scope.definition)
        ):
            unknown = ibis.null().cast("int16")
            return crimes.mutate(youngest_victim_age=unknown, youngest_suspect_age=unknown)
        people = self.con.table("crime_people")
        ages = people.group_by(people.crime_ref).aggregate(
            youngest_victim_age=people.age.min(where=people.role == "victim"),
            youngest_suspect_age=people.age.min(where=people.role == "suspect"),
        )
        ages = ages.rename(people_crime_ref="crime_ref")
        joined = crimes.left_join(ages, crimes.crime_ref == ages.people_crime_ref)
        return joined.drop("people_crime_ref")

    def materialise(self, name: str, table: ir.Table) -> ir.Table:
        """Compute ``table`` once into a temporary DuckDB table; later reads are cheap.

        Sections use it for an intermediate they aggregate several times (a join over
        millions of rows would otherwise run once per aggregate). A TEMP table works on a
        read-only warehouse and lasts as long as the connection; the suffix keeps two
        contexts on one connection apart.
        """
        # Not ``Table.cache()``: it drops its table from a garbage-collection finaliser, which
        # runs after the callers' ``disconnect()`` and, under Ibis 12 with sqlglot 30, emits a
        # bare ``DROP TABLE IF EXISTS``; nor ``overwrite=True``, which takes the same path.
        return self.con.create_table(f"{name}_{uuid.uuid4().hex}", table, temp=True)


def _as_date(value: object) -> date:
    if hasattr(value, "date"):
        return value.date()  # pandas Timestamp or datetime
    return value  # already a date
