"""What a job does: import an uploaded extract, or produce the needs-assessment report."""

from __future__ import annotations

from pathlib import Path

from svduty import config
from svduty.analysis.recommendations import Recommendation, Recommendations
from svduty.definitions import load_preset
from svduty.errors import SvdutyError
from svduty.ingest import import_source
from svduty.ingest.overlaps import OverlapError
from svduty.reports.document import Cover
from svduty.reports.sna import FORMATS, produce_sna
from svduty.web.insight import warehouse
from svduty.web.insight.forms import APPEND_LABEL, REPLACE_LABEL
from svduty.web.insight.models import Job
from svduty.web.insight.progress import JobProgress

#: Quarantined cells kept in the job's summary (the CSV download has them all).
QUARANTINE_PREVIEW = 50


def run_import(job: Job, progress: JobProgress) -> dict:
    """``import_source`` on the uploaded file; the batch summary for the job's result."""
    params = job.params
    try:
        with warehouse.LOCK:
            result = import_source(
                params["source"],
                params["path"],
                mapping=params.get("mapping") or None,
                replace=bool(params.get("replace")),
                append=bool(params.get("append")),
                progress=progress,
            )
    except OverlapError as overlap:  # the hint names the form's choices, not the CLI's flags
        raise SvdutyError(
            f"{overlap.summary} Upload it again choosing '{REPLACE_LABEL}' or '{APPEND_LABEL}'."
        ) from None
    return {
        "batch_id": result.batch_id,
        "duplicate_of": result.duplicate_of,
        "nothing_new": result.nothing_new,
        "rows_skipped": result.rows_skipped,
        "files": result.files,
        "rows_read": result.rows_read,
        "rows_loaded": result.rows_loaded,
        "rows_quarantined": result.rows_quarantined,
        "period_start": result.period_start.isoformat() if result.period_start else None,
        "period_end": result.period_end.isoformat() if result.period_end else None,
        "replaced_batches": list(result.replaced_batches),
        "top_reasons": [
            {"column": r.column, "reason": r.reason, "cells": r.cells} for r in result.top_reasons
        ],
    }


def report_dir(job: Job) -> Path:
    return config.uploads_dir() / "reports" / f"job-{job.pk}"


def partnership_recommendations(partnership) -> Recommendations:
    """The recommendations the partnership keeps in the web app for its latest strategy, in
    reference order: one source of truth, so editing one there changes the next SNA."""
    from svduty.web.common.ordering import naturally_sorted
    from svduty.web.strategy.models import Strategy

    strategy = Strategy.objects.filter(partnership=partnership).order_by("-period_start").first()
    if strategy is None:
        return Recommendations()
    kept = naturally_sorted(strategy.recommendations.all(), lambda r: r.reference)
    items = tuple(Recommendation(id=r.reference, text=r.text) for r in kept)
    return Recommendations(items=items, source=f"{strategy.title} (svduty)")


def run_report(job: Job, progress: JobProgress) -> dict:
    """``produce_sna`` for the chosen definition, area and period into the job's folder."""
    params = job.params
    load_preset(params["definition"])  # a web job names a preset, never a path
    with warehouse.LOCK:
        output = produce_sna(
            params["definition"],
            report_dir(job),
            area=params.get("area") or None,
            start=params.get("start") or None,
            end=params.get("end") or None,
            public=bool(params.get("public")),
            formats=tuple(params.get("formats") or FORMATS),
            progress=progress.step,
            cover=Cover(**params["cover"]) if params.get("cover") else None,
            recommendations=partnership_recommendations(job.partnership),
        )
    return {
        "files": {fmt: str(path) for fmt, path in output.files.items()},
        "sections": output.sections,
        "unavailable": output.unavailable,
    }


TASKS = {Job.Kind.IMPORT: run_import, Job.Kind.REPORT: run_report}
