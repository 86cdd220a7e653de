"""Priority places led by burden: the score by hand, its guarantees, harm weights.

On real forces (the most affected LSOA is a top-ten place): tests/analysis/test_real_forces.py.
"""

from __future__ import annotations

import ibis
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from svduty.analysis import priority


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["lsoa_code", "serious_violence", "smoothed_rate_per_1000", "persistence"]
    )
    frame["weighted_serious_violence"] = frame.serious_violence.astype(float)
    frame["lsoa_name"] = frame.lsoa_code
    return frame


CRAFTED = _frame(
    [
        ("A", 277, 40.0, 0.0),  # the most crime, a low rate, never persistent
        ("B", 5, 400.0, 1.0),  # 5 crimes among few residents: the highest rate, always top
        ("C", 200, 100.0, 1.0),
        ("D", 0, 10.0, 0.0),  # no serious violence: never a priority place
        ("E", 150, 60.0, 0.5),
    ]
)


def test_the_score_by_hand_on_a_crafted_area() -> None:
    scored, used = priority.score(CRAFTED)
    assert used == pytest.approx({"volume": 0.5, "rate": 0.3, "persistence": 0.2})
    # rate percentiles over all five LSOAs: D 0.2, A 0.4, E 0.6, C 0.8, B 1.0
    # multipliers: A .5 + .3 x .4 = .62; B .5 + .3 + .2 = 1; C .5 + .24 + .2 = .94;
    # E .5 + .18 + .1 = .78; times 100 x volume over A's 277
    want = {"C": 100 * 200 / 277 * 0.94, "A": 62.0, "E": 100 * 150 / 277 * 0.78, "B": 500 / 277}
    assert list(scored.lsoa_code) == list(want)
    assert scored.priority_score.to_numpy() == pytest.approx(list(want.values()))
    assert list(scored.priority_rank) == [1, 2, 3, 4]
    assert scored.set_index("lsoa_code").volume_share_pct["A"] == pytest.approx(100 * 277 / 632)
    ranks = scored.set_index("lsoa_code")
    assert ranks.volume_only_rank.to_dict() == {"C": 2, "A": 1, "E": 3, "B": 4}
    assert ranks.rate_only_rank.to_dict() == {"C": 2, "A": 4, "E": 3, "B": 1}


def test_a_5_crime_lsoa_never_outranks_a_277_crime_lsoa_with_a_higher_rate() -> None:
    scored, _ = priority.score(CRAFTED)
    rank = scored.set_index("lsoa_code").priority_rank
    assert rank["A"] < rank["B"]  # B's smoothed rate is ten times A's
    # the worst case for the 277-crime LSOA: the lowest rate of many LSOAs, never persistent,
    # against a 5-crime LSOA with the highest rate, always persistent
    rows = [("A", 277, 1.0, 0.0), ("B", 5, 900.0, 1.0)]
    rows += [(f"Z{i:03d}", 0, 50.0 + i, 0.0) for i in range(200)]
    scored, _ = priority.score(_frame(rows))
    score = scored.set_index("lsoa_code").priority_score
    assert score["A"] == pytest.approx(100 * (0.5 + 0.3 / 202))  # A's rate percentile 1/202
    assert score["B"] == pytest.approx(100 * 5 / 277)
    assert list(scored.lsoa_code) == ["A", "B"]


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=3000),
            st.floats(min_value=0.1, max_value=500),
            st.sampled_from([0.0, 0.5, 1.0]),
        ),
        min_size=2,
        max_size=60,
    )
)
def test_volume_leads_by_construction(rows) -> None:
    frame = _frame([(f"L{i:03d}", n, rate, p) for i, (n, rate, p) in enumerate(rows)])
    scored, _ = priority.score(frame)
    if scored.empty:
        return
    volume = scored.weighted_serious_violence.to_numpy()
    rank = scored.priority_rank.to_numpy()
    # an LSOA never outranks one with at least twice its serious violence
    twice = volume[:, None] >= 2 * volume[None, :]
    assert (rank[:, None] < rank[None, :])[twice].all()
    # the most affected LSOA is passed only by LSOAs holding more than half its volume
    top = int(np.argmax(volume))
    assert rank[top] <= 1 + int((volume > volume[top] / 2).sum() - 1)
    assert scored.priority_score.iloc[rank.argmin()] <= 100


def test_terms_without_data_are_left_out_and_the_rest_rescaled() -> None:
    no_persistence = CRAFTED.assign(persistence=np.nan)
    scored, used = priority.score(no_persistence)
    assert used == pytest.approx({"volume": 0.5 / 0.8, "rate": 0.3 / 0.8})
    a = scored.set_index("lsoa_code").priority_score["A"]
    assert a == pytest.approx(100 * (0.5 + 0.3 * 0.4) / 0.8)
    no_rates = CRAFTED.assign(smoothed_rate_per_1000=np.nan, persistence=np.nan)
    scored, used = priority.score(no_rates)
    assert used == {"volume": 1.0}
    assert list(scored.lsoa_code) == ["A", "C", "E", "B"]  # volume alone
    assert scored.priority_score.to_numpy() == pytest.approx(
        [100, 100 * 200 / 277, 100 * 150 / 277, 500 / 277]
    )
    assert scored.rate_only_rank.isna().all()


def test_sensitivity_lists_every_top_ten_with_three_ranks() -> None:
    scored, _ = priority.score(CRAFTED)
    table = priority.sensitivity(scored, rows=2)
    assert list(table.lsoa_code) == ["C", "A", "B"]  # priority top 2, volume top 2, rate top 2
    assert table.set_index("lsoa_code").rate_only_rank["B"] == 1
    sentence = priority.sensitivity_sentence(scored, rows=2)
    assert sentence == (
        "Sensitivity: 2 of the top 2 priority places are also in the top 2 by volume of serious "
        "violence alone, and 1 in the top 2 by smoothed rate alone."
    )


def test_full_years_and_the_top_tenth() -> None:
    months = [d.date() for d in pd.date_range("2020-05-01", "2023-03-01", freq="MS")]
    assert priority.full_years(months) == [2021, 2022]
    values = pd.Series([0, 9, 9, 3, 2, 1, 0, 0, 0, 0, 5, 4])  # 12 areas: the top ceil(1.2) = 2
    assert list(values.index[priority.top_share(values)]) == [1, 2]
    tied = pd.Series([5, 5, 5, 1, 0, 0, 0, 0, 0, 0])  # a tie at the edge counts
    assert priority.top_share(tied).sum() == 3
    assert not priority.top_share(pd.Series([0, 0, 0])).any()


def test_persistence_counts_top_tenth_or_hot_years() -> None:
    codes = [f"L{i}" for i in range(10)]
    burden = pd.DataFrame(
        {2021: [9, 1, 0, 0, 0, 0, 0, 0, 0, 2], 2022: [1, 9, 0, 0, 0, 0, 0, 0, 0, 2]}, index=codes
    )
    hot = pd.DataFrame({2021: [False] * 9 + [True], 2022: [False] * 10}, index=codes)
    share = priority.persistence(burden, hot, [2021, 2022])
    # L0 top in 2021, L1 top in 2022, L9 a hot spot in 2021: each one year of two
    assert share[["L0", "L1", "L9"]].tolist() == [0.5, 0.5, 0.5]
    assert share.drop(["L0", "L1", "L9"]).eq(0).all()
    assert priority.persistence(burden, None, [2021]).isna().all()  # one full year: none


def test_harm_weight_takes_the_highest_weight_of_a_crimes_tags() -> None:
    crimes = ibis.memtable(
        pd.DataFrame(
            {
                "sv_robbery": [True, True, False, False],
                "sv_knife_enabled": [True, False, True, False],
            }
        )
    )
    weight = priority.harm_weight(crimes, {"robbery": 2.0, "knife_enabled": 5.0})
    got = crimes.select(weight=weight).to_pandas().weight.tolist()
    assert got == [5.0, 2.0, 5.0, 0.0]
    assert crimes.select(w=priority.harm_weight(crimes, {})).to_pandas().w.tolist() == [1.0] * 4
