"""``svduty manage run_worker``: the insight job worker as its own process."""

from __future__ import annotations

import threading

from django.core.management.base import BaseCommand

from svduty.web.insight.worker import requeue_interrupted, run_pending, work_forever


class Command(BaseCommand):
    help = "Run queued data uploads and report jobs (use when `svduty serve --no-worker`)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is queued, then stop.")
        parser.add_argument("--poll", type=float, default=1.0, help="Seconds between polls.")

    def handle(self, *args, once: bool = False, poll: float = 1.0, **options):
        if once:
            ran = run_pending()
            self.stdout.write(f"Ran {ran} job(s).")
            return
        requeue_interrupted()
        self.stdout.write("Worker running (Ctrl+C to stop).")
        try:
            work_forever(threading.Event(), poll)
        except KeyboardInterrupt:
            self.stdout.write("Worker stopped.")
