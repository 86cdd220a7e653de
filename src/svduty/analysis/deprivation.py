"""Section 5, deprivation: serious violence by IMD 2019 decile and its link with the domains.

Deciles come from ``area_indicators`` (dataset ``imd2019``, indicator ``imd``, measure ``decile``;
decile 1 = the most deprived 10% of LSOAs in England). The most deprived quintile is deciles 1-2,
the least deprived deciles 9-10; their rate ratio has an exact Poisson CI (``rates``).

Domains: a Poisson GLM of LSOA counts with a log(person-years) offset on each domain decile, alone
(unadjusted) and all together (adjusted). Covariates enter as ``-decile`` so an IRR above 1 means
more serious violence per decile MORE deprived. Over-dispersion is handled by the Pearson
chi-square scale (quasi-Poisson), which widens the CIs and leaves the IRRs unchanged. LSOAs missing
a domain are left out of models using it; a domain missing everywhere is reported as absent. The
crime domain is left out because it is itself built from recorded crime, violence included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svduty.analysis.coverage import lacking_sentence, left_out_sentence
from svduty.analysis.exposure import exposure_months, lsoa_person_years
from svduty.analysis.rates import exact_rate_ratio
from svduty.analysis.result import Finding, SectionResult, SectionTable, times

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

KEY = "deprivation"
TITLE = "Deprivation"
DATASET = "imd2019"
IMD = "imd"
EXCLUDED_DOMAINS = ("crime",)
CONFIDENCE = 0.95


def indicators_rows(ctx: AnalysisContext) -> ir.Table:
    """The IMD 2019 decile rows of ``area_indicators`` (every indicator), anywhere."""
    indicators = ctx.con.table("area_indicators")
    return indicators.filter(
        (indicators.dataset.lower() == DATASET) & (indicators.measure.lower() == "decile")
    )


def imd_decile_rows(ctx: AnalysisContext) -> ir.Table:
    """The overall IMD 2019 decile of each LSOA that has one, anywhere."""
    rows = indicators_rows(ctx)
    return rows.filter(rows.indicator.lower() == IMD)


def deprivation_deciles(ctx: AnalysisContext) -> pd.DataFrame:
    """``area_code, indicator, value`` decile rows of IMD 2019 for the area (small)."""
    rows = ctx.in_scope(indicators_rows(ctx), None, "area_code")
    rows = rows.select("area_code", indicator=rows.indicator.lower(), value=rows.value)
    return rows.to_pandas()


def compute(ctx: AnalysisContext) -> SectionResult:
    if not ctx.has_rows("area_indicators"):
        return SectionResult.absent(KEY, TITLE, "No deprivation data (IMD 2019) was imported.")
    deciles = deprivation_deciles(ctx)
    wide = deciles.pivot_table(
        index="area_code", columns="indicator", values="value", aggfunc="last"
    )
    if IMD not in wide.columns:
        return SectionResult.absent(KEY, TITLE, "No IMD 2019 deciles were imported.")
    months = exposure_months(ctx)
    serious = ctx.serious_violence
    located = serious.filter(serious.lsoa_code.notnull())
    counts = located.group_by("lsoa_code").aggregate(serious_violence=located.count()).to_pandas()
    lsoas = wide.reset_index().rename(columns={"area_code": "lsoa_code"})
    lsoas = lsoas.merge(counts, on="lsoa_code", how="left")
    lsoas["serious_violence"] = lsoas.serious_violence.fillna(0).astype("int64")
    exposure = lsoa_person_years(ctx, months)
    if exposure.empty:
        lsoas["person_years"] = np.nan
    else:
        lsoas = lsoas.merge(exposure[["lsoa_code", "person_years"]], on="lsoa_code", how="left")
    lsoas["imd_decile"] = lsoas[IMD]
    lsoas = lsoas[lsoas.imd_decile.notna()]
    total_sv = int(located.count().execute())
    by_decile = _by_decile(lsoas, total_sv)
    summary, findings = _summary(lsoas, total_sv)
    tables = [
        SectionTable(
            "deprivation_by_decile",
            "Serious violence by IMD 2019 decile (1 = most deprived)",
            by_decile,
            notes="Rate per 1,000 residents per year; share of serious violence with an LSOA.",
            count_columns=("serious_violence",),
        ),
        SectionTable(
            "deprivation_summary",
            "Serious violence in the most deprived areas",
            summary,
            notes=(
                "Quintile 1 = deciles 1-2 (most deprived), quintile 5 = deciles 9-10. Rate "
                "ratio with an exact Poisson 95% CI (conditional binomial method)."
            ),
        ),
    ]
    commentary = [left_out_sentence(ctx)]
    commentary += [
        note
        for note in (
            lacking_sentence(ctx, "IMD 2019 decile", imd_decile_rows(ctx)),
            lacking_sentence(ctx, "population", ctx.con.table("population"))
            if ctx.has_rows("population")
            else "",
        )
        if note
    ]
    domains, domain_notes = _domain_models(lsoas)
    commentary += domain_notes
    if domains is not None:
        tables.append(
            SectionTable(
                "deprivation_domains",
                "Serious violence and the IMD domains (Poisson regression)",
                domains,
                notes=(
                    "Incidence rate ratio per decile more deprived, log(person-years) offset, "
                    "quasi-Poisson (Pearson) scale for over-dispersion; 'adjusted' models hold "
                    "the other domains constant. The crime domain is left out (it counts crime)."
                ),
            )
        )
        for row in domains[(domains.model == "adjusted") & (domains.ci_low > 1)].itertuples():
            findings.append(
                Finding(
                    KEY,
                    f"Each decile more deprived on the {row.domain.replace('_', ' ')} domain went "
                    f"with {100 * (row.irr - 1):.0f}% more serious violence per resident "
                    f"(IRR {row.irr:.2f}, 95% CI {row.ci_low:.2f} to {row.ci_high:.2f}), other "
                    "domains held constant.",
                    evidence="deprivation_domains",
                    effect=times(row.irr),
                    tested=True,
                )
            )
    return SectionResult(KEY, TITLE, tables=tables, findings=findings, commentary=commentary)


def _by_decile(lsoas: pd.DataFrame, total_sv: int) -> pd.DataFrame:
    grouped = lsoas.groupby("imd_decile").agg(
        lsoas=("lsoa_code", "count"),
        serious_violence=("serious_violence", "sum"),
        person_years=("person_years", lambda s: s.sum(min_count=1)),
    )
    grouped = grouped.reindex(pd.Index(np.arange(1.0, 11.0), name="imd_decile"))
    frame = grouped.reset_index()
    frame["imd_decile"] = frame.imd_decile.astype("int64")
    frame["lsoas"] = frame.lsoas.fillna(0).astype("int64")
    frame["serious_violence"] = frame.serious_violence.fillna(0).astype("int64")
    frame["rate_per_1000"] = (
        1000 * frame.serious_violence / frame.person_years.where(frame.person_years > 0)
    )
    frame["share_pct"] = 100 * frame.serious_violence / total_sv if total_sv else np.nan
    return frame


def _share_finding(
    share10: float, share20: float, py_d1: float, py_q1: float, py_all: float
) -> Finding:
    """The share of serious violence in England's most deprived tenth and fifth of LSOAs,
    beside the share of the area's residents who live there (an area may have few of them).

    Its effect is that concentration (violence share over residents share) for the fifth,
    when it is over 1: fewer crimes than residents there is no sign that violence follows
    deprivation, so it is not ranked as one."""
    text = (
        f"{share10:.0f}% of serious violence happened in England's most deprived 10% of "
        f"neighbourhoods and {share20:.0f}% in the most deprived 20%"
    )
    effect = None
    if py_all == py_all and py_all > 0:  # population known
        residents10, residents20 = 100 * py_d1 / py_all, 100 * py_q1 / py_all
        text += (
            f", which are home to {residents10:.0f}% and {residents20:.0f}% of the area's residents"
        )
        if residents20 > 0 and share20 > residents20:
            effect = times(share20 / residents20)
    return Finding(KEY, text + ".", evidence="deprivation_summary", effect=effect)


def _summary(lsoas: pd.DataFrame, total_sv: int) -> tuple[pd.DataFrame, list[Finding]]:
    def part(deciles: tuple[int, ...]) -> tuple[int, float]:
        rows = lsoas[lsoas.imd_decile.isin(deciles)]
        return int(rows.serious_violence.sum()), float(rows.person_years.sum(min_count=1))

    most10, py_d1 = part((1,))
    most20, py_q1 = part((1, 2))
    py_all = float(lsoas.person_years.sum(min_count=1))
    least20, py_q5 = part((9, 10))
    share10 = 100 * most10 / total_sv if total_sv else np.nan
    share20 = 100 * most20 / total_sv if total_sv else np.nan
    ratio, low, high, p = (np.nan,) * 4
    if py_q1 == py_q1 and py_q5 == py_q5:  # not NaN: population known
        ratio, low, high, p = exact_rate_ratio(most20, py_q1, least20, py_q5)
    summary = pd.DataFrame(
        [
            ("share_in_most_deprived_10pct", share10),
            ("share_in_most_deprived_20pct", share20),
            ("quintile1_serious_violence", most20),
            ("quintile5_serious_violence", least20),
            ("quintile1_rate_per_1000", 1000 * most20 / py_q1 if py_q1 else np.nan),
            ("quintile5_rate_per_1000", 1000 * least20 / py_q5 if py_q5 else np.nan),
            ("rate_ratio_q1_vs_q5", ratio),
            ("rate_ratio_ci_low", low),
            ("rate_ratio_ci_high", high),
            ("rate_ratio_p", p),
        ],
        columns=["measure", "value"],
    )
    findings = []
    if total_sv:
        findings.append(_share_finding(share10, share20, py_d1, py_q1, py_all))
    if low == low and (low > 1 or high < 1):
        findings.append(
            Finding(
                KEY,
                f"The rate in the most deprived fifth of neighbourhoods was {ratio:.1f} times the "
                f"rate in the least deprived fifth (95% CI {low:.1f} to {high:.1f}).",
                evidence="deprivation_summary",
                effect=times(ratio),
                tested=True,
            )
        )
    return summary, findings


def domain_columns(lsoas: pd.DataFrame) -> list[str]:
    """Domain decile columns present with at least one value (IMD and crime left out)."""
    reserved = {IMD, "imd_decile", "lsoa_code", "serious_violence", "person_years"}
    return [
        column
        for column in lsoas.columns
        if column not in reserved and column not in EXCLUDED_DOMAINS and lsoas[column].notna().any()
    ]


def fit_poisson(counts: np.ndarray, exposure: np.ndarray, covariates: pd.DataFrame) -> pd.DataFrame:
    """Quasi-Poisson GLM with a log-exposure offset: ``term, irr, ci_low, ci_high, p_value``."""
    import statsmodels.api as sm

    design = sm.add_constant(covariates.astype(float), has_constant="add")
    model = sm.GLM(counts, design, family=sm.families.Poisson(), offset=np.log(exposure))
    fit = model.fit(scale="X2")
    ci = fit.conf_int(alpha=1 - CONFIDENCE)
    terms = [name for name in design.columns if name != "const"]
    return pd.DataFrame(
        {
            "term": terms,
            "irr": np.exp(fit.params[terms].to_numpy()),
            "ci_low": np.exp(ci.loc[terms, 0].to_numpy()),
            "ci_high": np.exp(ci.loc[terms, 1].to_numpy()),
            "p_value": fit.pvalues[terms].to_numpy(),
            "dispersion": fit.scale,
        }
    )


def _domain_models(lsoas: pd.DataFrame) -> tuple[pd.DataFrame | None, list[str]]:
    domains = domain_columns(lsoas)
    if not domains:
        return None, ["No IMD domain deciles were imported, so domains cannot be modelled."]
    if lsoas.person_years.isna().all():
        return None, ["No population is imported, so the domain models (rates) cannot be fitted."]
    base = lsoas[lsoas.person_years > 0]
    rows = []
    notes = []
    for domain in domains:
        data = base[base[domain].notna()]
        if len(data) < 10 or data.serious_violence.sum() == 0:
            notes.append(f"Too few LSOAs with the {domain} domain to model it.")
            continue
        fitted = fit_poisson(
            data.serious_violence.to_numpy(), data.person_years.to_numpy(), -data[[domain]]
        )
        rows.append(fitted.assign(model="unadjusted", lsoas=len(data)))
    data = base.dropna(subset=domains)
    if len(data) >= len(domains) + 10 and data.serious_violence.sum() > 0:
        fitted = fit_poisson(
            data.serious_violence.to_numpy(), data.person_years.to_numpy(), -data[domains]
        )
        rows.append(fitted.assign(model="adjusted", lsoas=len(data)))
    else:
        notes.append("Too few LSOAs with every domain for the adjusted model.")
    if not rows:
        return None, notes
    result = pd.concat(rows, ignore_index=True).rename(columns={"term": "domain"})
    return result[
        ["model", "domain", "irr", "ci_low", "ci_high", "p_value", "dispersion", "lsoas"]
    ], notes
