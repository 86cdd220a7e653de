"""Partner extracts uploaded for import: private while kept, gone when no longer needed.

An extract is personal data exactly as the partner sent it. It is written owner-only (folder
0700, file 0600) under the uploads directory, kept while its import job needs it, and deleted when
the job ends, unless ``SVDUTY_UPLOAD_RETENTION_DAYS`` keeps it that many days after (for
re-checking a disputed import); the worker purges what has passed that period. The warehouse keeps
the batch, its file digests and the quarantined rows, so nothing the product reports depends on
the kept file. ``SVDUTY_UPLOAD_LIMITS_MB`` caps an upload's size per source.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.text import get_valid_filename

from svduty import config
from svduty.web.insight.models import Job

log = logging.getLogger(__name__)
_PREFIX = "upload-"


def new_folder() -> Path:
    """A fresh owner-only folder for one upload's files."""
    root = config.uploads_dir()
    os.chmod(root, 0o700)
    folder = root / f"{_PREFIX}{uuid.uuid4().hex}"
    folder.mkdir(mode=0o700)
    return folder


def save(upload, folder: Path) -> Path:
    """Write an uploaded file owner-only (0600) into ``folder`` (made 0700 when new)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / (get_valid_filename(Path(upload.name).name) or "upload")
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


def size_limit_bytes(source: str) -> int:
    """The largest upload accepted for ``source`` (its own limit, else the default)."""
    limits = settings.SVDUTY_UPLOAD_LIMITS_MB
    return int(limits.get(source, limits["default"])) * 1024 * 1024


def retention() -> dt.timedelta:
    return dt.timedelta(days=settings.SVDUTY_UPLOAD_RETENTION_DAYS)


def retention_statement() -> str:
    """What the upload page tells the uploader about the file's life."""
    days = settings.SVDUTY_UPLOAD_RETENTION_DAYS
    kept = (
        "deleted as soon as the import ends"
        if days == 0
        else f"kept for {days} day{'s' if days != 1 else ''} after the import ends, then deleted"
    )
    return (
        f"The uploaded file is readable only by the service and is {kept}; the warehouse keeps "
        "the imported rows, the quarantined rows and the file's fingerprint."
    )


def _folder_of(job: Job) -> Path | None:
    """The job's upload folder, only if it is one of ours under the uploads directory."""
    path = job.params.get("path")
    if not path:
        return None
    folder = Path(path).parent
    root = config.uploads_dir().resolve()
    if folder.resolve().parent != root or not folder.name.startswith(_PREFIX):
        return None
    return folder


def discard(job: Job) -> bool:
    """Delete the job's uploaded files now; record when. False if there was nothing to delete."""
    folder = _folder_of(job)
    if folder is None or not folder.exists():
        return False
    shutil.rmtree(folder)
    params = {**job.params, "deleted_at": timezone.now().isoformat()}
    Job.objects.filter(pk=job.pk).update(params=params)
    job.params = params
    return True


def finished(job: Job) -> None:
    """After an import job ends: delete its files unless the retention period keeps them."""
    if job.kind == Job.Kind.IMPORT and retention() == dt.timedelta(0):
        discard(job)


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete the files of import jobs that ended more than the retention period ago."""
    cutoff = (now or timezone.now()) - retention()
    ended = Job.objects.filter(
        kind=Job.Kind.IMPORT, finished_at__isnull=False, finished_at__lte=cutoff
    ).exclude(params__has_key="deleted_at")
    return sum(discard(job) for job in ended)
