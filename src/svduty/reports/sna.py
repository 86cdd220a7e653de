"""Produce the strategic needs assessment: warehouse → sections → HTML, PDF and XLSX.

The full assessment is ``sna.html``, ``sna.pdf`` and ``sna.xlsx``; the public summary
(``--public``) is ``public-summary.html``, ``public-summary.pdf`` and ``public-summary.xlsx``, with
disclosure control applied before anything is drawn or written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from svduty import config
from svduty.analysis import SECTIONS
from svduty.analysis.boundaries import lsoa_geojson
from svduty.analysis.context import AnalysisContext, Scope
from svduty.analysis.findings import key_findings
from svduty.analysis.recommendations import Recommendations, load_recommendations
from svduty.definitions import load_definition
from svduty.errors import SvdutyError
from svduty.reports import disclosure
from svduty.reports.charts import ChartInputs
from svduty.reports.document import Cover, build_report
from svduty.reports.docx import write_docx
from svduty.reports.html import write_html
from svduty.reports.introduction import Introduction
from svduty.reports.pdf import write_pdf
from svduty.reports.xlsx import write_xlsx
from svduty.warehouse import ibis_connect

#: ``progress(step, done, total)``: the CLI shows it with Rich; tests pass nothing.
ProgressCallback = Callable[[str, int, int], None]
FULL_STEM = "sna"
PUBLIC_STEM = "public-summary"
FORMATS = ("html", "pdf", "xlsx", "docx")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
WRITERS = {"html": write_html, "pdf": write_pdf, "xlsx": write_xlsx, "docx": write_docx}


@dataclass
class SnaOutput:
    """What ``produce_sna`` wrote and how long each stage took (seconds)."""

    files: dict[str, Path]
    sections: list[str]
    unavailable: dict[str, str]
    timings: dict[str, float] = field(default_factory=dict)


def parse_month(text: str | None, option: str) -> dt.date | None:
    """``2023-04`` → 1 April 2023; anything else is the user's to fix."""
    if text is None:
        return None
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise SvdutyError(f"{option} {text!r} is not a month: write it as YYYY-MM, e.g. 2023-04")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def check_inputs(
    definition: str,
    *,
    start: str | None = None,
    end: str | None = None,
    warehouse: str | os.PathLike[str] | None = None,
    recommendations: str | os.PathLike[str] | None = None,
) -> None:
    """Fail fast, before any work starts, on a user error in the options."""

    Scope(load_definition(definition), None, parse_month(start, "--from"), parse_month(end, "--to"))
    load_recommendations(recommendations)
    target = config.warehouse_path(warehouse)
    if not target.exists():
        raise SvdutyError(f"{target}: no warehouse there yet; import some data first")


def produce_sna(
    definition: str,
    out_dir: str | os.PathLike[str],
    *,
    area: str | None = None,
    start: str | None = None,
    end: str | None = None,
    warehouse: str | os.PathLike[str] | None = None,
    recommendations: str | os.PathLike[str] | Recommendations | None = None,
    public: bool = False,
    formats: tuple[str, ...] = FORMATS,
    progress: ProgressCallback | None = None,
    cover: Cover | None = None,
) -> SnaOutput:
    """Run every section on the warehouse and write the report files into ``out_dir``;
    ``cover`` names the partnership, owner, version and status shown on the cover."""

    report_progress = progress or (lambda step, done, total: None)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise SvdutyError(f"unknown report format(s) {', '.join(sorted(unknown))}")
    scope_definition = load_definition(definition)
    scope = Scope(
        definition=scope_definition,
        area_code=area,
        start_month=parse_month(start, "--from"),
        end_month=parse_month(end, "--to"),
    )
    advice = (
        recommendations
        if isinstance(recommendations, Recommendations)  # the web app's own, read by its caller
        else load_recommendations(recommendations)
    )
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise SvdutyError(f"--out {out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)

    timings: dict[str, float] = {}
    total = len(SECTIONS) + 2 + len(formats)
    started = time.perf_counter()
    con = ibis_connect(warehouse, read_only=True)
    try:
        ctx = AnalysisContext(con, scope)
        results = []
        for done, (key, compute) in enumerate(SECTIONS):
            report_progress(f"section: {key}", done, total)
            began = time.perf_counter()
            results.append(compute(ctx))
            timings[f"section:{key}"] = time.perf_counter() - began
        boundaries = lsoa_geojson(ctx)
        period = _period_label(ctx)
    finally:
        con.disconnect()
    timings["sections"] = time.perf_counter() - started

    findings = key_findings(results)
    if public:
        results = disclosure.public_results(results)
        findings = disclosure.public_findings(findings)
    report_progress("charts and tables", len(SECTIONS), total)
    began = time.perf_counter()
    report = _build(
        results,
        scope_definition,
        period,
        findings,
        advice,
        public,
        boundaries,
        report_progress,
        len(SECTIONS),
        total,
        cover,
    )
    timings["document"] = time.perf_counter() - began

    stem = PUBLIC_STEM if public else FULL_STEM
    files: dict[str, Path] = {}
    for i, fmt in enumerate(formats):
        report_progress(f"writing {stem}.{fmt}", len(SECTIONS) + 1 + i, total)
        began = time.perf_counter()
        files[fmt] = WRITERS[fmt](report, out / f"{stem}.{fmt}")
        timings[fmt] = time.perf_counter() - began
    timings["total"] = time.perf_counter() - started
    report_progress("done", total, total)
    return SnaOutput(
        files=files,
        sections=[r.key for r in results],
        unavailable={r.key: r.unavailable for r in results if r.unavailable},
        timings=timings,
    )


def _build(
    results, definition, period, findings, advice, public, boundaries, progress, base, total, cover
):
    area = _area_label(results)
    return build_report(
        results,
        area=area,
        period=period,
        definition=definition.name,
        definition_title=definition.title,
        key_findings=findings,
        recommendations=list(advice.items),
        recommendations_statement=advice.statement,
        public=public,
        chart_inputs=ChartInputs(boundaries=boundaries),
        caveat=definition.caveat if definition.proxy else None,
        on_section=lambda title: progress(f"charts: {title}", base, total),
        cover=cover,
        introduction=Introduction.of(definition, cover.partnership if cover else None, area),
    )


def _period_label(ctx) -> str:
    period = ctx.period
    if period is None:
        return "No recorded crime in scope"
    first, last = period
    return f"{first:%B %Y} to {last:%B %Y}"


def _area_label(results) -> str:
    for result in results:
        if result.key != "scope" or not result.available:
            continue
        for table in result.tables:
            frame = table.frame
            if {"item", "value"} <= set(frame.columns):
                rows = frame[frame["item"].astype(str).str.lower() == "area"]
                if not rows.empty:
                    return str(rows["value"].iloc[0])
    return "Area not recorded (the scope section is missing)"
