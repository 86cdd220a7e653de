"""Report fixtures: the analysis test warehouse, its section results and the files ``produce_sna``
writes from it (built once per session; tests only read them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.analysis.conftest import TEST_DEFINITION_YAML, build_small_warehouse

RECOMMENDATIONS_YAML = """
- id: R1
  text: Extend the hospital navigator scheme to weekend nights.
  pillar: Respond
  owner: Integrated care board
- id: R2
  text: Fund detached youth work in the two hot-spot neighbourhoods.
"""


@dataclass(frozen=True)
class ReportRun:
    warehouse: Path
    definition: Path
    out: Path
    files: dict[str, Path]
    output: object


@pytest.fixture(scope="session")
def report_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The analysis tests' small warehouse and its test definition as a YAML file."""
    root = tmp_path_factory.mktemp("reports")
    warehouse = root / "warehouse.duckdb"
    build_small_warehouse(warehouse)
    definition = root / "test-codes.yaml"
    definition.write_text(TEST_DEFINITION_YAML, encoding="utf-8")
    return warehouse, definition


def _produce(tmp_path_factory, report_warehouse, name: str, **options) -> ReportRun:
    from svduty.reports.sna import produce_sna

    warehouse, definition = report_warehouse
    out = tmp_path_factory.mktemp(name)
    output = produce_sna(str(definition), out, warehouse=warehouse, **options)
    return ReportRun(warehouse, definition, out, output.files, output)


@pytest.fixture(scope="session")
def full_report(tmp_path_factory, report_warehouse) -> ReportRun:
    """sna.html, sna.pdf and sna.xlsx of the small warehouse, with two recommendations."""
    recommendations = tmp_path_factory.mktemp("recs") / "recommendations.yaml"
    recommendations.write_text(RECOMMENDATIONS_YAML, encoding="utf-8")
    return _produce(tmp_path_factory, report_warehouse, "full", recommendations=recommendations)


@pytest.fixture(scope="session")
def public_report(tmp_path_factory, report_warehouse) -> ReportRun:
    """The public summary (HTML and XLSX) of the small warehouse."""
    return _produce(
        tmp_path_factory, report_warehouse, "public", public=True, formats=("html", "xlsx", "docx")
    )


@pytest.fixture(scope="session")
def section_results(report_warehouse):
    """The section results computed straight from the analysis package (not via reports)."""
    from svduty.analysis import run_sections
    from svduty.analysis.context import AnalysisContext, Scope
    from svduty.definitions import load_definition
    from svduty.warehouse import ibis_connect

    warehouse, definition = report_warehouse
    con = ibis_connect(warehouse, read_only=True)
    try:
        results = run_sections(AnalysisContext(con, Scope(load_definition(definition))))
    finally:
        con.disconnect()
    return {table.name: table for result in results for table in result.tables}, results
