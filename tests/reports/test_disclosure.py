"""Disclosure control: no count from 1 to 4 survives, and none can be recovered by subtraction."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from svduty.analysis.result import Finding, SectionResult, SectionTable
from svduty.reports.disclosure import (
    MARKER,
    is_person_level,
    matrix_lines,
    mentions_small_count,
    public_findings,
    public_results,
    suppress_lines,
    suppress_table,
)

small_counts = st.integers(min_value=0, max_value=12)
matrices = st.tuples(st.integers(1, 6), st.integers(1, 6)).flatmap(
    lambda shape: arrays(np.int64, shape, elements=small_counts)
)


def _assert_safe(values: np.ndarray, hidden: np.ndarray, lines) -> None:
    shown = values[~hidden]
    assert not ((shown >= 1) & (shown <= 4)).any(), "a count from 1 to 4 is visible"
    for line in lines:
        if len(line) < 2:
            continue
        hidden_in_line = sum(bool(hidden[cell]) for cell in line)
        # Exactly one hidden cell = line total minus the visible cells: recoverable.
        assert hidden_in_line != 1, f"line {line} has one suppressed cell"


@settings(max_examples=300, deadline=None)
@given(matrices)
def test_two_way_table_hides_small_counts_and_their_complements(values) -> None:
    lines = matrix_lines(values.shape)
    hidden = suppress_lines(values, lines)
    _assert_safe(values, hidden, lines)
    # Suppression is no wider than needed: a cell outside 1-4 is hidden only as a complement,
    # so a table with no small counts is untouched.
    if not ((values >= 1) & (values <= 4)).any():
        assert not hidden.any()


@settings(max_examples=200, deadline=None)
@given(matrices)
def test_hidden_cell_cannot_be_recovered_from_row_or_column_totals(values) -> None:
    hidden = suppress_lines(values, matrix_lines(values.shape))
    rows, cols = values.shape
    for r in range(rows):
        for c in range(cols):
            if not hidden[r, c] or cols < 2:
                continue
            # What an attacker gets from the row total: the sum of the hidden cells in the row.
            others_hidden = hidden[r].sum() - 1
            assert others_hidden >= 1
    for c in range(cols):
        if rows >= 2 and hidden[:, c].any():
            assert hidden[:, c].sum() >= 2


def test_worked_example_row_with_one_small_count() -> None:
    values = np.array([[3, 10, 7], [8, 9, 6]])
    hidden = suppress_lines(values, matrix_lines(values.shape))
    # The 3 is hidden; its row's smallest other cell (7) and its column's (8) are complements;
    # then 8's row and 7's column each need a second hidden cell (6 closes both).
    assert hidden.tolist() == [[True, False, True], [True, False, True]]


long_tables = st.lists(
    st.tuples(st.sampled_from(["Mon", "Tue", "Wed"]), st.integers(0, 3), small_counts),
    min_size=2,
    max_size=12,
    unique_by=lambda row: (row[0], row[1]),
)


@settings(max_examples=200, deadline=None)
@given(long_tables)
def test_long_table_is_safe_by_column_and_by_each_category(rows) -> None:
    frame = pd.DataFrame(rows, columns=["weekday", "hour", "crimes"])
    total = frame.crimes.sum()
    frame["share"] = frame.crimes / total if total else 0.0
    table = SectionTable("t", "T", frame, count_columns=("crimes",))
    public = suppress_table(table).frame
    hidden = public.crimes.map(lambda v: v == MARKER).to_numpy()
    visible = pd.to_numeric(public.crimes[~hidden])
    assert not visible.between(1, 4).any()
    groups = [list(range(len(frame)))]
    for dimension in ("weekday", "hour"):
        if 1 < frame[dimension].nunique() < len(frame):
            groups += [list(idx) for idx in frame.groupby(dimension).indices.values()]
    for group in groups:
        if len(group) > 1:
            assert hidden[group].sum() != 1
    # A share computed from a hidden count is hidden with it.
    assert (public.share[hidden] == MARKER).all()
    assert (public.share[~hidden] != MARKER).all()


def test_rates_follow_their_counts_but_denominators_stay() -> None:
    frame = pd.DataFrame(
        {
            "district": ["A", "B", "C"],
            "serious_violence": [2, 40, 55],
            "population": [1000.0, 2000.0, 3000.0],
            "rate_per_1000": [2.0, 20.0, 18.3],
        }
    )
    public = suppress_table(SectionTable("x", "X", frame, count_columns=("serious_violence",)))
    assert public.frame.serious_violence.tolist() == [MARKER, MARKER, 55]
    assert public.frame.rate_per_1000.tolist() == [MARKER, MARKER, 18.3]
    assert public.frame.population.tolist() == [1000.0, 2000.0, 3000.0]
    assert "[c]" in public.notes


def test_public_results_drop_person_level_and_internal_tables() -> None:
    people = SectionTable(
        "p", "P", pd.DataFrame({"person_key": ["a"], "crimes": [7]}), "", ("crimes",)
    )
    sources = SectionTable("scope_sources", "S", pd.DataFrame({"source": ["x"]}))
    clusters = SectionTable(
        "place_clusters", "C", pd.DataFrame({"lsoa_code": ["E01000001"], "local_moran_i": [2.1]})
    )
    kept = SectionTable("k", "K", pd.DataFrame({"year": [2021, 2022], "n": [3, 9]}), "", ("n",))
    result = SectionResult(
        "s",
        "S",
        tables=[people, sources, clusters, kept],
        findings=[
            Finding("s", "3 repeat victims were on 20% of crimes."),
            Finding("s", "42% in 5% of LSOAs."),
        ],
    )
    assert is_person_level(people) and not is_person_level(kept)
    (public,) = public_results([result])
    assert [t.name for t in public.tables] == ["k"]
    assert public.tables[0].frame.n.tolist() == [MARKER, MARKER]
    assert [f.text for f in public.findings] == ["42% in 5% of LSOAs."]


def test_small_count_sentences() -> None:
    assert mentions_small_count("4 LSOA(s) form hot spots")
    assert mentions_small_count("There were 2 homicides.")
    assert not mentions_small_count("16% of serious violence happened in 5% of neighbourhoods")
    assert not mentions_small_count("rate ratio 1.37, 95% CI 1.18 to 1.59 in 2023")
    assert not mentions_small_count("people aged 18-24 were 2.0 times as likely")
    assert not mentions_small_count("2,104 crimes and 1,250,000 residents")
    assert public_findings([Finding("x", "1 in 4 attendances")]) == []
