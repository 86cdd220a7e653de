"""Section 10 (case-study triggers) against numpy on the small warehouse."""

from __future__ import annotations

import numpy as np
import pytest

from svduty.analysis import triggers
from tests.analysis.conftest import open_context
from tests.analysis.oracle import one_sentence
from tests.analysis.partner_data import build_empty_warehouse


@pytest.fixture(scope="module")
def result(small_warehouse):
    ctx = open_context(small_warehouse.path)
    yield triggers.compute(ctx)
    ctx.con.disconnect()


def test_heat_map_counts_every_event(result, small_warehouse):
    events = small_warehouse["case_study_events"]
    frame = result.table("triggers_age_heatmap").frame
    ages = range(events.age_at_event.min(), events.age_at_event.max() + 1)
    assert len(frame) == events.event_type.nunique() * len(ages)
    expected = events.groupby(["event_type", "age_at_event"]).size()
    got = frame.set_index(["event_type", "age_at_event"]).events
    assert got[got > 0].sort_index().to_dict() == expected.sort_index().to_dict()


def test_peak_ages(result, small_warehouse):
    events = small_warehouse["case_study_events"]
    frame = result.table("triggers_peak_ages").frame.set_index("event_type")
    for event_type, rows in events.groupby("event_type"):
        ages = rows.age_at_event.to_numpy()
        values, counts = np.unique(ages, return_counts=True)
        row = frame.loc[event_type]
        assert row.mode_age == values[np.argmax(counts)]  # argmax: first (youngest) of ties
        assert row.events_at_mode == counts.max()
        assert row.median_age == pytest.approx(np.median(ages))
        assert row.q1_age == pytest.approx(np.percentile(ages, 25))
        assert row.q3_age == pytest.approx(np.percentile(ages, 75))
        assert row.cases == rows.case_key.nunique()
    assert list(frame.median_age) == sorted(frame.median_age)
    # one sentence naming every trigger (20 events each, above the threshold), youngest peak first
    (finding,) = result.findings
    order = frame.sort_values(["mode_age", "median_age"])
    parts = [f"{name.replace('_', ' ')} at {age}" for name, age in order.mode_age.items()]
    assert finding.text.endswith("; ".join(parts) + ".")


def test_no_case_studies_is_one_sentence(tmp_path):
    ctx = open_context(build_empty_warehouse(tmp_path / "empty.duckdb"))
    try:
        result = triggers.compute(ctx)
    finally:
        ctx.con.disconnect()
    assert not result.available and one_sentence(result.unavailable)
