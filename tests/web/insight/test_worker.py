"""The managed worker: the management command, the thread, interrupted jobs, progress rows."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command

from svduty.web.insight.models import Job
from svduty.web.insight.progress import JobProgress
from svduty.web.insight.worker import requeue_interrupted, start_worker_thread
from tests.web import factories as f


def _queued(partnership, content: bytes, tmp_path) -> Job:
    path = tmp_path / "crimes.csv"
    path.write_bytes(content)
    return Job.objects.create(
        partnership=partnership,
        kind=Job.Kind.IMPORT,
        params={"source": "police-crimes", "path": str(path)},
    )


CSV = (
    b"crime_ref,ho_code,occurred_at,knife,firearm,domestic_abuse,location_type,lsoa_code\n"
    b"C1,8N,2024-05-01,Y,N,N,Street,E01000001\n"
)


@pytest.mark.django_db
def test_run_worker_once_runs_what_is_queued(tmp_path, capsys):
    job = _queued(f.PartnershipFactory(), CSV, tmp_path)
    call_command("run_worker", "--once")
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result["rows_loaded"] == 1
    assert "Ran 1 job(s)." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_worker_thread_picks_up_a_job(tmp_path):
    job = _queued(f.PartnershipFactory(), CSV, tmp_path)
    worker = start_worker_thread(poll=0.1)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.finished:
                break
            time.sleep(0.1)
    finally:
        worker.stop()
    assert job.status == Job.Status.SUCCEEDED, job.error


@pytest.mark.django_db
def test_jobs_left_running_by_a_stopped_server_are_failed_with_a_reason():
    partnership = f.PartnershipFactory()
    running = Job.objects.create(partnership=partnership, kind="import", status="running")
    queued = Job.objects.create(partnership=partnership, kind="import")
    assert requeue_interrupted() == 1
    running.refresh_from_db()
    queued.refresh_from_db()
    assert running.status == "failed" and "start it again" in running.error
    assert queued.status == "queued"


@pytest.mark.django_db
def test_progress_writes_each_stage_and_its_count_to_the_job():
    job = Job.objects.create(partnership=f.PartnershipFactory(), kind="import")
    progress = JobProgress(job)
    with progress.stage("Hashing input files", total=3) as stage:
        job.refresh_from_db()
        assert (job.stage, job.done, job.total) == ("Hashing input files", 0, 3)
        stage.advance()
        stage.advance(2)
    job.refresh_from_db()
    assert (job.stage, job.done, job.total) == ("Hashing input files", 3, 3)
    progress.step("section: trends", 2, 15)
    job.refresh_from_db()
    assert (job.stage, job.done, job.total) == ("section: trends", 2, 15)
