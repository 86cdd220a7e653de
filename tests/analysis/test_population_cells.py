"""Population given only as age × sex × ethnicity cells (no "all" rows), as svduty synth writes it.

Added by the reports work: the Sample County demo showed no rates because ``lsoa_population``
read only rows with sex and ethnicity "all".
"""

from __future__ import annotations

import shutil

import duckdb

from tests.analysis.conftest import open_context


def test_population_from_finest_cells_is_their_sum(small_warehouse, tmp_path) -> None:
    from svduty.analysis.exposure import lsoa_population

    path = tmp_path / "cells.duckdb"
    shutil.copy(small_warehouse.path, path)
    con = duckdb.connect(str(path))
    try:
        # Replace each LSOA-year with two age × sex × ethnicity cells summing to its old total.
        con.execute(
            """
            CREATE TEMP TABLE totals AS
            SELECT area_code, year, population FROM population
            WHERE age_band = 'all' AND sex = 'all' AND ethnicity = 'all'
            """
        )
        con.execute("DELETE FROM population")
        con.execute(
            """
            INSERT INTO population BY NAME
            SELECT 6 AS batch_id, area_code, year, '0-17' AS age_band, 0 AS age_min,
                   17 AS age_max, 'F' AS sex, 'White' AS ethnicity, population // 3 AS population
            FROM totals
            UNION ALL
            SELECT 6, area_code, year, '25+', 25, NULL, 'M', 'Asian', population - population // 3
            FROM totals
            """
        )
        expected = dict(
            ((code, year), float(n))
            for code, year, n in con.execute("SELECT * FROM totals").fetchall()
        )
    finally:
        con.close()
    ctx = open_context(path)
    try:
        got = lsoa_population(ctx).to_pandas()
    finally:
        ctx.con.disconnect()
    assert len(got) == len(expected) == 72
    for row in got.itertuples():
        assert row.population == expected[(row.area_code, row.year)]
