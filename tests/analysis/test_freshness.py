"""Data staleness: the latest month per source against an injected report date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from svduty.analysis.freshness import COLUMNS, source_freshness, staleness_sentences
from svduty.analysis.scope import DATED_SOURCES

from .conftest import REPLACED_BATCH, SOURCE_TABLES, modified_copy, open_context


def _latest_months(small_warehouse) -> dict[str, date]:
    """Each dated source's latest month, from the rows inserted under its batch."""
    latest = {}
    for source, (table, column) in DATED_SOURCES.items():
        rows = small_warehouse[table]
        rows = rows[rows.batch_id == SOURCE_TABLES[source]]
        stamp = pd.to_datetime(rows[column]).max()
        latest[source] = date(stamp.year, stamp.month, 1)
    return latest


@pytest.mark.parametrize("report_date", [date(2024, 3, 15), date(2024, 4, 1)])
def test_months_behind_the_report_month(small_warehouse, report_date) -> None:
    ctx = open_context(small_warehouse)
    try:
        frame = source_freshness(ctx, report_date, DATED_SOURCES)
    finally:
        ctx.con.disconnect()
    assert list(frame.columns) == COLUMNS
    latest = _latest_months(small_warehouse)
    assert frame.source.tolist() == sorted(latest)
    report = report_date.year * 12 + report_date.month
    for row in frame.itertuples():
        want = latest[row.source]
        assert row.latest_month == want
        assert row.months_behind == report - (want.year * 12 + want.month)
        assert row.stale == (row.months_behind > 3)  # March: 3 behind; April: 4
    # every source of the small warehouse runs to December 2023
    assert set(frame.latest_month) == {date(2023, 12, 1)}
    assert frame.months_behind.unique().tolist() == [report - (2023 * 12 + 12)]


def test_replaced_batches_are_ignored_and_an_empty_table_falls_back_to_the_batch(
    small_warehouse, tmp_path
) -> None:
    path = modified_copy(
        small_warehouse,
        tmp_path / "stale.duckdb",
        # a row of the replaced batch dated after everything else must not count
        f"UPDATE crimes SET batch_id = {REPLACED_BATCH}, occurred_month = DATE '2024-06-01' "
        "WHERE crime_ref = (SELECT min(crime_ref) FROM crimes WHERE source = 'police-crimes')",
        "DELETE FROM hospital_admissions WHERE admission_date >= DATE '2023-07-01'",
        "DELETE FROM education_events",
        "UPDATE batches SET period_end = DATE '2023-09-01' WHERE source = 'education'",
    )
    ctx = open_context(path)
    try:
        frame = source_freshness(ctx, date(2024, 3, 15), DATED_SOURCES).set_index("source")
    finally:
        ctx.con.disconnect()
    assert frame.loc["police-crimes"].latest_month == date(2023, 12, 1)
    assert frame.loc["police-crimes"].months_behind == 3
    assert not frame.loc["police-crimes"].stale  # 3 months is not more than 3
    assert frame.loc["hospital"].latest_month == date(2023, 6, 1)
    assert frame.loc["hospital"].months_behind == 9 and frame.loc["hospital"].stale
    assert frame.loc["education"].latest_month == date(2023, 9, 1)  # the batch's period_end
    assert frame.loc["education"].months_behind == 6
    assert staleness_sentences(frame.reset_index()) == [
        "The latest education data is for September 2023, 6 months before the month of this "
        "report (March 2024): more than 3 months behind, so the assessment cannot show what has "
        "happened since.",
        "The latest hospital data is for June 2023, 9 months before the month of this report "
        "(March 2024): more than 3 months behind, so the assessment cannot show what has "
        "happened since.",
    ]


def test_fresh_sources_need_no_sentence() -> None:
    frame = pd.DataFrame(
        {
            "source": ["police-uk"],
            "latest_month": [date(2024, 1, 1)],
            "months_behind": [2],
            "stale": [False],
        }
    )
    assert staleness_sentences(frame) == []
