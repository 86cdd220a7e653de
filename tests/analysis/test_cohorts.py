"""Section 9 (cohorts) against plain-pandas recomputation on the small warehouse."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from svduty.analysis import cohorts
from tests.analysis.conftest import open_context
from tests.analysis.oracle import one_sentence
from tests.analysis.partner_data import build_empty_warehouse

#: Under the test definition, with the knife flag unknown, only these cohort codes are serious
#: violence (8N needs the knife flag).
SV_COHORT_CODES = {"1", "5D", "34A", "34B", "19C"}
Z = norm.ppf(0.975)


@pytest.fixture(scope="module")
def result(small_warehouse):
    ctx = open_context(small_warehouse.path)
    yield cohorts.compute(ctx)
    ctx.con.disconnect()


def _per_person(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(serious=frame.ho_code.isin(SV_COHORT_CODES))
    flags = list(cohorts.INDICATORS)
    return frame.groupby("person_key")[["serious", *flags]].any()


@pytest.mark.parametrize(
    ("table", "cohort"), [("yj_cases", "youth justice"), ("probation_cases", "probation")]
)
def test_risk_factor_prevalence_and_ratios(result, small_warehouse, table, cohort):
    people = _per_person(small_warehouse[table])
    sizes = result.table("cohorts_sizes").frame.set_index("cohort").loc[cohort]
    assert sizes.people == len(people)
    assert sizes.serious_violence_people == people.serious.sum()
    frame = result.table("cohorts_risk_factors").frame
    frame = frame[frame.cohort == cohort].set_index("indicator")
    sv, other = people[people.serious], people[~people.serious]
    for flag in cohorts.INDICATORS:
        a, n1, c, n2 = sv[flag].sum(), len(sv), other[flag].sum(), len(other)
        row = frame.loc[flag]
        assert (row.sv_with, row.sv_known, row.other_with, row.other_known) == (a, n1, c, n2)
        ratio = (a / n1) / (c / n2)
        se = np.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
        assert row.sv_prevalence == pytest.approx(a / n1)
        assert row.ratio == pytest.approx(ratio)
        assert row.ci_low == pytest.approx(ratio * np.exp(-Z * se))
        assert row.ci_high == pytest.approx(ratio * np.exp(Z * se))


def test_findings_only_for_ratios_whose_interval_is_above_one(result):
    frame = result.table("cohorts_risk_factors").frame
    significant = frame[frame.ci_low > 1]
    expected = sum(
        min(n, cohorts.FINDINGS_PER_COHORT) for n in significant.groupby("cohort").size()
    )
    assert len(result.findings) == expected
    for finding in result.findings:
        assert "times as common" in finding.text and "95% CI" in finding.evidence


def test_school_exclusions_for_violence_or_weapons(result, small_warehouse):
    events = small_warehouse["education_events"].copy()
    when = pd.to_datetime(events.event_date)
    start = when.dt.year - (when.dt.month < 9)
    events["academic_year"] = [f"{y}/{(y + 1) % 100:02d}" for y in start]
    reason = events.reason.str.lower()
    events["weapon"] = reason.str.contains("weapon")
    events["assault"] = reason.str.contains("assault") & ~events.weapon
    expected = events.groupby(["academic_year", "event_type"]).agg(
        all_events=("weapon", "size"),
        assault_events=("assault", "sum"),
        weapon_events=("weapon", "sum"),
    )
    frame = result.table("cohorts_school_exclusions").frame.set_index(
        ["academic_year", "event_type"]
    )
    pd.testing.assert_frame_equal(
        frame[list(expected.columns)].sort_index(), expected.sort_index(), check_dtype=False
    )
    np.testing.assert_allclose(
        frame.violence_or_weapon_share,
        (frame.assault_events + frame.weapon_events) / frame.all_events,
    )


def test_period_scope_limits_cohort_offences(small_warehouse):
    ctx = open_context(
        small_warehouse.path, start_month=date(2022, 1, 1), end_month=date(2022, 12, 1)
    )
    try:
        sizes = cohorts.compute(ctx).table("cohorts_sizes").frame.set_index("cohort")
    finally:
        ctx.con.disconnect()
    yj = small_warehouse["yj_cases"]
    in_2022 = yj[pd.to_datetime(yj.offence_date).dt.year == 2022]
    assert sizes.loc["youth justice", "people"] == in_2022.person_key.nunique()


def test_no_cohort_data_is_one_sentence(tmp_path):
    ctx = open_context(build_empty_warehouse(tmp_path / "empty.duckdb"))
    try:
        result = cohorts.compute(ctx)
    finally:
        ctx.con.disconnect()
    assert not result.available and one_sentence(result.unavailable)


def test_a_cohort_with_no_serious_violence_says_so(small_warehouse):
    from svduty.definitions import parse_definition

    homicide_only = parse_definition(
        "name: homicide-only\ntitle: Homicide only\nsource: {document: test, quote: homicide}\n"
        "rules:\n  - tag: homicide\n    codes: ['1']\n",
        "test",
    )
    ctx = open_context(small_warehouse.path, definition=homicide_only)
    try:
        result = cohorts.compute(ctx)
    finally:
        ctx.con.disconnect()
    sizes = result.table("cohorts_sizes").frame
    assert (sizes.serious_violence_people == 0).all()  # no cohort offence is homicide
    assert result.findings == []
    assert len(result.commentary) == 2 and all("no one" in line for line in result.commentary)
    assert result.table("cohorts_risk_factors").frame.ci_low.isna().all()
