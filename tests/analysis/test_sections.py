"""The section registry, the table-name contract in docs, and absent data in one sentence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from svduty.analysis import SECTIONS, deprivation, place, profile, run_sections, scope, trends

from .conftest import open_context

DOCS = Path(__file__).resolve().parents[2] / "docs" / "analysis-tables.md"


def test_first_five_sections_in_report_order() -> None:
    assert [key for key, _ in SECTIONS][:5] == [
        "scope",
        "profile",
        "trends",
        "place",
        "deprivation",
    ]


def test_every_table_is_documented(context) -> None:
    documented = DOCS.read_text(encoding="utf-8")
    for module in (scope, profile, trends, place, deprivation):
        result = module.compute(context)
        assert result.available
        for table in result.tables:
            assert f"`{table.name}`" in documented, table.name
            for column in table.count_columns:
                assert column in table.frame.columns


def test_run_sections_returns_one_result_per_section(context) -> None:
    results = run_sections(context)
    assert [result.key for result in results] == [key for key, _ in SECTIONS]


def test_no_crime_in_scope_is_one_sentence(small_warehouse) -> None:
    ctx = open_context(small_warehouse, start_month=date(2030, 1, 1), end_month=date(2030, 12, 1))
    result = profile.compute(ctx)
    assert not result.available and result.tables == []
    assert result.unavailable == "There is no recorded crime in scope."
    monthly = trends.compute(ctx).table("trends_monthly").frame
    assert len(monthly) == 12 and monthly.serious_violence.sum() == 0
    ctx.con.disconnect()
