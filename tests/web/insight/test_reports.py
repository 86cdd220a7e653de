"""Reports: queued from the browser, produced by the worker, downloaded in three formats."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from svduty.web.common.roles import Role
from svduty.web.insight.models import Job
from svduty.web.insight.worker import run_pending
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_report_job_writes_html_pdf_xlsx_and_docx_for_the_chosen_scope(client, county_warehouse):
    import docx
    import openpyxl

    partnership = f.PartnershipFactory(name="Northby Community Safety Partnership")
    analyst = f.member(partnership, Role.ANALYST)
    analyst.first_name, analyst.last_name = "Ada", "Analyst"
    analyst.save()
    client.force_login(analyst)
    url = reverse("insight:reports", kwargs={"partnership": partnership.slug})
    response = client.post(
        url, {"definition": "home-office-core", "area": "E07900001", "start": "2024-01"}
    )
    job = Job.objects.get(kind=Job.Kind.REPORT)
    assert response.status_code == 302 and job.status == Job.Status.QUEUED
    assert job.params["area"] == "E07900001" and job.params["start"] == "2024-01"

    assert run_pending() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert set(job.result["files"]) == {"html", "pdf", "xlsx", "docx"}
    assert job.params["cover"] == {
        "partnership": "Northby Community Safety Partnership",
        "owner": "Ada Analyst",
        "version": "1",
        "status": "Draft",
    }
    assert job.total and job.done == job.total  # progress reached the end

    kwargs = {"partnership": partnership.slug, "pk": job.pk}
    html = client.get(reverse("insight:report_file", kwargs={**kwargs, "fmt": "html"}))
    text = b"".join(html.streaming_content).decode()
    assert "Northby" in text and "January 2024" in text
    pdf = client.get(reverse("insight:report_file", kwargs={**kwargs, "fmt": "pdf"}))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = client.get(reverse("insight:report_file", kwargs={**kwargs, "fmt": "xlsx"}))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert book.sheetnames[0] == "README"
    word = client.get(reverse("insight:report_file", kwargs={**kwargs, "fmt": "docx"}))
    assert word["Content-Type"].endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(b"".join(word.streaming_content)))
    cover = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert (cover["Partnership"], cover["Version"], cover["Owner"]) == (
        "Northby Community Safety Partnership",
        "1",
        "Ada Analyst",
    )
    assert "<dt>Partnership</dt><dd>Northby Community Safety Partnership</dd>" in text
    # each version is kept: the next full report is version 2, a first public one version 1
    client.post(url, {"definition": "home-office-core"})
    client.post(url, {"definition": "home-office-core", "public": "on"})
    versions = [j.params["cover"]["version"] for j in Job.objects.order_by("pk")]
    assert versions == ["1", "2", "1"]
    assert (
        client.get(reverse("insight:report_file", kwargs={**kwargs, "fmt": "doc"})).status_code
        == 404
    )


def test_a_period_that_ends_before_it_starts_is_refused_in_the_form(client):
    partnership = f.PartnershipFactory()
    client.force_login(f.member(partnership, Role.ANALYST))
    url = reverse("insight:reports", kwargs={"partnership": partnership.slug})
    response = client.post(
        url, {"definition": "home-office-core", "start": "2024-05", "end": "2024-01"}
    )
    assert response.status_code == 200
    assert "The period starts after it ends" in response.content.decode()
    response = client.post(url, {"definition": "home-office-core", "start": "May 2024"})
    assert "write it as YYYY-MM" in response.content.decode()
    assert not Job.objects.exists()


def test_the_report_form_defaults_to_the_partnerships_own_area(client, county_warehouse):
    partnership = f.PartnershipFactory(area_code="E07900001")
    client.force_login(f.member(partnership, Role.ANALYST))
    url = reverse("insight:reports", kwargs={"partnership": partnership.slug})
    form = client.get(url).context["form"]
    assert form.initial["area"] == "E07900001"
    choices = form.fields["area"].choices
    assert choices[0] == ("E07900001", "Northby (this partnership's area)")
    assert choices[1] == ("", "The area the crime data covers")
    assert [code for code, _ in choices].count("E07900001") == 1


def test_without_a_known_area_the_report_covers_the_crime_datas_area(client, county_warehouse):
    partnership = f.PartnershipFactory(area_code="E99999999")
    client.force_login(f.member(partnership, Role.ANALYST))
    url = reverse("insight:reports", kwargs={"partnership": partnership.slug})
    form = client.get(url).context["form"]
    assert "area" not in form.initial
    assert form.fields["area"].choices[0] == ("", "The area the crime data covers")


def test_the_needs_assessment_carries_the_partnerships_own_recommendations(county_warehouse):
    """One source of truth: the SNA lists the latest strategy's recommendations as kept in the
    web app, in reference order, and an edit there shows in the next SNA."""
    import docx

    partnership = f.PartnershipFactory()
    old = f.StrategyFactory(partnership=partnership, period_start=dt.date(2020, 1, 1),
                            period_end=dt.date(2023, 1, 1))  # fmt: skip
    f.RecommendationFactory(strategy=old, reference="R1", text="An old recommendation.")
    strategy = f.StrategyFactory(partnership=partnership)
    f.RecommendationFactory(strategy=strategy, reference="R10", text="Tenth.")
    second = f.RecommendationFactory(strategy=strategy, reference="R2", text="Second.")
    user = f.member(partnership, Role.ANALYST)

    def produce() -> list[str]:
        job = Job.objects.create(
            partnership=partnership, kind=Job.Kind.REPORT, created_by=user,
            params={"definition": "home-office-core", "formats": ["docx"]},
        )  # fmt: skip
        assert run_pending() == 1
        job.refresh_from_db()
        assert job.status == Job.Status.SUCCEEDED, job.error
        document = docx.Document(job.result["files"]["docx"])
        return [p.text for p in document.paragraphs if p.style.name == "List Number"]

    assert produce() == ["R2 Second.", "R10 Tenth."]
    second.text = "Second, as the board amended it."
    second.save()
    assert produce() == ["R2 Second, as the board amended it.", "R10 Tenth."]
