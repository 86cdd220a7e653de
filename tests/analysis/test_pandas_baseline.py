"""The pandas baseline of benchmark (b) (``bench/pandas_baseline.py``) gives svduty's tables.

Run on the small fixture so the baseline cannot rot: if a section changes what it computes, this
fails until the baseline follows, and the national benchmark's speed-up stays a like-for-like one.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from bench import pandas_baseline
from svduty.analysis import run_sections
from svduty.definitions import load_definition

from .conftest import open_context


@pytest.mark.slow
@pytest.mark.parametrize("definition", [None, "northamptonshire"])
def test_baseline_tables_equal_svduty(small_warehouse, definition) -> None:
    ctx = open_context(small_warehouse, load_definition(definition) if definition else None)
    try:
        svduty = pandas_baseline.svduty_tables(run_sections(ctx))
        con = duckdb.connect(str(small_warehouse.path), read_only=True)
        try:
            ours, timings = pandas_baseline.run(ctx, con)
        finally:
            con.close()
    finally:
        ctx.con.disconnect()
    assert set(timings) == {"load", "compute"}
    assert set(ours) == set(pandas_baseline.TABLES)
    pandas_baseline.assert_tables_equal(ours, svduty)
    # the comparison has teeth: the planted serious violence is there and a changed count fails
    assert ours["profile_overall"].serious_violence.iloc[0] > 0
    broken = dict(
        ours,
        place_lsoa=ours["place_lsoa"].assign(
            serious_violence=ours["place_lsoa"].serious_violence + 1
        ),
    )
    with pytest.raises(AssertionError, match="place_lsoa"):
        pandas_baseline.assert_tables_equal(broken, svduty)


def test_baseline_counts_match_an_independent_pandas_count(small_warehouse) -> None:
    ctx = open_context(small_warehouse)
    try:
        crimes, persons = pandas_baseline.load(
            con := duckdb.connect(str(small_warehouse.path), read_only=True)
        )
        con.close()
        tables = pandas_baseline.crime_tables(ctx, crimes, persons)
    finally:
        ctx.con.disconnect()
    from .conftest import expected_serious_violence

    expected = expected_serious_violence(small_warehouse["crimes"])
    years = pd.to_datetime(expected.occurred_month).dt.year
    want = expected[expected.is_serious_violence].groupby(years).size()
    got = tables["profile_by_year"].set_index("year").serious_violence
    assert got.to_dict() == want.to_dict()
