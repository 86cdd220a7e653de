"""Section 2, profile: counts and shares against plain pandas on the fixture rows."""

from __future__ import annotations

import pandas as pd
import pytest

from svduty.analysis import profile

from .conftest import expected_serious_violence


def test_by_year_and_overall(context, small_warehouse) -> None:
    rows = expected_serious_violence(small_warehouse["crimes"])
    rows["year"] = pd.to_datetime(rows.occurred_month).dt.year
    rows["knife_sv"] = rows.is_serious_violence & rows.knife.fillna(False).astype(bool)
    want = rows.groupby("year").agg(
        all_crime=("crime_ref", "size"),
        sv=("is_serious_violence", "sum"),
        knife=("knife_sv", "sum"),
    )
    result = profile.compute(context)
    got = result.table("profile_by_year").frame.set_index("year")
    assert list(got.all_crime) == list(want.all_crime)
    assert list(got.serious_violence) == list(want.sv)
    assert list(got.knife_enabled) == list(want.knife)
    assert got.sv_share_pct.to_numpy() == pytest.approx((100 * want.sv / want.all_crime).to_numpy())
    overall = result.table("profile_overall").frame.iloc[0]
    assert overall.sv_share_pct == pytest.approx(100 * rows.is_serious_violence.mean())
    assert overall.knife_share_pct == pytest.approx(100 * want.knife.sum() / want.sv.sum())
    assert f"{100 * rows.is_serious_violence.mean():.1f}%" in result.findings[0].text


def test_categories_overlap_and_share_serious_violence(context, small_warehouse) -> None:
    rows = expected_serious_violence(small_warehouse["crimes"])
    sv = rows[rows.is_serious_violence]
    mix = profile.compute(context).table("profile_by_category").frame.set_index("category")
    for tag in ("homicide", "serious_wounding", "robbery", "rape", "knife_enabled"):
        assert mix.loc[tag, "crimes"] == sv[f"sv_{tag}"].sum()
        assert mix.loc[tag, "share_of_sv_pct"] == pytest.approx(100 * sv[f"sv_{tag}"].mean())
    assert mix.share_of_sv_pct.sum() > 100  # knife-enabled robberies and woundings overlap
