"""While another process (a CLI import) holds the warehouse, every page that reads it answers 503.

The page says the data is being updated, sends ``Retry-After`` and links back to itself; once the
other process lets go, the same address answers 200.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.urls import reverse

from svduty.analysis import SECTIONS
from svduty.web.common.roles import Role
from svduty.web.insight import dashboards, sections
from svduty.web.insight.middleware import RETRY_AFTER_SECONDS
from svduty.web.insight.models import Job, PublishedSummary
from tests.web import factories as f

pytestmark = pytest.mark.django_db

#: A stand-in for `svduty import`: holds the warehouse read-write until its stdin closes.
HOLDER = """
import sys
import duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
con.close()
"""


class WarehouseHolder:
    """A child process holding the DuckDB file's write lock, from ready to ``release()``."""

    def __init__(self, path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        if line.strip() != "ready":
            self.release()
            raise AssertionError(f"the holder did not open the warehouse (said {line!r})")

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=60)
        self.process.stdout.close()


@pytest.fixture
def analyst(client):
    partnership = f.PartnershipFactory(slug="sample-county", name="Sample County Partnership")
    client.force_login(f.member(partnership, Role.ANALYST))
    return partnership


def warehouse_urls(partnership) -> list[str]:
    """Every page that reads the warehouse: each dashboard, core measures, reports, jobs, public."""
    slug = {"partnership": partnership.slug}
    job = Job.objects.create(
        partnership=partnership,
        kind=Job.Kind.IMPORT,
        status=Job.Status.SUCCEEDED,
        params={"source": "police-crimes"},
        result={"batch_id": 1},
    )
    PublishedSummary.objects.create(
        partnership=partnership, definition_name="home-office-core", published=True
    )
    return [
        reverse("insight:dashboard", kwargs=slug),
        *(
            reverse("insight:section", kwargs={**slug, "section": key})
            for key, _ in SECTIONS
            if key not in dashboards.HIDDEN
        ),
        # a query string too: the retry link must come back to the same filters
        reverse("insight:section", kwargs={**slug, "section": "place"})
        + "?definition=home-office-core&year=2024",
        reverse("insight:core_measures", kwargs=slug),
        reverse("insight:reports", kwargs=slug),
        reverse("insight:job", kwargs={**slug, "pk": job.pk}),
        reverse("insight:quarantine_csv", kwargs={**slug, "pk": job.pk}),
        reverse("public:summary", kwargs={"slug": partnership.slug}),
        reverse("public:print", kwargs={"slug": partnership.slug}),
    ]


def test_pages_answer_503_while_another_process_holds_the_warehouse(
    client, analyst, county_warehouse
):
    urls = warehouse_urls(analyst)
    holder = WarehouseHolder(county_warehouse)
    try:
        for url in urls:
            page = client.get(url)
            assert page.status_code == 503, url
            html = page.content.decode()
            assert "The data is being updated" in html, url
            assert "An import is running" in html, url
            assert page["Retry-After"] == str(RETRY_AFTER_SECONDS), url
            assert f'href="{url.replace("&", "&amp;")}"' in html, url
            assert page["Content-Type"].startswith("text/html"), url
    finally:
        holder.release()

    sections.clear()
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200, url
        assert "The data is being updated" not in page.content.decode(), url
        assert "Retry-After" not in page, url


def test_a_busy_warehouse_is_told_apart_from_other_open_errors(county_warehouse, tmp_path):
    from svduty.errors import SvdutyError, WarehouseBusy
    from svduty.warehouse import connect, ibis_connect

    holder = WarehouseHolder(county_warehouse)
    try:
        with pytest.raises(WarehouseBusy, match="in use by another svduty process"):
            connect(None, read_only=True)
        with pytest.raises(WarehouseBusy):
            ibis_connect(None, read_only=True)
    finally:
        holder.release()
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database")
    with pytest.raises(SvdutyError) as refused:
        connect(broken, read_only=True)
    assert not isinstance(refused.value, WarehouseBusy)
