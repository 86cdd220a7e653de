"""What a person reads for an internal name: column headings, codes in cells, chart titles.

The analysis tables keep their stable, machine names (``rate_ratio_q1_vs_q5``, ``knife_enabled``,
``licensed_premises``); the HTML and PDF reports, the web dashboards and the charts show them
through this module, so one name reads the same everywhere. The XLSX keeps the raw names (it is
the data behind the report).

A name's label comes, in this order, from

1. the vocabularies' own titles: the definition tags (:data:`svduty.definitions.TAG_LABELS`)
   and the ISTV location types and assault methods (:mod:`svduty.reference.vocabularies`);
2. :data:`LABELS`, the label table of this module;
3. failing both, the name's own words (``rate_per_1000`` → "Rate per 1000"), with the acronyms
   of :data:`ACRONYMS` written as acronyms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from svduty.definitions import TAG_LABELS
from svduty.reference.vocabularies import ASSAULT_METHOD_TITLES, LOCATION_TYPE_TITLES

#: A code as the analysis writes it: lower-case words joined by underscores.
CODE = re.compile(r"[a-z]+(?:_[a-z0-9]+)+")

#: Words written as acronyms (or symbols) when a label is made from a name's own words.
ACRONYMS = {
    "sv": "SV",
    "lsoa": "LSOA",
    "lsoas": "LSOAs",
    "csp": "CSP",
    "imd": "IMD",
    "ci": "CI",
    "ed": "ED",
    "rr": "RR",
    "irr": "IRR",
    "pct": "%",
    "gi": "Gi*",
    "fdr": "FDR",
    "12m": "12m",
    "km2": "km²",
    "100k": "100,000",
}

#: The label table: names of columns and codes in cells whose own words do not read well.
LABELS: dict[str, str] = {
    # people and ages
    "aged_0_17": "Aged 0-17",
    "aged_18_24": "Aged 18-24",
    "aged_25_plus": "Aged 25 and over",
    "victims_0_17": "Victims aged 0-17",
    "victims_18_24": "Victims aged 18-24",
    "victims_25_plus": "Victims aged 25 and over",
    "victims_under_25": "Victims under 25",
    "victims_all_ages": "Victims of all ages",
    "victims_age_unknown": "Victims of unknown age",
    "under_25": "Under 25 or 25 and over",
    "under_25_share_pct": "Under 25 share %",
    "rest_rate_per_1000": "Rate per 1,000 in the rest of the population",
    "rest_records": "Records in the rest of the population",
    "rest_residents": "Residents in the rest of the population",
    "person_years": "Person-years",
    "repeat_share_of_crimes": "Repeat share of crimes",
    "repeat_share_of_people": "Repeat share of people",
    "not_recorded_share": "Share not recorded",
    "sv_known": "SV: status known",
    "sv_with": "SV: with the factor",
    "sv_prevalence": "SV: prevalence",
    "other_known": "Others: status known",
    "other_with": "Others: with the factor",
    "other_prevalence": "Others: prevalence",
    "serious_violence_people": "People with serious-violence offences",
    "other_people": "Other people",
    # rates and changes
    "rate_per_1000": "Rate per 1,000",
    "smoothed_rate_per_1000": "Smoothed rate per 1,000",
    "spatial_smoothed_rate_per_1000": "Spatially smoothed rate per 1,000",
    "rate_per_100k_a_year": "Rate per 100,000 a year",
    "year_earlier_rate_per_100k_a_year": "Rate per 100,000 a year, a year earlier",
    "year_earlier_count": "Count a year earlier",
    "year_earlier_quarter": "Quarter a year earlier",
    "change_pct": "Change %",
    "change_pct_vs_previous": "Change % on the previous year",
    "change_pct_vs_baseline": "Change % on the baseline year",
    "change_pct_vs_year_earlier": "Change % on a year earlier",
    "rr_vs_previous": "Rate ratio on the previous year",
    "rr_vs_previous_ci_low": "Rate ratio on the previous year: CI low",
    "rr_vs_previous_ci_high": "Rate ratio on the previous year: CI high",
    "rr_vs_previous_p": "Rate ratio on the previous year: p-value",
    "rr_vs_baseline": "Rate ratio on the baseline year",
    "rr_vs_baseline_ci_low": "Rate ratio on the baseline year: CI low",
    "rr_vs_baseline_ci_high": "Rate ratio on the baseline year: CI high",
    "rr_vs_baseline_p": "Rate ratio on the baseline year: p-value",
    "rolling_12m": "Rolling 12-month total",
    "p_value": "P-value",
    "p_fdr": "P-value (FDR adjusted)",
    "knife_enabled_serious_violence": "Knife-enabled serious violence",
    "knife_share_pct": "Knife-enabled share %",
    # deprivation (deprivation_summary.measure and the IMD domains)
    "share_in_most_deprived_10pct": "Share in the most deprived 10% of LSOAs (%)",
    "share_in_most_deprived_20pct": "Share in the most deprived 20% of LSOAs (%)",
    "quintile1_serious_violence": "Serious violence in the most deprived fifth",
    "quintile5_serious_violence": "Serious violence in the least deprived fifth",
    "quintile1_rate_per_1000": "Rate per 1,000 in the most deprived fifth",
    "quintile5_rate_per_1000": "Rate per 1,000 in the least deprived fifth",
    "rate_ratio_q1_vs_q5": "Rate ratio, most to least deprived fifth",
    "rate_ratio_ci_low": "Rate ratio: CI low",
    "rate_ratio_ci_high": "Rate ratio: CI high",
    "rate_ratio_p": "Rate ratio: p-value",
    "imd_decile": "IMD decile",
    "imd_score": "IMD score",
    "living_environment": "Living environment",
    "barriers_to_housing_and_services": "Barriers to housing and services",
    "health_deprivation_and_disability": "Health deprivation and disability",
    "education_skills_and_training": "Education, skills and training",
    # place
    "few_residents_high_rate": "Few residents, high rate",
    "kde_per_km2": "Density per km²",
    "crimes_first": "Crimes, first period",
    "crimes_last": "Crimes, last period",
    "hotspot_first": "Hot spot, first period",
    "hotspot_last": "Hot spot, last period",
    "change_category": "Change between the periods",
    "district_label": "District name drawn here",
    "gi_z": "Gi* z-score",
    "local_moran_i": "Local Moran's I",
    "top_pct_of_lsoas": "Top % of LSOAs",
    "years_hot": "Years a hot spot",
    "rate_only_rank": "Rank on rate alone",
    "volume_only_rank": "Rank on volume alone",
    "cell_id": "Cell",
    # time
    "weekday_index": "Weekday number",
    "crimes_per_weekly_hour": "Crimes per hour of the week",
    # people (people_*.dimension) and health
    "age_band": "Age band",
    "share_of_matchable": "Share of those that could be matched",
    "sharp_object_admissions_all_ages": "Sharp-object admissions, all ages",
    "sharp_object_admissions_under_25": "Sharp-object admissions, under 25",
    "sharp_object_admissions": "Sharp-object admissions",
    # cohorts and case-study triggers
    "permanent_exclusion": "Permanent exclusion",
    "violence_or_weapon_events": "Violence or weapon events",
    "violence_or_weapon_share": "Violence or weapon share",
    "mode_age": "Most common age",
    "events_at_mode": "Events at the most common age",
    "q1_age": "Lower quartile age",
    "q3_age": "Upper quartile age",
    # scope
    "batch_id": "Batch",
    "months_behind": "Months behind",
    "months_in_period": "Months in the period",
    "population_year": "Population year",
}


def _vocabulary_title(code: str) -> str | None:
    return TAG_LABELS.get(code) or LOCATION_TYPE_TITLES.get(code) or ASSAULT_METHOD_TITLES.get(code)


def _words(name: str) -> str:
    words = " ".join(ACRONYMS.get(word.lower(), word) for word in name.split("_"))
    return words[:1].upper() + words[1:]


def label(name: object) -> str:
    """The heading for a column or the words for a code (``imd_decile`` → "IMD decile")."""
    text = str(name)
    return _vocabulary_title(text) or LABELS.get(text) or _words(text)


def value_label(value: str) -> str:
    """A cell's text: a code (or a name the vocabularies title) as words, other text as it is."""
    if _vocabulary_title(value) or value in LABELS or CODE.fullmatch(value):
        return label(value)
    return value


def shown_columns(columns: Sequence[object]) -> list[str]:
    """The columns a report or dashboard shows: a code column spelt out by a ``label`` column
    just after it (``category``, ``label``) shows only as that label."""
    names = [str(c) for c in columns]
    return [
        name for i, name in enumerate(names) if not (i + 1 < len(names) and names[i + 1] == "label")
    ]


def column_headings(columns: Sequence[object]) -> list[str]:
    """The headings of :func:`shown_columns`; a ``label`` column is headed as its code column
    (``category``, ``label`` → "Category")."""
    names = [str(c) for c in columns]
    headings = []
    for name in shown_columns(names):
        i = names.index(name)
        headings.append(label(names[i - 1]) if name == "label" and i > 0 else label(name))
    return headings
