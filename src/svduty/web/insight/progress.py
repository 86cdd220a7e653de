"""The ingest ``Progress`` protocol, written to the job row so the browser can poll it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from svduty.web.insight.models import Job

#: Seconds between progress writes within a stage: enough for a poll, light on the database.
THROTTLE = 0.3


class _Stage:
    def __init__(self, progress: JobProgress) -> None:
        self._progress = progress

    def advance(self, amount: int = 1) -> None:
        self._progress.advance(amount)


class JobProgress:
    """Stages and counts of one job; each ``stage`` restarts the count."""

    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self._done = 0
        self._total: int | None = None
        self._written = 0.0

    def _write(self, force: bool = False, **fields) -> None:
        now = time.monotonic()
        if force or now - self._written >= THROTTLE:
            Job.objects.filter(pk=self.job_id).update(done=self._done, total=self._total, **fields)
            self._written = now

    @contextmanager
    def stage(self, description: str, total: int | None = None) -> Iterator[_Stage]:
        self._done, self._total = 0, total
        self._write(force=True, stage=description[:200])
        yield _Stage(self)
        self._write(force=True)

    def advance(self, amount: int = 1) -> None:
        self._done += amount
        self._write()

    def step(self, description: str, done: int, total: int) -> None:
        """The reports' ``progress(step, done, total)`` callback."""
        self._done, self._total = done, total
        self._write(force=True, stage=description[:200])
