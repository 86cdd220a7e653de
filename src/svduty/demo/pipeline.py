"""Sample County end to end — synth → import → needs assessment → web app — into one folder.

The folder becomes a complete ``SVDUTY_HOME``: ``extracts/`` (the synthetic partner files),
``warehouse.duckdb``, ``pseudonym.key``, ``reports/`` (sna.html, sna.pdf, sna.xlsx) and
``app.sqlite3`` seeded with the demo partnership. Everything runs
through the Python APIs in this process (no subprocesses).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from svduty import config
from svduty.config import svduty_home
from svduty.console import StepReport
from svduty.ingest import import_source
from svduty.reports.document import Cover
from svduty.reports.sna import produce_sna
from svduty.synth.generate import generate
from svduty.web import setup_django

DEMO_DEFINITION = "northamptonshire"
#: The demo SNA's cover: the partnership the web demo seeds (web/demo/data/partnership.yaml).
DEMO_COVER = Cover(
    partnership="Sample County Serious Violence Partnership",
    owner="Sample County community safety analysts",
    version="1",
    status="Draft for the partnership board",
)
#: Synthetic file → import source, in the order the warehouse needs them (geography first).
IMPORTS = (
    ("geo-lookup", "geo_lookup.csv"),
    ("boundaries", "boundaries.geojson"),
    ("imd", "imd.csv"),
    ("population", "population.csv"),
    ("police-crimes", "police_crimes.csv"),
    ("police-people", "police_people.csv"),
    ("istv", "ed_assaults.csv"),
    ("hospital", "hospital_admissions.csv"),
    ("youth-justice", "youth_justice.csv"),
    ("probation", "probation.csv"),
    ("education", "education.csv"),
    ("case-studies", "case_studies.csv"),
)


@dataclass
class DemoResult:
    home: Path
    reports: dict[str, Path]
    imported: dict[str, int]
    timings: dict[str, float] = field(default_factory=dict)
    logins: list = field(default_factory=list)
    web_note: str | None = None


def run_demo(
    out: Path,
    *,
    years: int = 5,
    seed: int = 2024,
    seed_web: bool = True,
    step: StepReport | None = None,
) -> DemoResult:
    """Build the Sample County demo home in ``out`` and return what it holds."""
    report = step or (lambda text, done, total: None)
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    total = 3 + len(IMPORTS)
    with svduty_home(out):
        warehouse, imported = build_demo_warehouse(
            out, years=years, seed=seed, step=report, timings=timings
        )

        logins, note = [], None
        if seed_web:
            began = time.perf_counter()
            report("seeding the web application", total - 2, total)
            logins, note = seed_web_demo(out)
            timings["web"] = time.perf_counter() - began

        began = time.perf_counter()
        reports_dir = out / "reports"
        output = produce_sna(
            DEMO_DEFINITION,
            reports_dir,
            warehouse=warehouse,
            # the recommendations the web demo keeps, so the SNA and the app agree
            recommendations=_web_recommendations() if seed_web and note is None else None,
            progress=lambda text, done, all_: report(f"needs assessment: {text}", total - 1, total),
            cover=DEMO_COVER,
        )
        timings["sna"] = time.perf_counter() - began
        report("done", total, total)
    return DemoResult(out, output.files, imported, timings, logins, note)


def build_demo_warehouse(
    home: Path,
    *,
    years: int = 5,
    seed: int = 2024,
    step: StepReport | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[Path, dict[str, int]]:
    """Synthesise Sample County into ``home/extracts`` and import every extract.

    Run with ``home`` as ``SVDUTY_HOME`` (the pseudonymisation key is kept there).
    """
    report = step or (lambda text, done, total: None)
    timings = timings if timings is not None else {}
    total = 3 + len(IMPORTS)
    extracts = home / "extracts"
    began = time.perf_counter()
    report("synthesising Sample County", 0, total)
    generate(extracts, scale="county", years=years, seed=seed, measure=False)
    timings["synth"] = time.perf_counter() - began

    began = time.perf_counter()
    imported: dict[str, int] = {}
    warehouse = home / "warehouse.duckdb"
    for i, (source, name) in enumerate(IMPORTS, start=1):
        report(f"importing {name} ({source})", i, total)
        result = import_source(source, extracts / name, warehouse)
        imported[source] = result.rows_loaded
    timings["import"] = time.perf_counter() - began
    return warehouse, imported


def _web_recommendations():
    """The demo partnership's recommendations as the web app keeps them (Django is set up)."""
    from svduty.web.insight.tasks import partnership_recommendations
    from svduty.web.partnership.models import Partnership

    return partnership_recommendations(Partnership.objects.get(name=DEMO_COVER.partnership))


def seed_web_demo(home: Path) -> tuple[list, str | None]:
    """Migrate the app database in ``home`` and seed the demo partnership.

    Returns the demo log-ins, or none and a note saying why the web part was skipped.
    """
    if settings.configured:
        configured = Path(str(getattr(settings, "SVDUTY_HOME", config.home()))).resolve()
        if configured != Path(home).resolve():
            return [], "Django is already set up for another home in this process"
    with svduty_home(home):
        setup_django()
        # The seeders import the web app's models, which exist only once Django is set up.
        from svduty.web import demo as web_demo

        call_command("migrate", interactive=False, verbosity=0)
        return web_demo.seed_demo(), None
