"""Section 2, profile: how much serious violence there is, its share of crime and its mix.

Shares of all recorded crime leave anti-social behaviour out (it is not recorded crime). A crime
can carry several categories (a knife-enabled robbery is both), so category shares are shares of
serious violence crimes and add up to more than 100%. Knife-enabled means the crime record's knife
or sharp instrument flag is set; data.police.uk has no such flag. Under a police.uk proxy
definition the headline says "serious violence (police.uk proxy)" and the categories are the
police.uk crime types, named as police.uk names them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svduty.analysis.result import Finding, SectionResult, SectionTable
from svduty.analysis.wording import measure_name
from svduty.definitions.schema import tag_label

if TYPE_CHECKING:
    from svduty.analysis.context import AnalysisContext

KEY = "profile"
TITLE = "Profile of serious violence"


def _pct(part: pd.Series | float, whole: pd.Series | float) -> pd.Series | float:
    return (
        (100 * part / whole).where(whole > 0)
        if isinstance(whole, pd.Series)
        else (100 * part / whole if whole else float("nan"))
    )


def compute(ctx: AnalysisContext) -> SectionResult:
    crimes = ctx.crimes
    if not crimes.count().execute():
        return SectionResult.absent(KEY, TITLE, "There is no recorded crime in scope.")
    sv = crimes.is_serious_violence
    knife = crimes.knife.fill_null(False) if "knife" in crimes.columns else None
    has_knife_flag = bool(crimes.filter(crimes.knife.notnull()).count().execute())
    by_year = (
        crimes.group_by(year=crimes.occurred_month.year())
        .aggregate(
            all_crime=crimes.count(),
            serious_violence=sv.sum(),
            knife_enabled=(sv & knife).sum(),
        )
        .order_by("year")
        .to_pandas()
    )
    for column in ("all_crime", "serious_violence", "knife_enabled"):
        by_year[column] = by_year[column].fillna(0).astype("int64")
    overall = pd.DataFrame(
        {
            "all_crime": [int(by_year.all_crime.sum())],
            "serious_violence": [int(by_year.serious_violence.sum())],
            "knife_enabled": [int(by_year.knife_enabled.sum())],
        }
    )
    for frame in (by_year, overall):
        frame["sv_share_pct"] = _pct(frame.serious_violence, frame.all_crime)
        frame["knife_share_pct"] = _pct(frame.knife_enabled, frame.serious_violence)
        if not has_knife_flag:
            frame["knife_enabled"] = pd.NA
            frame["knife_share_pct"] = float("nan")
    by_year["year"] = by_year["year"].astype("int64")

    definition = ctx.scope.definition
    measure = measure_name(definition)
    title_measure = measure_name(definition, capital=True)
    tags = definition.tags
    serious = ctx.serious_violence
    mix = serious.aggregate(**{tag: serious[f"sv_{tag}"].sum() for tag in tags}).to_pandas()
    total_sv = int(overall.serious_violence.iloc[0])
    categories = pd.DataFrame(
        {
            "category": list(tags),
            "label": [tag_label(tag) for tag in tags],
            "crimes": [int(mix[tag].iloc[0] or 0) for tag in tags],
        }
    )
    categories["share_of_sv_pct"] = _pct(categories.crimes, float(total_sv))
    categories = categories.sort_values("crimes", ascending=False).reset_index(drop=True)

    knife_note = (
        "Knife-enabled: the record's knife or sharp instrument flag is set."
        if has_knife_flag
        else "The crime records carry no knife flag, so knife-enabled crime cannot be shown."
    )
    tables = [
        SectionTable(
            "profile_by_year",
            f"{title_measure} and its share of all recorded crime, by year",
            by_year[
                [
                    "year",
                    "all_crime",
                    "serious_violence",
                    "sv_share_pct",
                    "knife_enabled",
                    "knife_share_pct",
                ]
            ],
            notes="All recorded crime excludes anti-social behaviour. " + knife_note,
            count_columns=("all_crime", "serious_violence", "knife_enabled"),
        ),
        SectionTable(
            "profile_overall",
            f"{title_measure} over the whole period",
            overall[
                [
                    "all_crime",
                    "serious_violence",
                    "sv_share_pct",
                    "knife_enabled",
                    "knife_share_pct",
                ]
            ],
            notes="All recorded crime excludes anti-social behaviour. " + knife_note,
            count_columns=("all_crime", "serious_violence", "knife_enabled"),
        ),
        SectionTable(
            "profile_by_category",
            f"{title_measure} by {'police.uk crime type' if definition.proxy else 'category'}",
            categories,
            notes=(
                "A crime can be in several categories, so shares add up to more than 100%."
                + (
                    " The categories are data.police.uk crime types, not Home Office offence "
                    "groups."
                    if definition.proxy
                    else ""
                )
            ),
            count_columns=("crimes",),
        ),
    ]
    share = float(overall.sv_share_pct.iloc[0])
    findings = (
        [
            Finding(
                KEY,
                f"{title_measure} made up {share:.1f}% of all "
                f"recorded crime ({total_sv:,} of {int(overall.all_crime.iloc[0]):,} crimes, "
                "anti-social behaviour excluded).",
                evidence="profile_overall",
            )
        ]
        if total_sv
        else []
    )
    if has_knife_flag and total_sv:
        findings.append(
            Finding(
                KEY,
                f"{float(overall.knife_share_pct.iloc[0]):.1f}% of {measure} involved a knife "
                "or sharp instrument.",
                evidence="profile_overall",
            )
        )
    commentary = [
        f"{category.label}: {category.crimes:,} crimes, "
        f"{category.share_of_sv_pct:.1f}% of {measure}."
        for category in categories.itertuples()
        if category.crimes
    ]
    return SectionResult(KEY, TITLE, tables=tables, findings=findings, commentary=commentary)
