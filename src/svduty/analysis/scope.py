"""Section 1, scope: the area, period and definition, the data behind them and its limits.

Sources come from ``batches`` (replaced batches left out). Monthly coverage counts each dated
source's rows per month of the period, by the source of the batch that loaded them; a month
inside the period with no rows is flagged as a gap, because a gap reads as a fall in violence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis.exposure import period_months
from svduty.analysis.result import SectionResult, SectionTable
from svduty.definitions.describe import describe_rule

if TYPE_CHECKING:
    from svduty.analysis.context import AnalysisContext

KEY = "scope"
TITLE = "Scope and data"

#: Dated sources: the table they load and the column that dates a row.
DATED_SOURCES: dict[str, tuple[str, str]] = {
    "police-crimes": ("crimes", "occurred_month"),
    "police-uk": ("crimes", "occurred_month"),
    "istv": ("ed_assaults", "arrival_at"),
    "hospital": ("hospital_admissions", "admission_date"),
    "youth-justice": ("yj_cases", "offence_date"),
    "probation": ("probation_cases", "offence_date"),
    "education": ("education_events", "event_date"),
}
#: Every source the assessment can use, and what is missing without it.
SOURCE_PURPOSE: dict[str, str] = {
    "police-crimes": "force crime records (offence codes, times, flags)",
    "police-people": "victims and suspects (ages, sex, ethnicity)",
    "police-uk": "data.police.uk street crime",
    "boundaries": "LSOA boundaries (maps and hotspots)",
    "geo-lookup": "districts, partnerships and force areas",
    "population": "resident population (rates)",
    "imd": "Indices of Deprivation 2019",
    "istv": "emergency department assaults (ISTV)",
    "hospital": "hospital admissions for assault",
    "youth-justice": "youth justice cohort",
    "probation": "probation cohort",
    "education": "school suspensions and exclusions",
    "case-studies": "case-study life-course events",
}
PROXY_LIMITS = (
    "data.police.uk records carry no Home Office offence code, no time of day, no knife or "
    "firearm flag and no victims or suspects, so the assessment cannot show offence detail, time "
    "patterns, knife crime or people."
)


def compute(ctx: AnalysisContext) -> SectionResult:
    definition = ctx.scope.definition
    months = period_months(ctx)
    sources = _sources(ctx)
    summary = pd.DataFrame(
        [
            ("Area", _area_label(ctx)),
            ("Period", _period_label(months)),
            ("Definition", f"{definition.name}: {definition.title}"),
            ("Definition source", definition.source.document),
            ("Crime source", ctx.crime_source),
        ]
        + ([("Caveat", definition.caveat)] if definition.proxy and definition.caveat else []),
        columns=["item", "value"],
    )
    rules = pd.DataFrame(
        [
            (number, rule.tag, describe_rule(rule))
            for number, rule in enumerate(definition.rules, start=1)
        ],
        columns=["rule", "tag", "description"],
    )
    coverage = _coverage(ctx, months, sources)
    limits = _limitations(ctx, sources, coverage)
    tables = [
        SectionTable("scope_summary", "Scope of the assessment", summary),
        SectionTable(
            "scope_rules",
            "Definition rules (a crime is serious violence if any rule matches)",
            rules,
        ),
        SectionTable(
            "scope_sources",
            "Data sources and their import batches",
            sources,
            notes="Batches replaced by a later import are left out.",
            count_columns=(),
        ),
        SectionTable(
            "scope_coverage",
            "Monthly rows per dated source",
            coverage,
            notes="A month in the period with no rows is a gap: read trends across it with care.",
        ),
        SectionTable("scope_limitations", "What the data cannot show", limits),
    ]
    return SectionResult(key=KEY, title=TITLE, tables=tables, commentary=list(limits["limitation"]))


def _area_label(ctx: AnalysisContext) -> str:
    code = ctx.scope.area_code
    if code is None:
        return "All areas in the warehouse"
    areas = ctx.con.table("areas")
    names = areas.filter(areas.area_code == code).select("area_name", "area_type").to_pandas()
    names = names.dropna(subset=["area_name"])
    if names.empty:
        return code
    return f"{names.area_name.iloc[-1]} ({code}, {names.area_type.iloc[-1]})"


def _period_label(months: list) -> str:
    if not months:
        return "no crime in scope"
    return f"{months[0]:%B %Y} to {months[-1]:%B %Y} ({len(months)} months)"


def _sources(ctx: AnalysisContext) -> pd.DataFrame:
    columns = [
        "source",
        "batch_id",
        "files",
        "rows_loaded",
        "rows_quarantined",
        "period_start",
        "period_end",
        "imported_at",
    ]
    batches = ctx.con.table("batches")
    active = batches.filter(batches.replaced_by.isnull())
    frame = active.select(
        "source",
        "batch_id",
        files=active.files.join(", "),
        rows_loaded=active.rows_loaded,
        rows_quarantined=active.rows_quarantined,
        period_start=active.period_start,
        period_end=active.period_end,
        imported_at=active.imported_at,
    ).to_pandas()
    return frame[columns].sort_values(["source", "batch_id"]).reset_index(drop=True)


def _coverage(ctx: AnalysisContext, months: list, sources: pd.DataFrame) -> pd.DataFrame:
    """``source, month, rows, gap`` for every dated source with an active batch."""
    columns = ["source", "month", "rows", "gap"]
    if not months:
        return pd.DataFrame(columns=columns)
    batches = ctx.con.table("batches")
    active = batches.filter(batches.replaced_by.isnull()).select("batch_id", "source")
    parts = []
    for source in sorted(set(sources.source) & set(DATED_SOURCES)):
        table_name, column = DATED_SOURCES[source]
        if not ctx.has_rows(table_name):
            continue
        # Crime is limited to the area's LSOAs; partner extracts are local already and often
        # lack a location, so they are limited by period only.
        lsoa = "lsoa_code" if table_name == "crimes" else None
        table = ctx.in_scope(ctx.con.table(table_name), column, lsoa)
        ours = active.filter(active.source == source)
        joined = table.inner_join(ours, table.batch_id == ours.batch_id)
        month = joined[column].cast("date").truncate("M")
        counts = joined.group_by(month=month).aggregate(rows=joined.count()).to_pandas()
        counts["month"] = pd.to_datetime(counts["month"]).dt.date
        full = pd.DataFrame({"month": months})
        full = full.merge(counts, on="month", how="left").fillna({"rows": 0})
        full.insert(0, "source", source)
        parts.append(full)
    if not parts:
        return pd.DataFrame(columns=columns)
    coverage = pd.concat(parts, ignore_index=True)
    coverage["rows"] = coverage["rows"].astype("int64")
    coverage["gap"] = coverage["rows"] == 0
    return coverage[columns]


def _limitations(
    ctx: AnalysisContext, sources: pd.DataFrame, coverage: pd.DataFrame
) -> pd.DataFrame:
    notes: list[str] = []
    definition = ctx.scope.definition
    if definition.proxy:
        notes.append(f"{definition.caveat.strip()} {PROXY_LIMITS}")
    present = set(sources.source)
    for source, purpose in SOURCE_PURPOSE.items():
        if source not in present:
            notes.append(f"No {purpose} data was imported ({source}).")
    gaps = coverage[coverage.gap] if not coverage.empty else coverage
    for source, rows in gaps.groupby("source", sort=True) if not gaps.empty else ():
        listed = ", ".join(f"{month:%Y-%m}" for month in rows.month)
        notes.append(f"{source} has no rows for {len(rows)} month(s) in the period: {listed}.")
    crimes = ctx.crimes
    no_lsoa = int(crimes.filter(crimes.lsoa_code.isnull()).count().execute())
    if no_lsoa:
        notes.append(f"{no_lsoa} crime(s) have no LSOA and are left out of the place analysis.")
    return pd.DataFrame({"limitation": notes})
