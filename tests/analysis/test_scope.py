"""Section 1, scope: sources, batches, coverage gaps and limitations."""

from __future__ import annotations

from datetime import date

from svduty.analysis import scope
from svduty.analysis.context import AnalysisContext, Scope
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


def test_freshness_against_the_report_date_warns_when_stale(small_warehouse) -> None:
    fresh = open_context(small_warehouse)
    try:
        scope_fresh = Scope(fresh.scope.definition, report_date=date(2024, 2, 10))
        result = scope.compute(AnalysisContext(fresh.con, scope_fresh))
        frame = result.table("scope_freshness").frame
        # every source of the small warehouse runs to December 2023: 2 months before February
        assert frame.months_behind.unique().tolist() == [2]
        assert not frame.stale.any()
        assert "10 February 2024" in result.table("scope_freshness").notes
        assert not any("months behind" in text for text in result.commentary)

        scope_late = Scope(fresh.scope.definition, report_date=date(2024, 6, 30))
        late = scope.compute(AnalysisContext(fresh.con, scope_late))
        stale = late.table("scope_freshness").frame
        assert stale.months_behind.unique().tolist() == [6] and stale.stale.all()
        warnings = [text for text in late.commentary if "months behind" in text]
        assert len(warnings) == len(stale)
        assert (
            "The latest police-crimes data is for December 2023, 6 months before the month of "
            "this report (June 2024): more than 3 months behind, so the assessment cannot show "
            "what has happened since."
        ) in warnings
    finally:
        fresh.con.disconnect()


def test_proxy_limitations_say_it_is_not_the_home_office_definition(small_warehouse) -> None:
    preset = load_definition("police-uk-proxy")
    own = preset.model_copy(update={"caveat": "Our own proxy of police.uk crime types."})
    for definition in (preset, own):
        ctx = open_context(small_warehouse, definition)
        try:
            limits = " ".join(scope.compute(ctx).table("scope_limitations").frame.limitation)
        finally:
            ctx.con.disconnect()
        # said once: by the preset's caveat, or by svduty when a proxy's own caveat does not
        assert limits.count("not the Home Office definition of serious violence") == 1
        assert limits.count("cannot be compared with the Home Office core measures") == 1
    assert "Our own proxy of police.uk crime types." in limits
    forced = open_context(small_warehouse)
    try:
        limits = " ".join(scope.compute(forced).table("scope_limitations").frame.limitation)
    finally:
        forced.con.disconnect()
    assert "not the Home Office definition" not in limits
