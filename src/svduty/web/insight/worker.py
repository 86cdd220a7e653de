"""The managed worker: takes queued jobs from the ``Job`` table, one at a time, oldest first.

``svduty serve`` starts it as a daemon thread beside waitress; ``svduty manage run_worker`` runs
it on its own (see docs/adr/0007-insight-background-jobs.md). One job at a time because DuckDB
has one writer: imports are serialised by design, not by accident.
"""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections, transaction
from django.utils import timezone

from svduty.errors import SvdutyError
from svduty.web.insight import sections, uploads
from svduty.web.insight.defaults import default_definition
from svduty.web.insight.models import Job
from svduty.web.insight.progress import JobProgress
from svduty.web.insight.tasks import TASKS

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0


def claim_next() -> Job | None:
    """Mark the oldest queued job running and return it (``None`` when the queue is empty).

    The conditional UPDATE makes the claim safe between several workers and databases.
    """
    for job in Job.objects.filter(status=Job.Status.QUEUED).order_by("created_at", "pk")[:5]:
        with transaction.atomic():
            claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
                status=Job.Status.RUNNING, started_at=timezone.now(), stage="Starting"
            )
        if claimed:
            job.refresh_from_db()
            return job
    return None


def run_job(job: Job) -> Job:
    """Run one claimed job to its end; a user-fixable problem becomes its one-line error."""
    progress = JobProgress(job)
    fields: dict = {"finished_at": None}
    try:
        result = TASKS[job.kind](job, progress)
    except SvdutyError as error:
        fields.update(status=Job.Status.FAILED, error=str(error).splitlines()[0])
    except Exception as error:  # never lose the worker; the log has the traceback
        log.exception("job %s failed", job.pk)
        fields.update(
            status=Job.Status.FAILED,
            error=f"Unexpected error ({type(error).__name__}); the server log has the details.",
        )
    else:
        fields.update(status=Job.Status.SUCCEEDED, result=result, stage="Finished")
    fields["finished_at"] = timezone.now()
    Job.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    uploads.finished(job)
    if job.kind == Job.Kind.IMPORT and job.status == Job.Status.SUCCEEDED:
        warm_dashboards(job)
    return job


def warm_dashboards(job: Job) -> None:
    """Compute the partnership's default dashboards now, so the first visitor waits for nothing."""
    try:
        sections.compute(sections.ScopeKey(default_definition(job.partnership)))
    except Exception:  # a page will show the problem; warming is only an optimisation
        log.warning("could not pre-compute dashboards after job %s", job.pk, exc_info=True)


def run_pending(limit: int | None = None) -> int:
    """Run queued jobs until none is left (or ``limit``); how many ran."""
    count = 0
    while limit is None or count < limit:
        job = claim_next()
        if job is None:
            break
        run_job(job)
        count += 1
    return count


def requeue_interrupted() -> int:
    """Jobs left running by a stopped server cannot finish: mark them failed, say why."""
    return Job.objects.filter(status=Job.Status.RUNNING).update(
        status=Job.Status.FAILED,
        error="The server stopped while this job ran; start it again.",
        finished_at=timezone.now(),
    )


def work_forever(stop: threading.Event, poll: float = POLL_SECONDS) -> None:
    """The worker loop: run what is queued, then wait ``poll`` seconds (or until stopped)."""
    while not stop.is_set():
        try:
            run_pending()
            uploads.purge_expired()
        except Exception:  # a database hiccup must not kill the worker
            log.exception("worker loop")
        finally:
            close_old_connections()
        stop.wait(poll)


class WorkerThread:
    """The worker running as a daemon thread of this process; ``stop()`` ends it cleanly."""

    def __init__(self, poll: float = POLL_SECONDS) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=work_forever, args=(self._stop, poll), name="svduty-insight-worker", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 120.0) -> None:
        """Ask the loop to end and wait for the job it is running to finish."""
        self._stop.set()
        self._thread.join(timeout)


def start_worker_thread(poll: float = POLL_SECONDS) -> WorkerThread:
    """Start the worker as a daemon thread; call ``stop()`` on the result to end it."""
    return WorkerThread(poll)
