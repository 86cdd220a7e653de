"""Section 1, scope: the area, period and definition, the data behind them and its limits.

Sources come from ``batches`` (replaced batches left out). Monthly coverage counts each dated
source's rows per month of the period, by the source of the batch that loaded them; a month
inside the period with no rows is flagged as a gap, because a gap reads as a fall in violence.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis.area import DISTRICT_COVERAGE, FROM_DATA
from svduty.analysis.coverage import KEY_FINDING_SHARE, Unlocated, lacking_sentence, unlocated
from svduty.analysis.deprivation import imd_decile_rows
from svduty.analysis.exposure import period_months
from svduty.analysis.freshness import STALE_AFTER_MONTHS, source_freshness, staleness_sentences
from svduty.analysis.result import Finding, SectionResult, SectionTable
from svduty.analysis.wording import PROXY_NOT_HOME_OFFICE
from svduty.definitions.describe import rule_conditions

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
    area = ctx.area
    summary = pd.DataFrame(
        [
            ("Area", area.name),
            ("Area chosen by", _chosen_by(ctx)),
            ("LSOAs in the area", f"{len(area.lsoas):,}"),
        ]
        + _area_levels(ctx)
        + [
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
            (number, rule.tag, rule_conditions(rule))
            for number, rule in enumerate(definition.rules, start=1)
        ],
        columns=["rule", "tag", "description"],
    )
    coverage = _coverage(ctx, months, sources)
    outside = ctx.outside_area()
    missing = unlocated(ctx)
    report_date = ctx.scope.report_date or date.today()
    freshness = source_freshness(ctx, report_date, DATED_SOURCES)
    limits = _limitations(ctx, sources, coverage, outside, missing)
    limits = pd.concat(
        [limits, pd.DataFrame({"limitation": staleness_sentences(freshness)})], ignore_index=True
    )
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
        SectionTable(
            "scope_freshness",
            "Latest month loaded per source",
            freshness,
            notes=(
                f"Against the report date, {report_date:%d %B %Y}: months behind counts calendar "
                f"months to the report's month; a source more than {STALE_AFTER_MONTHS} months "
                "behind is stale."
            ),
        ),
        SectionTable("scope_limitations", "What the data cannot show", limits),
    ]
    if not outside.empty:
        tables.insert(
            2,
            SectionTable(
                "scope_outside_area",
                "Recorded crime placed outside the area (left out of every figure)",
                outside,
                notes=(
                    "Crimes of the same source and period whose LSOA lies outside the area, by "
                    "the district the LSOA belongs to."
                ),
                count_columns=("crimes", "serious_violence"),
            ),
        )
    return SectionResult(
        key=KEY,
        title=TITLE,
        tables=tables,
        findings=_findings(ctx, missing),
        commentary=list(limits["limitation"]),
    )


def _chosen_by(ctx: AnalysisContext) -> str:
    if ctx.area.chosen_by != FROM_DATA:
        return f"--area {ctx.scope.area_code}"
    return (
        "the crime data: the districts in which at least "
        f"{100 * DISTRICT_COVERAGE:.0f}% of LSOAs have a recorded crime in the period"
    )


def _area_levels(ctx: AnalysisContext) -> list[tuple[str, str]]:
    """The districts and partnerships the area covers, by name."""
    districts = ctx.area.districts
    if districts.empty:
        return []
    names = districts.district_name.fillna(districts.district_code)
    rows = [("Local authority districts", ", ".join(names))]
    partnerships = ctx.area.partnerships()
    if partnerships:
        rows.append(("Community safety partnerships", ", ".join(partnerships)))
    return rows


def _findings(ctx: AnalysisContext, missing: Unlocated) -> list[Finding]:
    """A key finding when serious violence without a place changes what the figures mean."""
    if missing.dropped:
        return [
            Finding(
                KEY,
                f"{missing.dropped:,} serious-violence crime(s) were recorded without an LSOA and "
                f"cannot be placed in {ctx.area.name}: every figure leaves them out.",
                evidence="scope_limitations",
                about_data=True,
            )
        ]
    if missing.share > KEY_FINDING_SHARE:
        return [
            Finding(
                KEY,
                f"{missing.count:,} serious-violence crimes ({missing.percent}) have no "
                "LSOA: they are in the headline, trend and profile figures but not in the place, "
                "deprivation and hot-spot analysis.",
                evidence="scope_limitations",
                about_data=True,
            )
        ]
    return []


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
    ctx: AnalysisContext,
    sources: pd.DataFrame,
    coverage: pd.DataFrame,
    outside: pd.DataFrame,
    missing: Unlocated,
) -> pd.DataFrame:
    notes: list[str] = []
    definition = ctx.scope.definition
    if definition.proxy:
        notes.append(f"{definition.caveat.strip()} {PROXY_LIMITS}")
        if "not the Home Office definition" not in definition.caveat:  # the preset's caveat says so
            notes.append(PROXY_NOT_HOME_OFFICE)
    present = set(sources.source)
    for source, purpose in SOURCE_PURPOSE.items():
        if source not in present:
            notes.append(f"No {purpose} data was imported ({source}).")
    gaps = coverage[coverage.gap] if not coverage.empty else coverage
    for source, rows in gaps.groupby("source", sort=True) if not gaps.empty else ():
        listed = ", ".join(f"{month:%Y-%m}" for month in rows.month)
        notes.append(f"{source} has no rows for {len(rows)} month(s) in the period: {listed}.")
    notes += _placement_notes(ctx, outside, missing)
    notes += _denominator_gaps(ctx, present)
    return pd.DataFrame({"limitation": notes})


def _placement_notes(ctx: AnalysisContext, outside: pd.DataFrame, missing: Unlocated) -> list[str]:
    notes = []
    if missing.dropped:
        notes.append(
            f"{missing.dropped:,} serious-violence crime(s) have no LSOA and cannot be placed in "
            "the area, so every figure leaves them out."
        )
    elif missing.count:
        notes.append(
            f"{missing.count:,} of {missing.total:,} serious-violence crimes "
            f"({missing.percent}) have no LSOA: they are counted in the headline, "
            "trend, profile, people and time figures, and left out of the place, deprivation "
            "and hot-spot analysis."
        )
    if not outside.empty:
        notes.append(
            f"{int(outside.crimes.sum()):,} crime(s) of the same source, "
            f"{int(outside.serious_violence.sum()):,} of them serious violence, are placed in "
            f"{int(outside.lsoas.sum()):,} LSOA(s) outside the area and are left out "
            "(listed by district in the scope tables)."
        )
    return notes


def _denominator_gaps(ctx: AnalysisContext, present: set[str]) -> list[str]:
    """Which of the area's LSOAs lack a population or an IMD decile, when some do."""
    notes = []
    if "population" in present:
        notes.append(lacking_sentence(ctx, "population", ctx.con.table("population")))
    if "imd" in present:
        notes.append(lacking_sentence(ctx, "IMD 2019 decile", imd_decile_rows(ctx)))
    return [note for note in notes if note]
