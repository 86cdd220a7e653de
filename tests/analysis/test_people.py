"""Section 6 (people) against plain-pandas recomputation on the small warehouse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest

from svduty.analysis import people
from tests.analysis.conftest import open_context
from tests.analysis.oracle import one_sentence, sv_crimes, sv_people
from tests.analysis.partner_data import insert_rows


@pytest.fixture(scope="module")
def result(small_warehouse):
    ctx = open_context(small_warehouse.path)
    yield people.compute(ctx)
    ctx.con.disconnect()


@pytest.mark.parametrize("dimension", ["age_band", "sex", "ethnicity"])
def test_profile_counts_and_shares(result, small_warehouse, dimension):
    expected = sv_people(small_warehouse).groupby(["role", dimension]).size()
    frame = result.table(f"people_by_{dimension}").frame.set_index(["role", dimension])
    got = frame.records[frame.records > 0]
    pd.testing.assert_series_equal(
        got.sort_index(), expected.sort_index(), check_names=False, check_dtype=False
    )
    shares = frame.share.groupby(level="role").sum()
    np.testing.assert_allclose(shares, 1.0)
    assert set(frame.index.get_level_values("role")) == {"victim", "suspect"}


def test_age_bands_are_in_report_order(result):
    frame = result.table("people_by_age_band").frame
    assert frame[frame.role == "victim"].age_band.tolist() == ["0-17", "18-24", "25+", "Unknown"]


def _exact_limits(counts, exposure, rest, rest_exposure):
    """Exact limits by hand: Clopper-Pearson on the group's share of the records (SciPy's
    binomial test), mapped to the rate ratio p / (1 - p) x rest exposure / exposure."""
    lows, highs = [], []
    for a, e1, b, e2 in zip(counts, exposure, rest, rest_exposure, strict=True):
        low, high = binomtest(int(a), int(a + b)).proportion_ci(method="exact")
        lows.append(low / (1 - low) * e2 / e1)
        highs.append(high / (1 - high) * e2 / e1 if high < 1 else np.inf)
    return np.array(lows), np.array(highs)


def _expected_disproportionality(small_warehouse, dimension, layer):
    pop = small_warehouse["population"]
    rows = pop[layer(pop)].copy()
    if dimension == "under_25":
        rows["under_25"] = rows.age_band.map(UNDER_25)
    by_year = rows.groupby(["year", dimension]).population.sum().unstack()
    # 2021-01 .. 2023-12; population for 2021 and 2022 only, so 2023 uses 2022 (nearest)
    person_years = by_year.loc[2021] + by_year.loc[2022] + by_year.loc[2022]
    records = sv_people(small_warehouse)
    records["under_25"] = records.age_band.map(UNDER_25)
    out = []
    for role in ("victim", "suspect"):
        counts = records[records.role == role].groupby(dimension).size()
        counts = counts.reindex(person_years.index, fill_value=0)
        rest = counts.sum() - counts
        exposure = person_years
        rest_exposure = exposure.sum() - exposure
        ratio = (counts / exposure) / (rest / rest_exposure)
        low, high = _exact_limits(counts, exposure, rest, rest_exposure)
        out.append(
            pd.DataFrame(
                {
                    "role": role,
                    "group": person_years.index,
                    "records": counts.values,
                    "person_years": person_years.values,
                    "residents": (person_years / 3).values,
                    "rate_per_1000": (counts / exposure * 1000).values,
                    "ratio": ratio.values,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
        )
    return pd.concat(out, ignore_index=True)


UNDER_25 = {"0-17": "under 25", "18-24": "under 25", "25+": "25 and over"}
LAYERS = {
    "under_25": lambda p: (p.age_band != "all") & (p.sex == "all") & (p.ethnicity == "all"),
    "age_band": lambda p: (p.age_band != "all") & (p.sex == "all") & (p.ethnicity == "all"),
    "sex": lambda p: (p.age_band == "all") & (p.sex != "all") & (p.ethnicity == "all"),
    "ethnicity": lambda p: (p.age_band == "all") & (p.sex == "all") & (p.ethnicity != "all"),
}


@pytest.mark.parametrize("dimension", ["age_band", "under_25", "sex", "ethnicity"])
def test_disproportionality_against_the_rest_of_the_population(result, small_warehouse, dimension):
    expected = _expected_disproportionality(small_warehouse, dimension, LAYERS[dimension])
    frame = result.table("people_disproportionality").frame
    got = frame[frame.dimension == dimension].reset_index(drop=True)
    key = ["role", "group"]
    merged = got.merge(expected, on=key, suffixes=("", "_expected"))
    assert len(merged) == len(expected) == len(got)
    for column in (
        "records",
        "person_years",
        "residents",
        "rate_per_1000",
        "ratio",
        "ci_low",
        "ci_high",
    ):
        np.testing.assert_allclose(merged[column], merged[f"{column}_expected"], rtol=1e-9)


def test_disproportionality_leaves_unknown_groups_out(result):
    frame = result.table("people_disproportionality").frame
    assert "U" not in set(frame.group) and "Not stated" not in set(frame.group)
    assert "Unknown" not in set(frame.group)
    assert "REST" in result.table("people_disproportionality").notes


def test_repeat_victims_and_suspects(result, small_warehouse):
    records = sv_people(small_warehouse)
    total_sv = len(sv_crimes(small_warehouse))
    frame = result.table("people_repeat").frame.set_index("role")
    for role in ("victim", "suspect"):
        mine = records[records.role == role]
        per_person = mine.groupby("person_key").crime_ref.nunique()
        repeaters = per_person[per_person >= 2].index
        repeat_crimes = mine[mine.person_key.isin(repeaters)].crime_ref.nunique()
        row = frame.loc[role]
        assert row.people == len(per_person)
        assert row.repeat_people == len(repeaters)
        assert row.crimes == mine.crime_ref.nunique()
        assert row.repeat_crimes == repeat_crimes
        assert row.serious_violence_crimes == total_sv
        assert row.repeat_share_of_crimes == pytest.approx(repeat_crimes / total_sv)
        assert row.repeat_share_of_people == pytest.approx(len(repeaters) / len(per_person))


def test_findings_only_for_significant_ratios_and_large_repeat_shares(result):
    frame = result.table("people_disproportionality").frame
    repeat = result.table("people_repeat").frame
    significant = frame[frame.ci_low > 1]
    ratio_findings = [f for f in result.findings if "times as likely" in f.text]
    assert ratio_findings, "the fixture has over-represented groups"
    for role in ("victim", "suspect"):
        mine = significant[significant.role == role]
        under_25 = int((mine.dimension == "under_25").sum())
        others = min(
            people.OTHER_FINDINGS_PER_ROLE, mine[mine.dimension != "under_25"].dimension.nunique()
        )
        said = [f for f in ratio_findings if f"as {role}s of" in f.text]
        assert len(said) == under_25 + others
    for finding in ratio_findings:
        assert any(f"{r:.2f}" in finding.evidence for r in significant.ratio)
    repeat_findings = [f for f in result.findings if f.text.startswith("Repeat")]
    assert len(repeat_findings) == int((repeat.repeat_share_of_crimes >= 0.10).sum())


def test_area_scope_limits_people_to_crimes_in_the_area(small_warehouse):
    ctx = open_context(small_warehouse.path, area_code="E06000901")  # WEST
    try:
        frame = people.compute(ctx).table("people_by_sex").frame
    finally:
        ctx.con.disconnect()
    grid = small_warehouse["grid"]
    west = set(grid[grid.side == "WEST"].lsoa_code)
    crimes = sv_crimes(small_warehouse)
    refs = set(crimes[crimes.lsoa_code.isin(west)].crime_ref)
    records = sv_people(small_warehouse)
    assert frame.records.sum() == records.crime_ref.isin(refs).sum()


def test_proxy_definition_says_people_are_absent(small_warehouse):
    from svduty.definitions import load_definition

    ctx = open_context(small_warehouse.path, definition=load_definition("police-uk-proxy"))
    try:
        result = people.compute(ctx)
    finally:
        ctx.con.disconnect()
    assert not result.available and result.tables == []
    assert one_sentence(result.unavailable)


def test_finding_texts_carry_shares_not_small_counts(result):
    repeat = result.table("people_repeat").frame.set_index("role")
    texts = {f.text.split()[1][:-1]: f.text for f in result.findings if f.text.startswith("Repeat")}
    assert set(texts) == {"victim", "suspect"}  # both above 10% in the fixture
    for role, text in texts.items():
        share = repeat.loc[role, "repeat_share_of_crimes"]
        assert f"{share:.0%} of serious violence" in text
        assert str(repeat.loc[role, "repeat_people"]) not in text


# -- a hand-built area: 1,000 residents (800 White, 200 Asian), twelve victims --------------------

ETHNIC_VICTIMS = ["Asian"] * 6 + ["White"] * 4 + [None, "Not stated"]


@pytest.fixture(scope="module")
def hand_built(tmp_path_factory):
    from datetime import date, datetime

    from svduty.warehouse import connect

    crimes = pd.DataFrame(
        {
            "batch_id": 1,
            "source": "police-crimes",
            "crime_ref": [f"V{i}" for i in range(12)],
            "ho_code": "34B",  # robbery: serious violence under the test definition
            "occurred_month": [date(2022, 1 + i, 1) for i in range(12)],  # all of 2022
            "lsoa_code": "E01000001",
            "knife": False,
        }
    )
    persons = pd.DataFrame(
        {
            "batch_id": 2,
            "source": "police-people",
            "crime_ref": [f"V{i}" for i in range(12)] + ["V0"],
            "person_key": [f"v{i}" for i in range(12)] + ["s0"],
            "role": ["victim"] * 12 + ["suspect"],
            "age": 30,
            "sex": "M",
            "ethnicity": [*ETHNIC_VICTIMS, "White"],
        }
    )
    population = pd.DataFrame(
        {
            "batch_id": 3,
            "area_code": "E01000001",
            "year": 2022,
            "age_band": "all",
            "sex": "all",
            "ethnicity": ["all", "White", "Asian"],
            "population": [1000, 800, 200],
        }
    )
    batches = pd.DataFrame(
        {
            "batch_id": [3],
            "source": ["population"],
            "files": [["census2021_ts021_lsoa.csv"]],
            "sha256": [["0" * 64]],
            "rows_read": [3],
            "rows_loaded": [3],
            "rows_quarantined": [0],
            "imported_by": ["test"],
            "imported_at": [datetime(2024, 2, 1, 9, 0)],
        }
    )
    path = tmp_path_factory.mktemp("people") / "w.duckdb"
    con = connect(path)
    try:
        for table, frame in (
            ("crimes", crimes),
            ("crime_people", persons),
            ("population", population),
            ("batches", batches),
        ):
            insert_rows(con, table, frame)
    finally:
        con.close()
    ctx = open_context(path)
    try:
        yield people.compute(ctx)
    finally:
        ctx.con.disconnect()


def test_ethnicity_ratio_by_hand_with_an_exact_interval(hand_built):
    frame = hand_built.table("people_disproportionality").frame.set_index(["role", "group"])
    asian = frame.loc[("victim", "Asian")]
    # 6 victims over 200 person-years against 4 over 800: 30 vs 5 per 1,000, ratio 6
    assert (asian.records, asian.person_years, asian.rest_records) == (6, 200, 4)
    assert asian.rate_per_1000 == pytest.approx(30.0)
    assert asian.rest_rate_per_1000 == pytest.approx(5.0)
    assert asian.ratio == pytest.approx(6.0)
    low, high = binomtest(6, 10).proportion_ci(method="exact")
    assert asian.ci_low == pytest.approx(low / (1 - low) * 800 / 200, rel=1e-9)
    assert asian.ci_high == pytest.approx(high / (1 - high) * 800 / 200, rel=1e-9)
    assert asian.p_value == pytest.approx(binomtest(6, 10, 0.2).pvalue, rel=1e-9)
    assert frame.loc[("victim", "White"), "ratio"] == pytest.approx(1 / 6)
    assert set(frame.reset_index().dimension) == {"ethnicity"}  # no age or sex rows imported


def test_missing_ethnicity_is_shown_and_carried_by_the_finding(hand_built):
    missing = hand_built.table("people_not_recorded").frame.set_index(["role", "dimension"])
    victims = missing.loc[("victim", "ethnicity")]
    assert (victims.records, victims.not_recorded) == (12, 2)  # a null and a "Not stated"
    assert victims.not_recorded_share == pytest.approx(2 / 12)
    assert missing.loc[("suspect", "ethnicity"), "not_recorded"] == 0
    assert hand_built.commentary[0].startswith(
        "Recorded ethnicity is missing for 16.7% of victim records and 0.0% of suspect records"
    )
    row = hand_built.table("people_disproportionality").frame
    asian = row[(row.role == "victim") & (row.group == "Asian")].iloc[0]
    (finding,) = [f for f in hand_built.findings if "Asian" in f.text]
    assert finding.text == (
        "Per resident, people of Asian ethnicity were 6.0 times as likely to be recorded as "
        f"victims of serious violence as the rest of the population (95% CI {asian.ci_low:.1f} "
        f"to {asian.ci_high:.1f}; 30.00 vs 5.00 records per 1,000 residents a year). "
        "Ethnicity is not recorded for 16.7% of victim records."
    )
    assert "(exact)" in finding.evidence


def test_the_denominator_is_named(hand_built):
    table = hand_built.table("people_denominators")
    frame = table.frame.set_index("dimension")
    ethnicity = frame.loc["ethnicity"]
    assert ethnicity.residents == "residents by ethnic group (ages and sexes together)"
    assert ethnicity.years == "2022"
    assert ethnicity.source == (
        "census2021_ts021_lsoa.csv (population import, batch 3, imported 2024-02-01)"
    )
    assert frame.loc["age_band", "residents"] == "not in the population imported"
    assert "TS021" in table.notes
    assert (
        "Disproportionality is measured against residents by ethnic group from "
        "census2021_ts021_lsoa.csv (population import, batch 3, imported 2024-02-01), 2022 "
        "(the population imported has no age or sex breakdown)."
    ) in hand_built.commentary


def test_denominators_of_the_small_warehouse(result):
    frame = result.table("people_denominators").frame.set_index("dimension")
    assert frame.loc["sex", "residents"] == "residents by sex (ages and ethnic groups together)"
    assert frame.loc["age_band", "years"] == "2021-2022"
    assert frame.batches.tolist() == ["6", "6", "6"]
