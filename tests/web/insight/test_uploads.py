"""Uploads: the file is saved, the worker imports it, the summary and quarantine are shown."""

from __future__ import annotations

import csv
import io
import os

import pytest
from django.urls import reverse

from svduty import config
from svduty.web.common.roles import Role
from svduty.web.insight.models import Job
from svduty.web.insight.worker import claim_next, run_pending
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _upload(client, partnership, source, name, content, mapping=None, **choices):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"source": source, "extract": SimpleUploadedFile(name, content, "text/csv"), **choices}
    if mapping is not None:
        data["mapping"] = SimpleUploadedFile("profile.yaml", mapping, "application/yaml")
    return client.post(reverse("insight:upload", kwargs={"partnership": partnership.slug}), data)


def _police_csv(rows: list[list[str]]) -> bytes:
    header = ["crime_ref", "ho_code", "occurred_at", "knife", "firearm", "domestic_abuse"]
    header += ["location_type", "lsoa_code"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


GOOD = ["C1", "8N", "2024-05-01 22:10", "Y", "N", "N", "Street", "E01000001"]
BAD_CODE = ["C2", "not-a-code", "2024-05-02", "N", "N", "N", "Street", "E01000001"]
BAD_DATE = ["C3", "8N", "2024-13-40", "N", "N", "N", "Street", "E01000001"]


def test_upload_is_queued_not_run_in_the_request(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    response = _upload(client, partnership, "police-crimes", "crimes.csv", _police_csv([GOOD]))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse(
        "insight:job", kwargs={"partnership": partnership.slug, "pk": job.pk}
    )
    assert job.status == Job.Status.QUEUED and job.kind == Job.Kind.IMPORT
    saved = job.params["path"]
    assert saved.startswith(str(config.uploads_dir())) and saved.endswith("crimes.csv")
    with open(saved, "rb") as file:
        assert file.read() == _police_csv([GOOD])
    assert not config.warehouse_path(None).exists()  # nothing imported by the request


def test_a_job_is_never_queued_before_its_file_is_saved(client):
    """The worker polls for queued jobs: the row it can see must already name a saved file
    (a job created first and given its path afterwards was once claimed in between)."""
    from django.db.models.signals import post_save

    seen: list[tuple[str, bool]] = []

    def on_save(sender, instance, created, **kwargs):
        path = instance.params.get("path")
        seen.append((instance.status, bool(path) and os.path.exists(path)))

    post_save.connect(on_save, sender=Job)
    try:
        partnership = f.PartnershipFactory()
        client.force_login(f.member(partnership, Role.ANALYST))
        _upload(client, partnership, "police-crimes", "crimes.csv", _police_csv([GOOD]))
    finally:
        post_save.disconnect(on_save, sender=Job)
    assert seen == [(Job.Status.QUEUED, True)]


def test_worker_imports_and_quarantines_bad_rows(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    _upload(
        client, partnership, "police-crimes", "crimes.csv", _police_csv([GOOD, BAD_CODE, BAD_DATE])
    )
    assert run_pending() == 1
    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["rows_read"] == 3
    assert job.result["rows_loaded"] == 1
    assert job.result["rows_quarantined"] == 2
    assert job.stage == "Finished" and job.finished_at is not None

    kwargs = {"partnership": partnership.slug, "pk": job.pk}
    page = client.get(reverse("insight:job", kwargs=kwargs)).content.decode()
    assert 'id="rows-loaded">1<' in page and 'id="rows-quarantined">2<' in page
    assert "not-a-code" in page and "2024-13-40" in page

    response = client.get(reverse("insight:quarantine_csv", kwargs=kwargs))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    cells = {(r["row_number"], r["column"], r["value"]) for r in rows}
    # spreadsheet rows: the header is row 1, so the second and third data rows are 3 and 4
    assert ("3", "ho_code", "not-a-code") in cells
    assert ("4", "occurred_at", "2024-13-40") in cells
    assert len(rows) == 2

    summary = client.get(reverse("insight:summary_csv", kwargs=kwargs)).content.decode()
    values = dict(csv.reader(io.StringIO(summary)))
    assert values["rows_loaded"] == "1" and values["rows_quarantined"] == "2"

    status = client.get(reverse("insight:job_status", kwargs=kwargs)).json()
    assert status["status"] == "succeeded" and status["finished"] is True


def test_a_refused_file_fails_with_one_line_saying_what_to_fix(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.COORDINATOR))
    _upload(client, partnership, "police-crimes", "crimes.csv", b"crime_ref,ho_code\nC1,8N\n")
    run_pending()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "\n" not in job.error and "crimes.csv" in job.error
    assert "occurred_at" in job.error  # names a missing required column
    page = client.get(
        reverse("insight:job", kwargs={"partnership": partnership.slug, "pk": job.pk})
    )
    assert job.error in page.content.decode().replace("&#x27;", "'")


def test_the_same_file_twice_is_a_duplicate_and_loads_nothing(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    content = _police_csv([GOOD])
    _upload(client, partnership, "police-crimes", "a.csv", content)
    _upload(client, partnership, "police-crimes", "a.csv", content)
    assert run_pending() == 2
    first, second = Job.objects.order_by("pk")
    assert second.result["duplicate_of"] == first.result["batch_id"]
    assert second.result["rows_loaded"] == 0


def test_mapping_profile_for_a_fixed_layout_source_is_refused_in_the_form(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    response = _upload(
        client, partnership, "boundaries", "b.geojson", b"{}", mapping=b"columns: {}"
    )
    assert response.status_code == 200
    assert "fixed layout" in response.content.decode()
    assert not Job.objects.exists()


def test_claim_takes_the_oldest_queued_job_once():
    partnership = f.PartnershipFactory()
    first = Job.objects.create(partnership=partnership, kind=Job.Kind.IMPORT, params={})
    Job.objects.create(partnership=partnership, kind=Job.Kind.IMPORT, params={})
    claimed = claim_next()
    assert claimed.pk == first.pk and claimed.status == Job.Status.RUNNING
    assert claim_next().pk != first.pk
    assert claim_next() is None


def test_quarantined_formulas_come_back_as_text_in_the_csv(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    hostile = '=HYPERLINK("http://evil.example","open")'
    row = list(BAD_CODE)
    row[1] = hostile
    _upload(client, partnership, "police-crimes", "crimes.csv", _police_csv([GOOD, row]))
    run_pending()
    job = Job.objects.get()
    assert job.result["rows_quarantined"] == 1, job.error
    kwargs = {"partnership": partnership.slug, "pk": job.pk}
    body = client.get(reverse("insight:quarantine_csv", kwargs=kwargs)).content.decode()
    values = [r["value"] for r in csv.DictReader(io.StringIO(body))]
    assert values == ["'" + hostile]


def _mode(path) -> int:
    import stat

    return stat.S_IMODE(path.stat().st_mode)


def test_an_extract_is_private_while_queued_and_deleted_after_its_import(client, settings):
    from pathlib import Path

    settings.SVDUTY_UPLOAD_RETENTION_DAYS = 0
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    page = client.get(reverse("insight:upload", kwargs={"partnership": partnership.slug}))
    assert "is deleted as soon as the import ends" in page.content.decode()
    _upload(client, partnership, "police-crimes", "crimes.csv", _police_csv([GOOD]))
    job = Job.objects.get()
    extract = Path(job.params["path"])
    assert extract.read_bytes() == _police_csv([GOOD])
    assert _mode(extract) == 0o600 and _mode(extract.parent) == 0o700
    assert _mode(extract.parent.parent) == 0o700  # the uploads directory itself
    run_pending()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert not extract.parent.exists() and "deleted_at" in job.params


def test_a_failed_import_deletes_its_extract_too(client, settings):
    from pathlib import Path

    settings.SVDUTY_UPLOAD_RETENTION_DAYS = 0
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.COORDINATOR))
    _upload(client, partnership, "police-crimes", "crimes.csv", b"crime_ref,ho_code\nC1,8N\n")
    run_pending()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert not Path(job.params["path"]).exists()


def test_a_retention_period_keeps_the_extract_then_the_worker_purges_it(client, settings):
    import datetime as dt
    from pathlib import Path

    from django.utils import timezone

    from svduty.web.insight.uploads import purge_expired

    settings.SVDUTY_UPLOAD_RETENTION_DAYS = 7
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    page = client.get(reverse("insight:upload", kwargs={"partnership": partnership.slug}))
    assert "kept for 7 days after the import ends, then deleted" in page.content.decode()
    _upload(client, partnership, "police-crimes", "crimes.csv", _police_csv([GOOD]))
    run_pending()
    job = Job.objects.get()
    extract = Path(job.params["path"])
    assert extract.exists()
    assert purge_expired(now=job.finished_at + dt.timedelta(days=6)) == 0 and extract.exists()
    assert purge_expired(now=timezone.now() + dt.timedelta(days=7, seconds=1)) == 1
    assert not extract.parent.exists()
    assert purge_expired(now=timezone.now() + dt.timedelta(days=30)) == 0


def test_upload_size_is_capped_per_source(client, settings):
    settings.SVDUTY_UPLOAD_LIMITS_MB = {"default": 1, "police-crimes": 2}
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    big = b"x" * (1024 * 1024 + 1)
    refused = _upload(client, partnership, "istv", "ed.csv", big).content.decode()
    assert "larger than 1 MB, the limit for istv" in refused
    accepted = _upload(client, partnership, "police-crimes", "crimes.csv", big)
    assert accepted.status_code == 302
    assert Job.objects.count() == 1


def test_an_overlapping_upload_is_refused_then_added_to_when_chosen(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    kwargs = {"partnership": partnership.slug}
    more = ["C9", "8N", "2024-05-03 10:00", "N", "N", "N", "Street", "E01000001"]
    _upload(client, partnership, "police-crimes", "may.csv", _police_csv([GOOD]))
    _upload(client, partnership, "police-crimes", "may-v2.csv", _police_csv([GOOD, more]))
    assert run_pending() == 2
    refused = Job.objects.order_by("pk").last()
    assert refused.status == Job.Status.FAILED
    assert refused.error == (
        "may-v2.csv: overlaps batch 1 (may.csv, 2024-05 to 2024-05), which already holds 1 of "
        "its records (same crime_ref); nothing loaded. Upload it again choosing 'Replace the "
        "earlier imports of this source that this file overlaps' or 'Add only the records not "
        "loaded yet'."
    )
    _upload(
        client, partnership, "police-crimes", "may-v2.csv", _police_csv([GOOD, more]), append="on"
    )
    run_pending()
    added = Job.objects.order_by("pk").last()
    assert added.status == Job.Status.SUCCEEDED
    assert (added.result["rows_loaded"], added.result["rows_skipped"]) == (1, 1)
    page = client.get(reverse("insight:job", kwargs={**kwargs, "pk": added.pk})).content.decode()
    assert 'id="rows-skipped">1<' in page

    both = _upload(
        client,
        partnership,
        "police-crimes",
        "x.csv",
        _police_csv([GOOD]),
        replace="on",
        append="on",
    )
    assert both.status_code == 200
    assert "Choose to replace the earlier imports or to add to them" in both.content.decode()
