"""Section 1, scope: sources, batches, coverage gaps and limitations."""

from __future__ import annotations

from datetime import date

from svduty.analysis import scope
from svduty.definitions import load_definition

from .conftest import GAP_MONTH, REPLACED_BATCH, SOURCE_TABLES, open_context


def test_sources_leave_out_replaced_batches(context) -> None:
    result = scope.compute(context)
    sources = result.table("scope_sources").frame
    assert REPLACED_BATCH not in set(sources.batch_id)
    assert sorted(sources.source) == sorted(SOURCE_TABLES)


def test_monthly_coverage_counts_rows_and_flags_the_gap(context, small_warehouse) -> None:
    coverage = scope.compute(context).table("scope_coverage").frame
    crimes = small_warehouse["crimes"]
    force = crimes[crimes.source == "police-crimes"].groupby("occurred_month").size()
    mine = coverage[coverage.source == "police-crimes"].set_index("month")
    assert len(mine) == 36
    assert mine.loc[GAP_MONTH, "rows"] == 0 and mine.loc[GAP_MONTH, "gap"]
    for month, rows in force.items():
        assert mine.loc[month, "rows"] == rows
    assert mine.gap.sum() == 1
    ed = small_warehouse["ed_assaults"]
    ed_months = ed.arrival_at.dt.to_period("M").dt.to_timestamp().dt.date.value_counts()
    got = coverage[coverage.source == "istv"].set_index("month").rows
    for month, rows in ed_months.items():
        assert got.loc[month] == rows


def test_limitations_name_the_gap(context) -> None:
    limits = list(scope.compute(context).table("scope_limitations").frame.limitation)
    assert any(f"{GAP_MONTH:%Y-%m}" in text and "police-crimes" in text for text in limits)


def test_proxy_says_what_police_uk_cannot_show(small_warehouse) -> None:
    ctx = open_context(small_warehouse, load_definition("police-uk-proxy"))
    result = scope.compute(ctx)
    text = " ".join(result.table("scope_limitations").frame.limitation)
    assert "no time of day" in text and "no victims or suspects" in text
    summary = dict(result.table("scope_summary").frame.values)
    assert summary["Crime source"] == "police-uk"
    assert summary["Period"].endswith("(36 months)")


def test_rules_are_described_in_order(context) -> None:
    rules = scope.compute(context).table("scope_rules").frame
    assert list(rules.tag) == ["homicide", "serious_wounding", "robbery", "rape", "knife_enabled"]
    assert "34A" in rules.description[2]


def test_period_from_scope(small_warehouse) -> None:
    ctx = open_context(small_warehouse, start_month=date(2022, 1, 1), end_month=date(2022, 12, 1))
    summary = dict(scope.compute(ctx).table("scope_summary").frame.values)
    assert summary["Period"] == "January 2022 to December 2022 (12 months)"
