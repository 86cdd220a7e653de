"""In a browser: upload the Sample County police extract, watch the import's progress, see the
dashboard change and its charts drawn from local Vega files, then open the public summary."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from svduty.analysis import SECTIONS
from svduty.web.demo import seed_demo
from svduty.web.insight import dashboards
from tests.e2e.test_delivery_plan_browser import SLUG, serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def extracts(sample_county):
    """One year of Sample County, the same folder the insight tests import."""
    return sample_county(years=1, measure=False)


@pytest.fixture
def worker():
    from svduty.web.insight import sections
    from svduty.web.insight.worker import start_worker_thread

    sections.clear()
    running = start_worker_thread(poll=0.2)
    yield
    running.stop()  # joins: no job may outlive the test's database


def _upload(page, base: str, source_label: str, path) -> None:
    page.goto(f"{base}/p/{SLUG}/insight/uploads/")
    page.get_by_role("link", name="Upload a partner extract").click()
    page.get_by_label("Source", exact=True).select_option(value=source_label)
    page.get_by_label("Extract file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and import").click()


def _wait_for_batch_summary(page, timeout: int = 120_000) -> None:
    """Wait for the job to end; a failed or duplicate import fails the test with its message."""
    page.locator("#batch-summary, #job-error, #batch-duplicate").first.wait_for(timeout=timeout)
    assert page.locator("#batch-summary").is_visible(), page.locator("main").inner_text()


def test_upload_progress_dashboard_and_public_page(live_server, page, axe_source, extracts, worker):
    seed_demo()
    # The first visit to a dashboard, core measures or the public page computes its sections
    # (seconds at county scale, longer while the other test worker loads the 2 cores).
    page.set_default_timeout(60_000)
    base = live_server.url
    sign_in(page, base, "analyst")
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    seen_stages: list[str] = []
    page.on(
        "response",
        lambda r: seen_stages.append(r.url) if "/status/" in r.url else None,
    )

    page.get_by_role("link", name="Dashboards").click()
    # The click returns once the navigation commits, before the new page is parsed: wait for it.
    page.locator("#no-data").wait_for()

    # Geography first (for districts), then the police extract that fills the dashboards.
    _upload(page, base, "geo-lookup", extracts / "geo_lookup.csv")
    _wait_for_batch_summary(page)
    _upload(page, base, "police-crimes", extracts / "police_crimes.csv")
    assert re.search(r"/insight/jobs/\d+/$", page.url)
    page.locator("#job-stage").wait_for()
    _wait_for_batch_summary(page)
    assert seen_stages, "the page never polled the job's status"
    rows = int(page.locator("#rows-loaded").inner_text().replace(",", ""))
    crimes = sum(1 for _ in (extracts / "police_crimes.csv").open(encoding="utf-8")) - 1
    assert rows == crimes

    page.get_by_role("link", name="Open the dashboards").click()
    overall = page.locator('table[data-table="profile_overall"] tbody tr').first
    assert overall.locator("td").first.inner_text() == f"{crimes:,}"
    page.locator(".svduty-chart[data-rendered='true']").first.wait_for(timeout=30_000)
    assert page.locator(".svduty-chart[data-rendered='error']").count() == 0
    assert serious_violations(page, axe_source) == []
    _charts_draw_under_the_real_csp(page, f"{base}/p/{SLUG}/insight/dashboards/trends/")

    page.goto(f"{base}/p/{SLUG}/insight/core-measures/")
    page.locator("#core-comparison").wait_for()

    # Publish the summary, then read it signed out.
    page.goto(f"{base}/p/{SLUG}/insight/public-summary/")
    page.get_by_label("Published").check()
    page.get_by_role("button", name="Save").click()
    page.context.clear_cookies()
    page.goto(f"{base}/public/")
    page.get_by_role("heading", name="Serious violence: public summary").wait_for()
    assert "Headlines" in page.locator("main").inner_text()
    assert serious_violations(page, axe_source) == []
    page.get_by_role("link", name="Printable version").click()
    page.get_by_role("heading", name="Serious violence: public summary").wait_for()
    assert missing == []
    assert page.console_errors == []


def _charts_draw_under_the_real_csp(page, url: str) -> None:
    """The test page bypasses the CSP (to inject axe); a second, enforcing context must draw too."""
    context = page.context.browser.new_context()
    context.add_cookies(page.context.cookies())
    strict = context.new_page()
    errors: list[str] = []
    strict.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    strict.on("pageerror", lambda e: errors.append(str(e)))
    try:
        strict.goto(url)
        strict.locator(".svduty-chart[data-rendered='true']").first.wait_for(timeout=30_000)
        assert strict.locator(".svduty-chart[data-rendered='error']").count() == 0
        assert errors == []
    finally:
        context.close()


def dashboard_paths(slug: str) -> list[str]:
    """Every insight dashboard page: one per needs-assessment section shown, and core measures."""
    scoped = {"partnership": slug}
    return [
        reverse("insight:dashboard", kwargs=scoped),
        *(
            reverse("insight:section", kwargs={**scoped, "section": key})
            for key, _ in SECTIONS
            if key not in dashboards.HIDDEN
        ),
        reverse("insight:core_measures", kwargs=scoped),
    ]


def _wait_for_charts(page) -> None:
    """Every chart on the page drawn (or failed): axe must see the page as a reader does."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.svduty-chart[data-spec]')]"
        ".every((chart) => chart.hasAttribute('data-rendered'))"
    )
    assert page.locator(".svduty-chart[data-rendered='error']").count() == 0, page.url


def test_every_dashboard_page_passes_axe(live_server, page, axe_source, county_warehouse):
    from svduty.web.insight.models import PublishedSummary
    from svduty.web.partnership.models import Partnership

    seed_demo()
    PublishedSummary.objects.update_or_create(
        partnership=Partnership.objects.get(slug=SLUG), defaults={"published": True}
    )
    page.set_default_timeout(60_000)  # the first page computes every section
    base = live_server.url
    sign_in(page, base, "analyst")
    paths = dashboard_paths(SLUG)

    page.goto(base + paths[0])
    menu = page.locator("nav.svduty-section-nav a").evaluate_all(
        "(links) => links.map((link) => link.getAttribute('href'))"
    )
    assert sorted(menu) == sorted(paths[1:-1]), "the enumeration misses a dashboard in the menu"

    failures: dict[str, list[str]] = {}
    pages = [
        *paths,
        reverse("public:summary", kwargs={"slug": SLUG}),
        reverse("public:print", kwargs={"slug": SLUG}),
    ]
    for path in pages:
        response = page.goto(base + path)
        assert response.status == 200, path
        page.locator("main h1").wait_for()
        assert page.locator("#dashboard-error, #no-data, #public-error").count() == 0, path
        _wait_for_charts(page)
        if violations := serious_violations(page, axe_source):
            failures[path] = violations
    assert failures == {}, "\n".join(f"{path}: {v}" for path, vs in failures.items() for v in vs)
    assert page.console_errors == []
