"""The area is always explicit: chosen from the crime data without --area; denominators in it."""

from __future__ import annotations

import pandas as pd
import pytest

from svduty.analysis import deprivation, scope
from svduty.analysis.area import covered_districts, data_area
from svduty.analysis.coverage import Unlocated, left_out_sentence, unlocated
from svduty.analysis.exposure import lsoa_person_years, period_months

from .conftest import (
    DISTRICTS,
    LSOA_CODES,
    PFA,
    expected_serious_violence,
    modified_copy,
    open_context,
)

NEIGHBOUR = ("E06000903", "Neighbour District")
NEIGHBOUR_CSP = ("E22000903", "Neighbour CSP")
NEIGHBOUR_PFA = ("E23000902", "Neighbour Police")
NEIGHBOUR_LSOAS = [f"E01200{k:03d}" for k in range(1, 11)]


def _hierarchy(rows: list[tuple[str, str | None, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "lsoa_code": lsoa,
                "district_code": district,
                "district_name": district and f"District {district}",
                "csp_code": district and f"C{district}",
                "csp_name": district and f"CSP {district}",
                "pfa_code": force,
            }
            for lsoa, district, force in rows
        ]
    )


def test_a_district_is_in_when_half_its_lsoas_have_crime() -> None:
    hierarchy = _hierarchy(
        [(f"A{i}", "A", "F1") for i in range(4)]
        + [(f"B{i}", "B", "F2") for i in range(4)]
        + [(f"C{i}", "C", "F1") for i in range(4)]
    )
    crime = {"A0", "A1", "A2", "B0", "C0", "C1"}  # A: 3/4, B: 1/4, C: 2/4 (exactly half)
    assert covered_districts(hierarchy, crime) == ["A", "C"]
    # Nothing reaches half: the district with the most LSOAs holding a crime, never nothing.
    assert covered_districts(hierarchy, {"A0", "B0", "B1"}) == ["B"]
    assert covered_districts(hierarchy, set()) == []


def test_the_data_area_is_named_by_whole_force_areas_or_by_districts() -> None:
    hierarchy = _hierarchy(
        [(f"A{i}", "A", "F1") for i in range(2)] + [(f"B{i}", "B", "F1") for i in range(2)]
    )
    names = {"F1": ("Force One", "pfa")}
    whole = data_area(hierarchy, pd.Series(["A0", "A1", "B0"]), names, {"F1": {"A", "B"}})
    assert whole.name == "Force One (F1) police force area"
    assert whole.lsoa_codes == ["A0", "A1", "B0", "B1"]
    assert whole.keeps_unlocated
    # Force One has a third district the data does not cover: the districts are named instead.
    part = data_area(hierarchy, pd.Series(["A0", "A1"]), names, {"F1": {"A", "B", "Z"}})
    assert part.name == "District A"
    assert part.lsoa_codes == ["A0", "A1"]


def test_without_districts_the_area_is_the_lsoas_the_crimes_fall_in() -> None:
    hierarchy = _hierarchy([("L1", None, None), ("L2", None, None), ("L3", None, None)])
    area = data_area(hierarchy, pd.Series(["L1", "L3", "X9", None]), {}, {})
    assert area.lsoa_codes == ["L1", "L3", "X9"]
    assert area.name == "the 3 LSOAs the crime records fall in (no districts imported)"


def test_the_small_warehouse_is_its_force_area(context) -> None:
    area = context.area
    assert area.name == f"{PFA[1]} ({PFA[0]}) police force area"
    assert area.lsoa_codes == sorted(LSOA_CODES)
    assert area.partnerships() == ["East Sample CSP", "West Sample CSP"]
    summary = dict(scope.compute(context).table("scope_summary").frame.values)
    assert summary["Area"] == "Sample Police (E23000901) police force area"
    assert summary["LSOAs in the area"] == "36"
    assert summary["Local authority districts"] == "West Sample, East Sample"
    assert summary["Area chosen by"].startswith("the crime data")


@pytest.fixture(scope="module")
def with_neighbour(small_warehouse, tmp_path_factory) -> object:
    """The small warehouse plus a national-style neighbour: 10 LSOAs of another force with a
    large population, least-deprived deciles, and two border crimes in one of its LSOAs."""
    statements = [
        f"INSERT INTO areas VALUES (5, '{NEIGHBOUR_PFA[0]}', '{NEIGHBOUR_PFA[1]}', 'pfa', NULL,"
        " '2017', NULL)",
        f"INSERT INTO areas VALUES (5, '{NEIGHBOUR_CSP[0]}', '{NEIGHBOUR_CSP[1]}', 'csp',"
        f" '{NEIGHBOUR_PFA[0]}', '2017', NULL)",
        f"INSERT INTO areas VALUES (5, '{NEIGHBOUR[0]}', '{NEIGHBOUR[1]}', 'district',"
        f" '{NEIGHBOUR_CSP[0]}', '2017', NULL)",
    ]
    for code in NEIGHBOUR_LSOAS:
        statements += [
            f"INSERT INTO areas VALUES (4, '{code}', 'N {code}', 'lsoa', '{NEIGHBOUR[0]}',"
            " '2011', NULL)",
            f"INSERT INTO population VALUES (6, '{code}', 2021, 'all', NULL, NULL, 'all', 'all',"
            " 100000)",
            f"INSERT INTO population VALUES (6, '{code}', 2022, 'all', NULL, NULL, 'all', 'all',"
            " 100000)",
            f"INSERT INTO area_indicators VALUES (7, '{code}', 'imd2019', 'imd', 'decile', 10)",
        ]
    border = NEIGHBOUR_LSOAS[0]
    statements.append(
        "INSERT INTO crimes SELECT * REPLACE ('N' || crime_ref AS crime_ref,"
        f" '{border}' AS lsoa_code) FROM crimes WHERE source = 'police-crimes'"
        " AND ho_code = '5D' AND lsoa_code IS NOT NULL ORDER BY crime_ref LIMIT 2"
    )
    return modified_copy(small_warehouse, tmp_path_factory.mktemp("area") / "n.duckdb", *statements)


def test_a_neighbouring_force_stays_out_of_the_area_and_its_denominators(
    small_warehouse, with_neighbour
) -> None:
    ctx = open_context(with_neighbour)
    base = open_context(small_warehouse)
    try:
        assert ctx.area.name == f"{PFA[1]} ({PFA[0]}) police force area"
        assert ctx.area.lsoa_codes == sorted(LSOA_CODES)
        outside = ctx.outside_area()
        assert outside.to_dict("records") == [
            {"district": NEIGHBOUR[1], "lsoas": 1, "crimes": 2, "serious_violence": 2}
        ]
        months = period_months(ctx)
        # The neighbour's 1,000,000 residents are not in the area's person-years.
        assert lsoa_person_years(ctx, months).person_years.sum() == pytest.approx(
            lsoa_person_years(base, months).person_years.sum()
        )
        got = deprivation.compute(ctx).table("deprivation_summary").frame
        want = deprivation.compute(base).table("deprivation_summary").frame
        pd.testing.assert_frame_equal(got, want)
        limits = " ".join(scope.compute(ctx).table("scope_limitations").frame.limitation)
        assert (
            "2 crime(s) of the same source, 2 of them serious violence, are placed in 1" in limits
        )
    finally:
        ctx.con.disconnect()
        base.con.disconnect()


def test_crimes_without_an_lsoa_stay_in_and_place_sections_say_how_many(
    context, small_warehouse
) -> None:
    sv = expected_serious_violence(small_warehouse["crimes"])
    sv = sv[sv.is_serious_violence]
    no_place = int(sv.lsoa_code.isna().sum())
    assert no_place > 0  # the fixture plants some
    assert int(context.serious_violence.count().execute()) == len(sv)
    missing = unlocated(context)
    assert (missing.count, missing.total, missing.dropped) == (no_place, len(sv), 0)
    assert left_out_sentence(context) == (
        f"This section leaves out {no_place:,} serious-violence crime(s) "
        f"({100 * no_place / len(sv):.1f}% of {len(sv):,}) that have no LSOA; every other "
        "section counts them."
    )
    limits = list(scope.compute(context).table("scope_limitations").frame.limitation)
    assert (
        f"{no_place:,} of {len(sv):,} serious-violence crimes ({100 * no_place / len(sv):.1f}%) "
        "have no LSOA"
    ) in " ".join(limits)


def test_a_district_area_cannot_place_them_and_says_so(small_warehouse) -> None:
    district = DISTRICTS["EAST"][0]
    ctx = open_context(small_warehouse, area_code=district)
    try:
        sv = expected_serious_violence(small_warehouse["crimes"])
        sv = sv[sv.is_serious_violence]
        no_place = int(sv.lsoa_code.isna().sum())
        assert ctx.area.name == f"East Sample ({district}, local authority district)"
        assert not ctx.area.keeps_unlocated
        assert (
            int(
                ctx.serious_violence.filter(ctx.serious_violence.lsoa_code.isnull())
                .count()
                .execute()
            )
            == 0
        )
        assert unlocated(ctx).dropped == no_place
        findings = [f.text for f in scope.compute(ctx).findings]
        assert findings == [
            f"{no_place:,} serious-violence crime(s) were recorded without an LSOA and cannot "
            f"be placed in East Sample ({district}, local authority district): every figure "
            "leaves them out."
        ]
        outside = ctx.outside_area().set_index("district")
        assert list(outside.index) == ["West Sample"]
        west = sv[sv.lsoa_code.isin(LSOA_CODES) & ~sv.lsoa_code.isna()]
        west = west[west.lsoa_code.map(lambda c: (int(c[3:]) - 100001) % 6 < 3)]
        assert outside.loc["West Sample", "serious_violence"] == len(west)
    finally:
        ctx.con.disconnect()


def test_lsoas_without_population_or_imd_are_named(small_warehouse, tmp_path) -> None:
    gone = LSOA_CODES[:2]
    path = modified_copy(
        small_warehouse,
        tmp_path / "gaps.duckdb",
        f"DELETE FROM population WHERE area_code IN ('{gone[0]}', '{gone[1]}')",
        f"DELETE FROM area_indicators WHERE area_code = '{gone[0]}'",
    )
    ctx = open_context(path)
    try:
        limits = list(scope.compute(ctx).table("scope_limitations").frame.limitation)
    finally:
        ctx.con.disconnect()
    assert (
        f"2 of the area's 36 LSOAs have no population, so rates and shares leave them out: "
        f"{gone[0]}, {gone[1]}."
    ) in limits
    assert (
        f"1 of the area's 36 LSOAs has no IMD 2019 decile, so rates and shares leave it out: "
        f"{gone[0]}."
    ) in limits


def test_deprivation_opens_with_what_it_leaves_out(context) -> None:
    assert deprivation.compute(context).commentary[0] == left_out_sentence(context)


def test_deprivation_names_the_lsoas_without_a_decile(small_warehouse, tmp_path) -> None:
    path = modified_copy(
        small_warehouse,
        tmp_path / "no-imd.duckdb",
        f"DELETE FROM area_indicators WHERE area_code = '{LSOA_CODES[5]}' AND indicator = 'imd'",
    )
    ctx = open_context(path)
    try:
        commentary = deprivation.compute(ctx).commentary
    finally:
        ctx.con.disconnect()
    assert commentary[1] == (
        f"1 of the area's 36 LSOAs has no IMD 2019 decile, so rates and shares leave it out: "
        f"{LSOA_CODES[5]}."
    )


def test_a_tiny_share_is_not_written_as_nothing() -> None:
    assert Unlocated(count=1, total=159_069).percent == "under 0.1%"
    assert Unlocated(count=0, total=10).percent == "0.0%"
    assert Unlocated(count=23, total=1_000).percent == "2.3%"
