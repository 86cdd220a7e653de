"""The public summary: the published definition, headline measures and trends in plain English.

Everything shown comes from ``svduty.reports.disclosure.public_results`` (primary suppression of
counts 1-4, secondary suppression along every line, derived values hidden with their counts), so
no count from 1 to 4 can appear; headline sentences are built only from cells that survived, and
a sentence that would state a small number is dropped (the reports' ``mentions_small_count``).
Rates say "per thousand residents" so no denominator reads as a count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from svduty.analysis.findings import key_findings
from svduty.definitions import load_preset
from svduty.reports import disclosure
from svduty.reports.labels import value_label
from svduty.web.insight import sections
from svduty.web.insight.sections import ScopeKey

SUPPRESSED_TEXT = "[c]"
CORE_LABELS = {
    "homicide": "Homicide",
    "knife_enabled_serious_violence": "Knife-enabled serious violence",
    "sharp_object_admissions_under_25": "Admissions for assault with a sharp object, under 25",
    "sharp_object_admissions_all_ages": "Admissions for assault with a sharp object, all ages",
}


@dataclass
class PublicTable:
    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class PublicSummary:
    partnership: str
    definition_title: str
    definition_source: str
    categories: list[str]
    area: str
    period: str
    headlines: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    tables: list[PublicTable] = field(default_factory=list)
    available: bool = True


def build(partnership_name: str, definition: str, area_code: str | None) -> PublicSummary:
    """The summary for a published scope (cached with the sections)."""
    spec = load_preset(definition)
    categories = sorted({rule.tag.replace("_", " ") for rule in spec.rules})
    computed = sections.compute(ScopeKey(definition, area_code or None))
    summary = PublicSummary(
        partnership=partnership_name,
        definition_title=spec.title,
        definition_source=spec.source.document,
        categories=categories,
        area="",
        period="",
    )
    if computed is None or computed.period is None:
        summary.available = False
        return summary
    state = sections.warehouse.state()
    key = ("public", state, partnership_name, definition, area_code)
    return sections.cached(key, lambda: _fill(summary, computed))


def _fill(summary: PublicSummary, computed: sections.Computed) -> PublicSummary:
    results = disclosure.public_results(computed.results)
    first, last = computed.period
    summary.period = f"{first:%B %Y} to {last:%B %Y}"
    summary.area = _scope_item(results, "Area") or "the partnership area"
    tables = {t.name: t for r in results for t in r.tables}
    summary.headlines = [
        s for s in _headlines(tables) if s and not disclosure.mentions_small_count(s)
    ]
    summary.findings = [f.text for f in disclosure.public_findings(key_findings(computed.results))]
    if "trends_annual" in tables:
        summary.tables.append(_annual_table(tables["trends_annual"].frame))
    if "core_measures_quarterly" in tables:
        summary.tables.append(_core_table(tables["core_measures_quarterly"].frame))
    if "profile_by_category" in tables:
        summary.tables.append(_category_table(tables["profile_by_category"].frame))
    return summary


def _scope_item(results, item: str) -> str | None:
    for result in results:
        for table in result.tables:
            if table.name == "scope_summary":
                rows = table.frame[table.frame["item"] == item]
                if not rows.empty:
                    return str(rows["value"].iloc[0])
    return None


def is_shown(value: object) -> bool:
    """A cell that survived suppression and holds a number."""
    if isinstance(value, str) or value is None:
        return False
    try:
        return not math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def count_text(value: object) -> str:
    if not is_shown(value):
        return SUPPRESSED_TEXT
    number = round(float(value))
    if 1 <= number <= 4:  # belt and braces: public_results never leaves one
        return SUPPRESSED_TEXT
    return f"{number:,}"


def _headlines(tables: dict) -> list[str]:
    out = []
    overall = tables.get("profile_overall")
    if overall is not None and not overall.frame.empty:
        row = overall.frame.iloc[0]
        if is_shown(row.get("serious_violence")):
            share = row.get("sv_share_pct")
            text = (
                f"Over the whole period, {count_text(row['serious_violence'])} crimes met the "
                "definition of serious violence"
            )
            if is_shown(share):
                text += f", {float(share):.1f}% of all recorded crime"
            out.append(text + ".")
    annual = tables.get("trends_annual")
    if annual is not None and not annual.frame.empty:
        frame = annual.frame
        full = frame[frame["months"] == 12] if "months" in frame else frame
        if not full.empty:
            latest = full.iloc[-1]
            year = _year_text(latest["year"])
            if is_shown(latest.get("serious_violence")):
                crimes = count_text(latest["serious_violence"])
                text = f"In {year} there were {crimes} serious violence crimes"
                if is_shown(latest.get("rate_per_1000")):
                    text += f", {float(latest['rate_per_1000']):.1f} for every thousand residents"
                out.append(text + ".")
            change = latest.get("change_pct_vs_previous")
            if len(full) > 1 and is_shown(change):
                direction = "more" if float(change) > 0 else "fewer"
                out.append(
                    f"That is {abs(float(change)):.1f}% {direction} than the year before"
                    + _significance(latest)
                )
    return out


def _significance(row: pd.Series) -> str:
    low, high = row.get("rr_vs_previous_ci_low"), row.get("rr_vs_previous_ci_high")
    if is_shown(low) and is_shown(high):
        if float(low) > 1 or float(high) < 1:
            return ", a change larger than chance alone would explain."
        return ", a change within what chance alone could explain."
    return "."


def _year_text(value: object) -> str:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return str(value)
    return str(year)


def _annual_table(frame: pd.DataFrame) -> PublicTable:
    rows = []
    for _, row in frame.iterrows():
        rate = row.get("rate_per_1000")
        change = row.get("change_pct_vs_previous")
        rows.append(
            [
                _year_text(row["year"]) + ("" if row.get("months", 12) == 12 else " (part year)"),
                count_text(row["serious_violence"]),
                f"{float(rate):.1f}" if is_shown(rate) else "–",
                f"{float(change):+.1f}%" if is_shown(change) else "–",
            ]
        )
    return PublicTable(
        "Serious violence by year",
        ["Year", "Crimes", "Rate per thousand residents", "Change on the year before"],
        rows,
    )


def _core_table(frame: pd.DataFrame) -> PublicTable:
    present = [c for c in CORE_LABELS if c in frame.columns]
    rows = [
        [str(row["quarter"]), *(count_text(row[c]) for c in present)] for _, row in frame.iterrows()
    ]
    return PublicTable(
        "Home Office core measures by quarter (financial year; Q1 is April to June)",
        ["Quarter", *(CORE_LABELS[c] for c in present)],
        rows,
    )


def _category_table(frame: pd.DataFrame) -> PublicTable:
    rows = [
        [value_label(str(row["category"])), count_text(row["crimes"])]
        for _, row in frame.iterrows()
    ]
    return PublicTable(
        "Serious violence by kind of crime (a crime can be of more than one kind)",
        ["Kind of crime", "Crimes"],
        rows,
    )
