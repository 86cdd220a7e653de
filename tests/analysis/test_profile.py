"""Section 2, profile: counts and shares against plain pandas on the fixture rows."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from svduty.analysis import profile

from .conftest import expected_serious_violence, open_context
from .partner_data import insert_rows


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


def _police_uk_row(ref: str | None, crime_type: str, lsoa: str | None) -> dict:
    return {
        "batch_id": 1,
        "source": "police-uk",
        "crime_ref": ref,
        "police_uk_crime_type": crime_type,
        "occurred_month": date(2023, 1, 1),
        "lsoa_code": lsoa,
    }


@pytest.fixture(scope="module")
def proxy_result(tmp_path_factory):
    """Ten police.uk crimes (5 violence and sexual offences, 2 robberies, 1 possession of
    weapons, 2 burglaries) and one anti-social behaviour incident, one crime without an LSOA."""
    from svduty.definitions import load_definition
    from svduty.warehouse import connect

    kinds = (
        ["Violence and sexual offences"] * 5
        + ["Robbery"] * 2
        + ["Possession of weapons"]
        + ["Burglary"] * 2
    )
    rows = [_police_uk_row(f"P{i}", kind, "E01000001") for i, kind in enumerate(kinds)]
    rows[0]["lsoa_code"] = None
    rows.append(_police_uk_row(None, "Anti-social behaviour", "E01000001"))
    path = tmp_path_factory.mktemp("proxy") / "w.duckdb"
    con = connect(path)
    try:
        insert_rows(con, "crimes", pd.DataFrame(rows))
    finally:
        con.close()
    ctx = open_context(path, definition=load_definition("police-uk-proxy"))
    try:
        yield profile.compute(ctx)
    finally:
        ctx.con.disconnect()


def test_proxy_headline_says_police_uk_proxy(proxy_result) -> None:
    overall = proxy_result.table("profile_overall").frame.iloc[0]
    assert (overall.all_crime, overall.serious_violence) == (10, 8)
    assert [f.text for f in proxy_result.findings] == [
        "Serious violence (police.uk proxy) made up 80.0% of all recorded crime (8 of 10 crimes, "
        "anti-social behaviour excluded)."
    ]
    assert proxy_result.table("profile_overall").title.startswith(
        "Serious violence (police.uk proxy)"
    )


def test_proxy_categories_are_police_uk_crime_types_in_words(proxy_result) -> None:
    table = proxy_result.table("profile_by_category")
    frame = table.frame
    assert frame.category.tolist() == [
        "violence_and_sexual_offences",
        "robbery",
        "possession_of_weapons",
    ]
    assert frame.label.tolist() == [
        "Violence and sexual offences (police.uk crime type)",
        "Robbery",
        "Possession of weapons (police.uk crime type)",
    ]
    assert frame.crimes.tolist() == [5, 2, 1]
    assert frame.share_of_sv_pct.tolist() == pytest.approx([62.5, 25.0, 12.5])
    assert "assault" not in " ".join(frame.label).lower()
    assert "not Home Office offence groups" in table.notes
    assert proxy_result.commentary[0] == (
        "Violence and sexual offences (police.uk crime type): 5 crimes, "
        "62.5% of serious violence (police.uk proxy)."
    )


def test_force_definition_headline_is_plain_serious_violence(context) -> None:
    result = profile.compute(context)
    assert result.findings[0].text.startswith("Serious violence made up ")
    assert "proxy" not in " ".join(f.text for f in result.findings)
    labels = result.table("profile_by_category").frame.set_index("category").label
    assert labels["knife_enabled"] == "Knife or sharp instrument involved"
