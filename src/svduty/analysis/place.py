"""Section 4, place: where serious violence happens, how concentrated, hot spots and priorities.

Counts come from the warehouse by LSOA (one Ibis aggregate). Rates are per 1,000 residents per
year over the months that hold crime (see ``exposure``), each with an exact Poisson 95% interval
(``intervals``); the tables keep these raw rates and add the empirical Bayes smoothed ones
(``smoothing``) that rank places and draw maps. Concentration ranks every LSOA of the area,
including those with none. Hot spots are Getis-Ord Gi* on the globally smoothed LSOA rates
(counts when there is no population) with queen contiguity from the imported boundaries,
Benjamini-Hochberg FDR at 5% (``gistar``); the same per calendar year feeds the emerging hot spot
classification (``emerging``) and the persistence of priority places. Local Moran's I clusters
and outliers (``clusters``) use the same values and neighbours. Priority places are scored by
burden (``priority``). Grid-cell hot spots of the crimes' points come from ``points``. Crimes
without an LSOA cannot be placed: the first sentence of the commentary says how many are left
out.

Gi* runs on smoothed rates rather than raw rates because a raw rate's variance is inversely
proportional to the population, so the LSOAs with the fewest residents would make and break hot
spots; it uses the global smoothing, not the spatial one, because a spatially smoothed rate has
already borrowed from its neighbours and Gi* would then find that borrowing as clustering.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svduty.analysis import priority
from svduty.analysis.boundaries import lsoa_boundaries, lsoa_geojson
from svduty.analysis.clusters import (
    HIGH_HIGH,
    HIGH_LOW,
    LOW_HIGH,
    LOW_LOW,
    PERMUTATIONS,
    local_moran,
)
from svduty.analysis.coverage import left_out_sentence
from svduty.analysis.emerging import emerging_by_complete_year
from svduty.analysis.exposure import exposure_months, lsoa_person_years_by_year, period_months
from svduty.analysis.gistar import (
    COLD,
    HOT,
    NOT_SIGNIFICANT,
    gi_star,
    queen_weights,
    subset_weights,
    with_self_weights,
)
from svduty.analysis.intervals import rate_interval
from svduty.analysis.points import point_hotspots
from svduty.analysis.result import Finding, SectionResult, SectionTable, times
from svduty.analysis.smoothing import empirical_bayes, spatial_empirical_bayes

if TYPE_CHECKING:
    from svduty.analysis.context import AnalysisContext

KEY = "place"
TITLE = "Place"
TOP_SHARES = (1, 5, 10)
PRIORITY_ROWS = 20
#: The town-centre caveat: a rate in the top 1% of the area's LSOAs and residents in the bottom
#: 10% (high crime among few residents: victims are mostly visitors, so the rate overstates the
#: risk to the people who live there).
CAVEAT_RATE_SHARE = 0.01
CAVEAT_RESIDENTS_SHARE = 0.10
RATE_NOTE = (
    "Rate per 1,000 residents per year over the months that hold crime, with its exact Poisson "
    "95% interval (Garwood); smoothed rate: empirical Bayes towards the area's rate (Marshall)."
)

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
    months = exposure_months(ctx)
    if not months:
        return SectionResult.absent(KEY, TITLE, "There is no recorded crime in scope.")
    harm = ctx.scope.definition.harm_weight_map
    by_year = _by_year(ctx, harm)
    exposure = lsoa_person_years_by_year(ctx, months)
    lsoas = _lsoa_table(ctx, by_year, exposure)
    if lsoas.empty:
        return SectionResult.absent(KEY, TITLE, "No serious violence in scope has an LSOA.")
    commentary: list[str] = [left_out_sentence(ctx)]
    findings: list[Finding] = []
    caveat = _caveat_sentence(lsoas)
    tables = [
        SectionTable(
            "place_lsoa",
            "Serious violence by LSOA",
            lsoas.drop(columns=["percentile"]),
            notes=RATE_NOTE
            + " Few residents, high rate: a rate in the top 1% and residents in the bottom 10%.",
            count_columns=("serious_violence",),
        ),
        *[
            SectionTable(
                f"place_{level}",
                f"Serious violence by {label}",
                _rollup(lsoas, level),
                notes=RATE_NOTE.split(";")[0] + ".",
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
    top5 = shares[shares.top_pct_of_lsoas == 5].iloc[0]
    if top5.serious_violence and len(counts) >= 20:
        findings.append(
            Finding(
                KEY,
                f"{top5.share_pct:.0f}% of serious violence happened in 5% of neighbourhoods "
                f"({int(top5.lsoas)} of {len(counts)} LSOAs).",
                evidence="place_concentration",
                effect=times(top5.share_pct / 5),
            )
        )
    if caveat:
        commentary.append(caveat)
    years = sorted({month.year for month in months})
    boundaries = lsoa_boundaries(ctx)
    spots = clusters = None
    if boundaries is None:
        commentary.append(
            "Hotspots and maps need LSOA boundaries; none are imported (svduty import boundaries)."
        )
    else:
        spots, clusters, notes = _spatial(
            lsoas, by_year, boundaries, years, exposure, (months, period_months(ctx))
        )
        commentary += notes
    if spots is not None:
        lsoas = lsoas.merge(spots.drop(columns=["value"]), on="lsoa_code", how="left")
        tables.append(
            SectionTable(
                "place_hotspots",
                "Getis-Ord Gi* hotspots by LSOA (whole period and by year)",
                spots.drop(columns=["spatial_smoothed_rate_per_1000"]),
                notes=(
                    "Gi* on empirical Bayes smoothed LSOA rates (counts without population), "
                    "queen contiguity, analytical z-scores, Benjamini-Hochberg false discovery "
                    "rate 5%. Emerging categories follow the ESRI emerging hot spot definitions "
                    "with a Mann-Kendall trend on yearly z-scores."
                ),
            )
        )
        hot, cold = int((spots.hotspot == HOT).sum()), int((spots.hotspot == COLD).sum())
        commentary.append(
            f"Getis-Ord Gi* finds {hot} hot spot LSOA(s) and {cold} cold spot LSOA(s) "
            "(5% false discovery rate)."
        )
        if hot or cold:
            findings.append(
                Finding(
                    KEY,
                    f"{hot} LSOA(s) form significant serious violence hot spots and {cold} "
                    "cold spots (Getis-Ord Gi* on smoothed rates, 5% false discovery rate).",
                    evidence="place_hotspots",
                    tested=True,
                )
            )
    if clusters is not None:
        lsoas = lsoas.merge(clusters[["lsoa_code", "cluster"]], on="lsoa_code", how="left")
        tables.append(
            SectionTable(
                "place_clusters",
                "Local Moran's I clusters and outliers by LSOA",
                clusters,
                notes=(
                    "Local Moran's I on the same values and neighbours as Gi* (row-standardised), "
                    f"{PERMUTATIONS:,} conditional permutations, p-values two-sided, "
                    "Benjamini-Hochberg false discovery rate 5%. high-high / low-low: clusters; "
                    "high-low / low-high: an LSOA unlike its neighbours."
                ),
                count_columns=("serious_violence",),
            )
        )
        commentary.append(_cluster_sentence(clusters))
    points = point_hotspots(ctx, boundaries)  # grid cells: svduty.analysis.points
    tables += points.tables
    commentary += points.commentary
    findings += points.findings
    scored, used, priority_notes = _priority(ctx, lsoas, by_year, spots, years, harm)
    commentary += priority_notes
    tables += _priority_tables(scored, used, harm)
    if len(scored):
        top = scored[scored.priority_rank <= priority.SENSITIVITY_ROWS]
        share = 100 * top.serious_violence.sum() / lsoas.serious_violence.sum()
        findings.append(
            Finding(
                KEY,
                f"The {len(top)} priority neighbourhoods, ranked by the volume of serious "
                f"violence with its smoothed rate and persistence, hold {share:.0f}% of the "
                "area's located serious violence.",
                evidence="place_priority",
                # their share of the violence over their share of the neighbourhoods
                effect=times(share / (100 * len(top) / len(lsoas))) if len(lsoas) else None,
            )
        )
    map_columns = ["lsoa_code", "lsoa_name", "serious_violence", "rate_per_1000"]
    map_columns += ["smoothed_rate_per_1000", "spatial_smoothed_rate_per_1000", "hotspot"]
    map_columns += ["emerging_category", "cluster", "few_residents_high_rate"]
    if boundaries is not None:
        mapped = lsoas[lsoas.lsoa_code.isin(boundaries.lsoa_code)].reindex(columns=map_columns)
        tables.append(
            SectionTable(
                "place_map",
                "Serious violence rate by LSOA (map)",
                mapped.reset_index(drop=True),
                notes=(
                    "The map joins these rows to the LSOA boundaries by LSOA code. Maps should "
                    "draw the smoothed rates; raw rates are kept for reference."
                ),
                count_columns=("serious_violence",),
            )
        )
    return SectionResult(KEY, TITLE, tables=tables, findings=findings, commentary=commentary)


def _by_year(ctx: AnalysisContext, harm: dict[str, float]) -> pd.DataFrame:
    """``lsoa_code, year, serious_violence, weighted_serious_violence`` of located crimes."""
    serious = ctx.serious_violence
    located = serious.filter(serious.lsoa_code.notnull())
    measures = {"serious_violence": located.count()}
    if harm:
        measures["weighted_serious_violence"] = priority.harm_weight(located, harm).sum()
    frame = (
        located.group_by(["lsoa_code", located.occurred_month.year().name("year")])
        .aggregate(**measures)
        .to_pandas()
    )
    if not harm:
        frame["weighted_serious_violence"] = frame.serious_violence.astype(float)
    return frame


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
    person_years = frame.person_years.where(frame.person_years > 0)
    frame["rate_per_1000"] = 1000 * frame.serious_violence / person_years
    frame["rate_ci_low"], frame["rate_ci_high"] = rate_interval(
        frame.serious_violence, person_years
    )
    frame["smoothed_rate_per_1000"] = 1000 * empirical_bayes(frame.serious_violence, person_years)
    frame["few_residents_high_rate"] = few_residents_high_rate(frame)
    frame = frame.sort_values(["serious_violence", "lsoa_code"], ascending=[False, True])
    frame["percentile"] = frame.smoothed_rate_per_1000.rank(pct=True)
    return frame.reset_index(drop=True)


def few_residents_high_rate(frame: pd.DataFrame) -> pd.Series:
    """The town-centre caveat: a raw rate in the top 1% and residents in the bottom 10%.

    Both by rank among the LSOAs with a rate (at least one LSOA each; ties at the edge count).
    """
    flag = pd.Series(False, index=frame.index)
    known = frame.rate_per_1000.notna() & (frame.population > 0)
    if not known.any():
        return flag
    rates, residents = frame.rate_per_1000[known], frame.population[known]
    n = int(known.sum())
    top = rates.rank(method="min", ascending=False) <= max(1, math.ceil(CAVEAT_RATE_SHARE * n))
    few = residents.rank(method="min") <= max(1, math.ceil(CAVEAT_RESIDENTS_SHARE * n))
    flag[known] = top & few & (frame.serious_violence[known] > 0)
    return flag


def _caveat_sentence(lsoas: pd.DataFrame) -> str:
    flagged = lsoas[lsoas.few_residents_high_rate]
    if flagged.empty:
        return ""
    names = ", ".join(
        f"{row.lsoa_name or row.lsoa_code} ({row.lsoa_code}: {int(row.serious_violence):,} "
        f"crimes, {int(row.population):,} residents)"
        for row in flagged.itertuples()
    )
    return (
        f"{len(flagged)} LSOA(s) have a rate in the top 1% of the area's LSOAs but residents in "
        f"the bottom 10%: {names}. These are typically town or city centres, where most victims "
        "do not live, so their rate per resident overstates the risk to residents; rank them by "
        "volume, not rate."
    )


def _rollup(lsoas: pd.DataFrame, level: str) -> pd.DataFrame:
    code, name = f"{level}_code", f"{level}_name"
    known = lsoas[lsoas[code].notna()]
    grouped = known.groupby([code, name], as_index=False, dropna=False).agg(
        lsoas=("lsoa_code", "count"),
        serious_violence=("serious_violence", "sum"),
        person_years=("person_years", lambda s: s.sum(min_count=1)),
    )
    grouped["rate_per_1000"] = 1000 * grouped.serious_violence / grouped.person_years
    grouped["rate_ci_low"], grouped["rate_ci_high"] = rate_interval(
        grouped.serious_violence, grouped.person_years
    )
    return grouped.sort_values("serious_violence", ascending=False).reset_index(drop=True)


def _spatial(
    lsoas: pd.DataFrame,
    by_year: pd.DataFrame,
    boundaries: pd.DataFrame,
    years: list[int],
    exposure: pd.DataFrame,
    months: tuple[list[date], list[date]],
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[str]]:
    """Gi* (period and years, emerging categories), spatial smoothing and local Moran.

    ``months`` is (the months holding data, the period's months): emerging and persistent
    categories use only the calendar years those cover in full.
    """
    use_rates = lsoas.smoothed_rate_per_1000.notna().any()
    value = "smoothed_rate_per_1000" if use_rates else "serious_violence"
    usable = lsoas[lsoas[value].notna()]
    mapped = boundaries[boundaries.lsoa_code.isin(usable.lsoa_code)]
    notes = []
    if not use_rates:
        notes.append("No population is imported, so hot spots and clusters use counts, not rates.")
    if len(mapped) < 3:
        return None, None, [*notes, "Too few LSOAs with boundaries for hotspot analysis."]
    ids = list(mapped.lsoa_code)
    plain = queen_weights(mapped.geometry.to_numpy(), ids)
    islands = len(plain.islands)
    if islands:
        notes.append(f"{islands} LSOA(s) share no boundary with another and are compared alone.")
    starred = with_self_weights(plain)  # built once, reused for the period and each year
    indexed = usable.set_index("lsoa_code").reindex(ids)
    values = indexed[value].to_numpy()
    result = pd.DataFrame({"lsoa_code": ids, "value": values}).join(gi_star(values, starred))
    yearly = _yearly_values(lsoas, by_year, exposure, years, use_rates).reindex(ids)
    yearly_z, yearly_label = [], []
    for year in years:
        column = yearly[year]
        keep = list(column.index[column.notna()])
        frame = pd.DataFrame(index=ids, columns=["gi_z", "hotspot"], dtype=object)
        frame["hotspot"] = NOT_SIGNIFICANT
        if len(keep) >= 3:
            w = starred if len(keep) == len(ids) else subset_weights(starred, keep)
            stats_year = gi_star(column.reindex(keep).to_numpy(), w)
            frame.loc[keep, "gi_z"] = stats_year.gi_z.to_numpy()
            frame.loc[keep, "hotspot"] = stats_year.hotspot.to_numpy()
        yearly_z.append(frame.gi_z.astype(float).to_numpy())
        yearly_label.append(frame.hotspot.to_numpy())
        result[f"gi_z_{year}"] = frame.gi_z.astype(float).to_numpy()
        result[f"hotspot_{year}"] = frame.hotspot.to_numpy()
    z = np.column_stack(yearly_z)
    labels = np.column_stack(yearly_label)
    held, expected = months
    emerging = emerging_by_complete_year(z, labels, years, held=held, expected=expected)
    notes.append(emerging.sentence)
    complete = [i for i, year in enumerate(years) if year in emerging.years]
    if emerging.frame is not None:
        result["emerging_category"] = emerging.frame.category.to_numpy()
        result["years_hot"] = emerging.frame.steps_hot.to_numpy()
        result["trend_z"] = emerging.frame.trend_z.to_numpy()
        result["trend_p"] = emerging.frame.trend_p.to_numpy()
    else:
        result["years_hot"] = (labels[:, complete] == HOT).sum(axis=1)
    result["years"] = len(complete)  # the complete calendar years counted in years_hot
    if use_rates:
        smoothed = spatial_empirical_bayes(
            indexed.serious_violence.to_numpy(), indexed.person_years.to_numpy(), plain
        )
        result["spatial_smoothed_rate_per_1000"] = 1000 * smoothed
    else:
        result["spatial_smoothed_rate_per_1000"] = np.nan
    moran = local_moran(values, plain)
    clusters = pd.DataFrame(
        {
            "lsoa_code": ids,
            "lsoa_name": indexed.lsoa_name.to_numpy(),
            "serious_violence": indexed.serious_violence.to_numpy(),
            value: values,
        }
    ).join(moran)
    return result, clusters, notes


def _yearly_values(
    lsoas: pd.DataFrame,
    by_year: pd.DataFrame,
    exposure: pd.DataFrame,
    years: list[int],
    use_rates: bool,
) -> pd.DataFrame:
    """LSOAs x years of smoothed yearly rates (each year smoothed over the area), or counts."""
    codes = list(lsoas.lsoa_code)
    counts = by_year.pivot_table(
        index="lsoa_code", columns="year", values="serious_violence", aggfunc="sum"
    ).reindex(index=codes, columns=years)
    counts = counts.fillna(0.0)
    if not use_rates:
        return counts
    py = exposure.pivot_table(index="lsoa_code", columns="year", values="person_years")
    py = py.reindex(index=codes, columns=years)
    out = pd.DataFrame(index=codes, columns=years, dtype=float)
    for year in years:
        out[year] = 1000 * empirical_bayes(counts[year].to_numpy(), py[year].to_numpy())
    return out


def _cluster_sentence(clusters: pd.DataFrame) -> str:
    found = clusters.cluster.value_counts()
    parts = [
        f"{int(found.get(HIGH_HIGH, 0))} high-high and {int(found.get(LOW_LOW, 0))} low-low "
        "cluster LSOA(s)",
        f"{int(found.get(HIGH_LOW, 0))} high-low and {int(found.get(LOW_HIGH, 0))} low-high "
        "outlier(s)",
    ]
    return f"Local Moran's I finds {parts[0]}, and {parts[1]} (5% false discovery rate)."


def _priority(
    ctx: AnalysisContext,
    lsoas: pd.DataFrame,
    by_year: pd.DataFrame,
    spots: pd.DataFrame | None,
    years: list[int],
    harm: dict[str, float],
) -> tuple[pd.DataFrame, dict[str, float], list[str]]:
    """Scored LSOAs (see ``priority``), the weights used and what the commentary says."""
    codes = list(lsoas.lsoa_code)
    weighted = by_year.groupby("lsoa_code").weighted_serious_violence.sum()
    frame = lsoas.assign(weighted_serious_violence=weighted.reindex(codes).fillna(0.0).to_numpy())
    complete = [year for year in priority.full_years(period_months(ctx)) if year in years]
    burden = by_year.pivot_table(
        index="lsoa_code", columns="year", values="weighted_serious_violence", aggfunc="sum"
    ).reindex(index=codes, columns=complete)
    hot = None
    if spots is not None:
        hot = pd.DataFrame(
            {year: spots.set_index("lsoa_code")[f"hotspot_{year}"] == HOT for year in complete}
        )
    frame["persistence"] = priority.persistence(burden.fillna(0.0), hot, complete).to_numpy()
    scored, used = priority.score(frame)
    if not len(scored):
        return scored, used, []
    if "volume" in used and len(used) == 1:
        how = "the volume of serious violence alone (no population is imported for a rate)"
    else:
        how = (
            "each LSOA's serious violence as a share of the most affected LSOA's, multiplied "
            f"by {_multiplier_words(used)}, so a place never outranks one with twice its "
            "serious violence"
        )
    notes = [f"Priority places are ranked by burden: {how}."]
    if "persistence" in used:
        listed = ", ".join(str(year) for year in complete)
        notes.append(
            f"Persistence is the share of the calendar years the period covers in full ({listed}) "
            "in which the LSOA was in the top tenth of LSOAs by serious violence or a Gi* hot "
            "spot; a month without data in such a year lowers every LSOA's count alike, so the "
            "year still ranks them."
        )
    else:
        notes.append(
            f"Persistence is not scored: the period covers {len(complete)} calendar year(s) in "
            f"full and it needs {priority.MIN_PERSISTENCE_YEARS}."
        )
    if harm:
        weights = ", ".join(f"{tag.replace('_', ' ')} {w:g}" for tag, w in harm.items())
        notes.append(
            f"The definition weights crimes by harm ({weights}); a crime with several "
            "categories counts once, at its highest weight."
        )
    notes.append(priority.sensitivity_sentence(scored))
    return scored, used, notes


def _multiplier_words(used: dict[str, float]) -> str:
    parts = [f"{used['volume']:.2f}"]
    if "rate" in used:
        parts.append(f"{used['rate']:.2f} × the percentile of its smoothed rate")
    if "persistence" in used:
        parts.append(f"{used['persistence']:.2f} × its persistence")
    return " plus ".join(parts)


def _priority_tables(
    scored: pd.DataFrame, used: dict[str, float], harm: dict[str, float]
) -> list[SectionTable]:
    columns = ["priority_rank", "lsoa_code", "lsoa_name", "district_name", "serious_violence"]
    if harm:
        columns.append("weighted_serious_violence")
    columns += ["volume_share_pct", "rate_per_1000", "smoothed_rate_per_1000"]
    columns += ["rate_percentile", "persistence", "priority_score"]
    columns += ["gi_z", "hotspot", "years_hot", "emerging_category", "cluster"]
    columns.append("few_residents_high_rate")
    shown = scored[[c for c in columns if c in scored.columns]]  # no boundaries: no Gi*
    return [
        SectionTable(
            "place_priority",
            "Priority neighbourhoods",
            shown.head(PRIORITY_ROWS).reset_index(drop=True),
            notes=(
                "Score out of 100 = 100 × (serious violence ÷ the most affected LSOA's) × "
                f"({_multiplier_words(used) if used else '1'}). Volume leads: an LSOA never "
                "outranks one with twice its serious violence. LSOAs with serious violence "
                "only; ties broken by volume."
            ),
            count_columns=("serious_violence",),
        ),
        SectionTable(
            "place_priority_method",
            "How the priority score is built",
            priority.method_table(used, harm),
        ),
        SectionTable(
            "place_priority_sensitivity",
            "Priority places under volume alone and rate alone (top 10 of each)",
            priority.sensitivity(scored) if len(scored) else pd.DataFrame(),
            notes="Ranks of every LSOA in the top 10 under any of the three orderings.",
            count_columns=("serious_violence",),
        ),
    ]
