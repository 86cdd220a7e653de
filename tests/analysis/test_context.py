"""AnalysisContext: the crimes every section starts from, against the fixture rows."""

from __future__ import annotations

from datetime import date

import pytest

from svduty.definitions import load_definition
from svduty.errors import SvdutyError

from .conftest import DISTRICTS, LSOA_CODES, expected_serious_violence, open_context


def test_crimes_are_the_force_rows_classified(context, small_warehouse) -> None:
    expected = expected_serious_violence(small_warehouse["crimes"])
    got = context.crimes.to_pandas().set_index("crime_ref").sort_index()
    assert len(got) == len(expected)
    want = expected.set_index("crime_ref").sort_index()
    assert (got.is_serious_violence == want.is_serious_violence).all()
    assert (got.sv_knife_enabled == want.sv_knife_enabled).all()
    assert context.serious_violence.count().execute() == want.is_serious_violence.sum()
    assert context.period == (date(2021, 1, 1), date(2023, 12, 1))


def test_youngest_ages_come_from_people(small_warehouse) -> None:
    ctx = open_context(small_warehouse, load_definition("home-office-core"))  # has age rules
    people = small_warehouse["crime_people"]
    frame = ctx.crimes.to_pandas().set_index("crime_ref")
    for role in ("victim", "suspect"):
        youngest = people[people.role == role].groupby("crime_ref").age.min().dropna()
        got = frame[f"youngest_{role}_age"]
        assert len(youngest) > 0
        assert (got.loc[youngest.index].astype(float) == youngest.astype(float)).all()
        assert got.drop(index=youngest.index).isna().all()


def test_ages_are_left_out_when_no_rule_reads_them(context) -> None:
    """TEST_DEFINITION has no age rule: the people join is skipped and the ages are null."""
    from svduty.definitions.classifier import required_columns

    assert not {"youngest_victim_age", "youngest_suspect_age"} & set(
        required_columns(context.scope.definition)
    )
    frame = context.crimes.to_pandas()
    assert len(frame) > 0
    assert frame.youngest_victim_age.isna().all() and frame.youngest_suspect_age.isna().all()


def test_proxy_reads_police_uk_rows_without_anti_social_behaviour(small_warehouse) -> None:
    ctx = open_context(small_warehouse, load_definition("police-uk-proxy"))
    rows = small_warehouse["crimes"]
    puk = rows[
        (rows.source == "police-uk") & (rows.police_uk_crime_type != "Anti-social behaviour")
    ]
    assert ctx.crimes.count().execute() == len(puk)
    serious = puk.police_uk_crime_type.isin(
        ["Violence and sexual offences", "Robbery", "Possession of weapons"]
    )
    assert ctx.serious_violence.count().execute() == serious.sum()


def test_area_and_period_filter(small_warehouse) -> None:
    west = DISTRICTS["WEST"][0]
    ctx = open_context(
        small_warehouse, area_code=west, start_month=date(2022, 1, 1), end_month=date(2022, 6, 1)
    )
    rows = expected_serious_violence(small_warehouse["crimes"])
    grid = small_warehouse["grid"]
    west_lsoas = set(grid[grid.side == "WEST"].lsoa_code)
    inside = rows[
        rows.lsoa_code.isin(west_lsoas)
        & (rows.occurred_month >= date(2022, 1, 1))
        & (rows.occurred_month <= date(2022, 6, 1))
    ]
    assert ctx.crimes.count().execute() == len(inside)
    assert set(ctx.area_lsoas.to_pandas().lsoa_code) == west_lsoas


def test_hierarchy_links_every_lsoa_to_its_partnership(context) -> None:
    levels = context.lsoa_hierarchy.to_pandas()
    assert sorted(levels.lsoa_code) == sorted(LSOA_CODES)
    assert set(levels.pfa_code) == {"E23000901"}
    assert levels.groupby("csp_code").size().to_dict() == {"E22000901": 18, "E22000902": 18}


def test_unknown_area_is_a_user_error(small_warehouse) -> None:
    ctx = open_context(small_warehouse, area_code="E06999999")
    with pytest.raises(SvdutyError, match="E06999999"):
        _ = ctx.crimes


def test_superseded_district_codes_take_their_successor(small_warehouse, tmp_path) -> None:
    """2011 boundaries file Gateshead's LSOAs under E08000020; the lookup knows E08000037."""
    from .conftest import modified_copy

    west = DISTRICTS["WEST"][0]
    renamed = modified_copy(
        small_warehouse,
        tmp_path / "gateshead.duckdb",
        f"UPDATE areas SET area_code = 'E08000037', area_name = 'Gateshead' "
        f"WHERE area_code = '{west}' AND area_type = 'district'",
        f"UPDATE areas SET parent_code = 'E08000020' "
        f"WHERE parent_code = '{west}' AND area_type = 'lsoa'",
    )
    levels = open_context(renamed).lsoa_hierarchy.to_pandas()
    moved = levels[levels.district_name == "Gateshead"]
    assert len(moved) > 0 and set(moved.district_code) == {"E08000037"}
    assert moved.csp_code.notna().all()
    assert not (levels.district_code == "E08000020").any()

    # A warehouse that holds the old district itself keeps it.
    kept = modified_copy(
        small_warehouse,
        tmp_path / "old.duckdb",
        f"UPDATE areas SET area_code = 'E08000020', area_name = 'Gateshead (2011)' "
        f"WHERE area_code = '{west}' AND area_type = 'district'",
        f"UPDATE areas SET parent_code = 'E08000020' "
        f"WHERE parent_code = '{west}' AND area_type = 'lsoa'",
    )
    levels = open_context(kept).lsoa_hierarchy.to_pandas()
    assert set(levels[levels.district_name == "Gateshead (2011)"].district_code) == {"E08000020"}
