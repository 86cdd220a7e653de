"""Section 4, place: where serious violence happens, how concentrated it is, and hotspots.

Counts come from the warehouse by LSOA (one Ibis aggregate); rates are per 1,000 residents per
year (see ``exposure``). Concentration ranks every LSOA of the area, including those with none.
Hotspots are Getis-Ord Gi* on LSOA rates (counts when there is no population) with queen
contiguity from the imported boundaries, Benjamini-Hochberg FDR at 5% (see ``gistar``); the same
per calendar year feeds the emerging hot spot classification (see ``emerging``).

Priority neighbourhoods rank LSOAs with serious violence by a score out of 100:
50 x the LSOA's rate percentile (0-1) + 30 if a significant Gi* hot spot over the whole period
+ 20 x the share of years it was a significant hot spot. Ties break on the count.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svduty.analysis.boundaries import lsoa_boundaries, lsoa_geojson
from svduty.analysis.emerging import emerging_hotspots
from svduty.analysis.exposure import lsoa_person_years_by_year, period_months
from svduty.analysis.gistar import (
    HOT,
    NOT_SIGNIFICANT,
    gi_star,
    queen_weights,
    subset_weights,
    with_self_weights,
)
from svduty.analysis.result import Finding, SectionResult, SectionTable

if TYPE_CHECKING:
    from svduty.analysis.context import AnalysisContext

KEY = "place"
TITLE = "Place"
TOP_SHARES = (1, 5, 10)
PRIORITY_ROWS = 20

__all__ = ["compute", "concentration", "gini", "lorenz", "lsoa_geojson"]


def gini(counts: np.ndarray) -> float:
    """Gini coefficient of counts over areas (0: even, towards 1: all in one area)."""
    x = np.sort(np.asarray(counts, dtype=float))
    n, total = len(x), x.sum()
    if n == 0 or total == 0:
        return float("nan")
    ranks = np.arange(1, n + 1)
    return float(2 * (ranks * x).sum() / (n * total) - (n + 1) / n)


def lorenz(counts: np.ndarray, points: int = 100) -> pd.DataFrame:
    """Lorenz curve at ``points + 1`` even steps of the share of LSOAs (least affected first)."""
    x = np.sort(np.asarray(counts, dtype=float))
    n, total = len(x), x.sum()
    cumulative = np.concatenate([[0.0], np.cumsum(x)])
    lsoa_share = np.linspace(0, 1, points + 1)
    k = np.round(lsoa_share * n).astype(int)
    sv_share = cumulative[k] / total if total else np.full(len(k), np.nan)
    return pd.DataFrame({"lsoa_share_pct": 100 * lsoa_share, "sv_share_pct": 100 * sv_share})


def concentration(counts: np.ndarray) -> pd.DataFrame:
    """Share of serious violence in the top 1%, 5%, 10% of LSOAs (at least one LSOA each)."""
    x = np.sort(np.asarray(counts, dtype=float))[::-1]
    n, total = len(x), x.sum()
    rows = []
    for pct in TOP_SHARES:
        k = max(1, math.ceil(pct / 100 * n)) if n else 0
        top = x[:k].sum()
        rows.append((pct, k, int(top), 100 * top / total if total else np.nan))
    return pd.DataFrame(
        rows, columns=["top_pct_of_lsoas", "lsoas", "serious_violence", "share_pct"]
    )


def compute(ctx: AnalysisContext) -> SectionResult:
    months = period_months(ctx)
    serious = ctx.serious_violence
    located = serious.filter(serious.lsoa_code.notnull())
    if not months:
        return SectionResult.absent(KEY, TITLE, "There is no recorded crime in scope.")
    by_year = (
        located.group_by(["lsoa_code", located.occurred_month.year().name("year")])
        .aggregate(serious_violence=located.count())
        .to_pandas()
    )
    exposure = lsoa_person_years_by_year(ctx, months)
    lsoas = _lsoa_table(ctx, by_year, exposure)
    if lsoas.empty:
        return SectionResult.absent(KEY, TITLE, "No serious violence in scope has an LSOA.")
    tables = [
        SectionTable(
            "place_lsoa",
            "Serious violence by LSOA",
            lsoas.drop(columns=["percentile"]),
            notes="Rate per 1,000 residents per year.",
            count_columns=("serious_violence",),
        ),
        *[
            SectionTable(
                f"place_{level}",
                f"Serious violence by {label}",
                _rollup(lsoas, level),
                notes="Rate per 1,000 residents per year.",
                count_columns=("serious_violence",),
            )
            for level, label in (("district", "district"), ("csp", "Community Safety Partnership"))
        ],
    ]
    counts = lsoas.serious_violence.to_numpy()
    shares = concentration(counts)
    coefficient = gini(counts)
    tables += [
        SectionTable(
            "place_concentration",
            "Concentration: share of serious violence in the most affected LSOAs",
            shares,
            notes=f"Gini coefficient {coefficient:.3f} over {len(counts)} LSOAs (0 = even).",
            count_columns=("serious_violence",),
        ),
        SectionTable(
            "place_lorenz",
            "Lorenz curve of serious violence over LSOAs",
            lorenz(counts),
        ),
        SectionTable(
            "place_gini",
            "Gini coefficient of serious violence over LSOAs",
            pd.DataFrame({"lsoas": [len(counts)], "gini": [coefficient]}),
        ),
    ]
    commentary: list[str] = []
    findings: list[Finding] = []
    top5 = shares[shares.top_pct_of_lsoas == 5].iloc[0]
    if top5.serious_violence and len(counts) >= 20:
        findings.append(
            Finding(
                KEY,
                f"{top5.share_pct:.0f}% of serious violence happened in 5% of neighbourhoods "
                f"({int(top5.lsoas)} of {len(counts)} LSOAs).",
                evidence="place_concentration",
            )
        )
    boundaries = lsoa_boundaries(ctx)
    if boundaries is None:
        commentary.append(
            "Hotspots and maps need LSOA boundaries; none are imported (svduty import boundaries)."
        )
        spots = None
    else:
        spots, notes = _hotspots(lsoas, by_year, boundaries, months, exposure)
        commentary += notes
    if spots is not None:
        lsoas = lsoas.merge(spots, on="lsoa_code", how="left")
        tables.append(
            SectionTable(
                "place_hotspots",
                "Getis-Ord Gi* hotspots by LSOA (whole period and by year)",
                spots,
                notes=(
                    "Gi* on LSOA rates, queen contiguity, analytical z-scores, Benjamini-Hochberg "
                    "false discovery rate 5%. Emerging categories follow the ESRI emerging hot "
                    "spot definitions with a Mann-Kendall trend on yearly z-scores."
                ),
            )
        )
        hot = int((spots.hotspot == HOT).sum())
        if hot:
            findings.append(
                Finding(
                    KEY,
                    f"{hot} LSOA(s) form significant serious violence hot spots "
                    "(Getis-Ord Gi*, 5% false discovery rate).",
                    evidence="place_hotspots",
                )
            )
    tables.append(
        SectionTable(
            "place_priority",
            "Priority neighbourhoods",
            _priority(lsoas),
            notes=(
                "Score out of 100: 50 x rate percentile + 30 if a significant hot spot over the "
                "period + 20 x share of years a significant hot spot. LSOAs with serious "
                "violence only; ties broken by count."
            ),
            count_columns=("serious_violence",),
        )
    )
    map_columns = ["lsoa_code", "lsoa_name", "serious_violence", "rate_per_1000"]
    map_columns += [c for c in ("hotspot", "emerging_category") if c in lsoas.columns]
    if boundaries is not None:
        tables.append(
            SectionTable(
                "place_map",
                "Serious violence rate by LSOA (map)",
                lsoas[lsoas.lsoa_code.isin(boundaries.lsoa_code)][map_columns].reset_index(
                    drop=True
                ),
                notes="Boundaries: lsoa_geojson(ctx), joined on lsoa_code.",
                count_columns=("serious_violence",),
            )
        )
    return SectionResult(KEY, TITLE, tables=tables, findings=findings, commentary=commentary)


def _lsoa_table(
    ctx: AnalysisContext, by_year: pd.DataFrame, exposure: pd.DataFrame
) -> pd.DataFrame:
    hierarchy = ctx.lsoa_hierarchy
    if ctx.area_lsoas is not None:
        hierarchy = ctx.area_lsoas
    names = hierarchy.select(
        "lsoa_code", "lsoa_name", "district_code", "district_name", "csp_code", "csp_name"
    ).to_pandas()
    totals = by_year.groupby("lsoa_code", as_index=False).serious_violence.sum()
    frame = names.merge(totals, on="lsoa_code", how="outer")
    frame["serious_violence"] = frame.serious_violence.fillna(0).astype("int64")
    if exposure.empty:
        frame["population"] = np.nan
        frame["person_years"] = np.nan
    else:
        last = exposure[exposure.year == exposure.year.max()][["lsoa_code", "population"]]
        total = exposure.groupby("lsoa_code", as_index=False).person_years.sum()
        frame = frame.merge(last, on="lsoa_code", how="left").merge(
            total, on="lsoa_code", how="left"
        )
    frame["rate_per_1000"] = (
        1000 * frame.serious_violence / frame.person_years.where(frame.person_years > 0)
    )
    frame = frame.sort_values(["serious_violence", "lsoa_code"], ascending=[False, True])
    frame["percentile"] = frame.rate_per_1000.rank(pct=True)
    return frame.reset_index(drop=True)


def _rollup(lsoas: pd.DataFrame, level: str) -> pd.DataFrame:
    code, name = f"{level}_code", f"{level}_name"
    known = lsoas[lsoas[code].notna()]
    grouped = known.groupby([code, name], as_index=False, dropna=False).agg(
        lsoas=("lsoa_code", "count"),
        serious_violence=("serious_violence", "sum"),
        person_years=("person_years", lambda s: s.sum(min_count=1)),
    )
    grouped["rate_per_1000"] = 1000 * grouped.serious_violence / grouped.person_years
    return grouped.sort_values("serious_violence", ascending=False).reset_index(drop=True)


def _hotspots(
    lsoas: pd.DataFrame,
    by_year: pd.DataFrame,
    boundaries: pd.DataFrame,
    months: list,
    exposure: pd.DataFrame,
) -> tuple[pd.DataFrame | None, list[str]]:
    use_rates = lsoas.rate_per_1000.notna().any()
    value = "rate_per_1000" if use_rates else "serious_violence"
    usable = lsoas[lsoas[value].notna()]
    mapped = boundaries[boundaries.lsoa_code.isin(usable.lsoa_code)]
    notes = []
    if not use_rates:
        notes.append("No population is imported, so hotspots use counts, not rates.")
    if len(mapped) < 3:
        return None, [*notes, "Too few LSOAs with boundaries for hotspot analysis."]
    ids = list(mapped.lsoa_code)
    weights = queen_weights(mapped.geometry.to_numpy(), ids)
    islands = len(weights.islands)
    if islands:
        notes.append(f"{islands} LSOA(s) share no boundary with another and are compared alone.")
    weights = with_self_weights(weights)  # built once, reused for the period and each year
    values = usable.set_index("lsoa_code")[value].reindex(ids).to_numpy()
    overall = gi_star(values, weights)
    result = pd.DataFrame({"lsoa_code": ids, "value": values}).join(overall)
    years = sorted({month.year for month in months})
    yearly_z, yearly_label = [], []
    counts = by_year.pivot_table(
        index="lsoa_code", columns="year", values="serious_violence", aggfunc="sum"
    )
    counts = counts.reindex(index=ids, columns=years).fillna(0)
    if use_rates:
        py = exposure.pivot_table(index="lsoa_code", columns="year", values="person_years")
        py = py.reindex(index=ids, columns=years)
        yearly = 1000 * counts / py.where(py > 0)
    else:
        yearly = counts
    for year in years:
        column = yearly[year]
        keep = list(column.index[column.notna()])
        frame = pd.DataFrame(index=ids, columns=["gi_z", "hotspot"], dtype=object)
        frame["hotspot"] = NOT_SIGNIFICANT
        if len(keep) >= 3:
            w = weights if len(keep) == len(ids) else subset_weights(weights, keep)
            stats_year = gi_star(column.reindex(keep).to_numpy(), w)
            frame.loc[keep, "gi_z"] = stats_year.gi_z.to_numpy()
            frame.loc[keep, "hotspot"] = stats_year.hotspot.to_numpy()
        yearly_z.append(frame.gi_z.astype(float).to_numpy())
        yearly_label.append(frame.hotspot.to_numpy())
        result[f"gi_z_{year}"] = frame.gi_z.astype(float).to_numpy()
        result[f"hotspot_{year}"] = frame.hotspot.to_numpy()
    z = np.column_stack(yearly_z)
    labels = np.column_stack(yearly_label)
    if len(years) >= 2:
        emerging = emerging_hotspots(z, labels)
        result["emerging_category"] = emerging.category.to_numpy()
        result["years_hot"] = emerging.steps_hot.to_numpy()
        result["trend_z"] = emerging.trend_z.to_numpy()
        result["trend_p"] = emerging.trend_p.to_numpy()
    else:
        result["years_hot"] = (labels == HOT).sum(axis=1)
    result["years"] = len(years)
    return result, notes


def _priority(lsoas: pd.DataFrame) -> pd.DataFrame:
    frame = lsoas[lsoas.serious_violence > 0].copy()
    rate_part = 50 * frame.percentile.fillna(frame.serious_violence.rank(pct=True))
    hot_part = 30 * (frame.get("hotspot", pd.Series(index=frame.index, dtype=object)) == HOT)
    if "years_hot" in frame.columns:
        years_part = 20 * frame.years_hot.fillna(0) / frame.years.fillna(1).clip(lower=1)
    else:
        years_part = 0.0
    frame["priority_score"] = rate_part + hot_part + years_part
    frame = frame.sort_values(["priority_score", "serious_violence"], ascending=False)
    frame["priority_rank"] = np.arange(1, len(frame) + 1)
    columns = ["priority_rank", "lsoa_code", "lsoa_name", "district_name", "serious_violence"]
    columns += ["rate_per_1000", "priority_score"]
    columns += [
        c for c in ("gi_z", "hotspot", "years_hot", "emerging_category") if c in frame.columns
    ]
    return frame[columns].head(PRIORITY_ROWS).reset_index(drop=True)
