"""Authorisation-matrix rows of the insight app (joined to ``tests.web.authz`` at its end)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from svduty import config
from svduty.web.common.roles import ANALYSTS, READERS
from tests.web.authz import ViewCase, World


@dataclass(frozen=True)
class PageCase(ViewCase):
    """A page whose URL names a section, not a record of the partnership."""

    @property
    def takes_record(self) -> bool:
        return False


def extend_world(world: World) -> dict[str, Any]:
    """A finished import job and a finished report job with an HTML file."""
    from svduty.web.insight.models import Job

    p = world.partnership
    upload = Job.objects.create(
        partnership=p,
        kind=Job.Kind.IMPORT,
        status=Job.Status.SUCCEEDED,
        params={"source": "police-crimes"},
        result={"batch_id": None, "rows_read": 0, "rows_loaded": 0, "rows_quarantined": 0},
    )
    report = Job.objects.create(
        partnership=p, kind=Job.Kind.REPORT, status=Job.Status.SUCCEEDED, params={}
    )
    folder = config.uploads_dir() / "reports" / f"job-{report.pk}"
    folder.mkdir(parents=True, exist_ok=True)
    html = folder / "sna.html"
    html.write_text("<!DOCTYPE html><title>SNA</title>", encoding="utf-8")
    report.result = {"files": {"html": str(html)}}
    report.save()
    return {"upload_job": upload, "report_job": report}


def _job(name: str):
    return lambda world: {"pk": world.records[name].pk}


INSIGHT_CASES: list[ViewCase] = [
    ViewCase("insight:dashboard", READERS),
    PageCase("insight:section", READERS, lambda world: {"section": "profile"}),
    ViewCase("insight:core_measures", READERS),
    ViewCase("insight:uploads", ANALYSTS),
    ViewCase("insight:upload", ANALYSTS, form=True),
    ViewCase("insight:job", ANALYSTS, _job("upload_job")),
    ViewCase("insight:job_status", ANALYSTS, _job("upload_job")),
    ViewCase("insight:quarantine_csv", ANALYSTS, _job("upload_job")),
    ViewCase("insight:summary_csv", ANALYSTS, _job("upload_job")),
    ViewCase(
        "insight:report_file",
        ANALYSTS,
        lambda world: {"pk": world.report_job.pk, "fmt": "html"},
    ),
    ViewCase("insight:reports", ANALYSTS, form=True),
    ViewCase("insight:publish", ANALYSTS, form=True),
]
