"""Emerging hot spot categories and the Mann-Kendall test, on hand-made series."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from svduty.analysis.emerging import emerging_by_complete_year, emerging_hotspots, mann_kendall
from svduty.analysis.gistar import COLD, HOT, NOT_SIGNIFICANT
from svduty.analysis.periods import month_span

H, C, N = HOT, COLD, NOT_SIGNIFICANT


def test_mann_kendall_by_hand() -> None:
    # 1,2,3,4,5: S = 10, var = 5*4*15/18 = 16.667, z = 9/sqrt(16.667) = 2.2045
    result = mann_kendall(np.array([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [1, 3, 2, 3, 1]]))
    assert result.s.tolist() == [10, -10, 0]
    assert result.var_s[0] == pytest.approx(50 / 3)
    assert result.z[0] == pytest.approx(9 / np.sqrt(50 / 3))
    assert result.z[1] == pytest.approx(-9 / np.sqrt(50 / 3))
    assert result.p[0] == pytest.approx(0.027486, abs=1e-5)
    # ties: values 1,1 and 3,3 -> var = 16.667 - 2 * (2*1*9)/18 = 14.667
    assert result.var_s[2] == pytest.approx(50 / 3 - 2.0)


@pytest.mark.parametrize(
    ("labels", "z", "expected"),
    [
        ([N, N, N, N, H], [0, 0, 0, 0, 3], "new hot spot"),
        ([N, N, N, H, H], [0, 0, 0, 3, 3], "consecutive hot spot"),
        ([H, H, H, H, H], [1, 2, 3, 4, 5], "intensifying hot spot"),
        ([H, H, H, H, H], [3, 2, 3, 2, 3], "persistent hot spot"),
        ([H, H, H, H, H], [5, 4, 3, 2, 1], "diminishing hot spot"),
        ([H, N, H, N, H], [3, 0, 3, 0, 3], "sporadic hot spot"),
        ([H, C, N, N, H], [3, -3, 0, 0, 3], "oscillating hot spot"),
        ([H, H, H, H, N], [3, 3, 3, 3, 0], "no pattern"),  # 80% hot: not historical
        ([H, H, H, H, H, H, H, H, H, H, N], [3] * 10 + [0], "historical hot spot"),
        ([N, N, N, N, C], [0, 0, 0, 0, -3], "new cold spot"),
        ([C, C, C, C, C], [-1, -2, -3, -4, -5], "intensifying cold spot"),
        ([N, N, N, N, N], [0, 1, 0, 1, 0], "no pattern"),
    ],
)
def test_categories(labels, z, expected) -> None:
    result = emerging_hotspots(np.array([z], dtype=float), np.array([labels], dtype=object))
    assert result.category[0] == expected


def test_three_years_always_hot_is_persistent() -> None:
    result = emerging_hotspots(np.array([[1.0, 2.0, 3.0]]), np.array([[H, H, H]], dtype=object))
    assert result.category[0] == "persistent hot spot"  # MK cannot reach p < 0.05 with 3 steps
    assert result.steps_hot[0] == 3


def test_fewer_than_three_steps_classify_nothing() -> None:
    result = emerging_hotspots(np.array([[1.0, 3.0], [0.0, 0.0]]), np.array([[H, H], [N, N]]))
    assert result.category.isna().all()
    assert result.steps_hot.tolist() == [2, 0]


def test_part_years_are_left_out_of_the_steps() -> None:
    # 2019 holds April to December only; 2020-2023 are complete
    years = [2019, 2020, 2021, 2022, 2023]
    held = month_span(date(2019, 4, 1), date(2023, 12, 1))
    labels = np.array([[N, H, H, H, H]], dtype=object)
    z = np.array([[0.5, 3.0, 2.0, 3.0, 2.0]])
    # on every year the 2019 part year would make it a "consecutive" hot spot (80% hot)
    assert emerging_hotspots(z, labels).category[0] == "consecutive hot spot"
    result = emerging_by_complete_year(z, labels, years, held)
    assert result.years == (2020, 2021, 2022, 2023)
    assert result.frame.category.tolist() == ["persistent hot spot"]
    assert result.frame.steps_hot.tolist() == [4]
    assert result.sentence == (
        "Emerging and persistent hot-spot categories follow each LSOA's yearly Gi* result over "
        "the 4 complete calendar years 2020, 2021, 2022 and 2023; left out as incomplete: 2019 "
        "(part year: April to December 2019 only)."
    )


def test_a_gap_month_drops_its_year() -> None:
    years = [2020, 2021, 2022, 2023]
    held = [m for m in month_span(date(2020, 1, 1), date(2023, 12, 1)) if m != date(2022, 5, 1)]
    labels = np.array([[H, H, C, H]], dtype=object)
    z = np.array([[3.0, 3.0, -3.0, 3.0]])
    result = emerging_by_complete_year(z, labels, years, held)
    assert result.years == (2020, 2021, 2023)
    assert result.frame.category.tolist() == ["persistent hot spot"]  # 2022 is not a step
    assert result.sentence.endswith("left out as incomplete: 2022 (no data for May 2022).")


def test_northumbria_months_hold_too_few_complete_years() -> None:
    period = month_span(date(2020, 5, 1), date(2023, 3, 1))
    held = [m for m in period if m != date(2022, 1, 1)]
    labels = np.array([[H, H, H, H]], dtype=object)
    result = emerging_by_complete_year(
        np.ones((1, 4)), labels, [2020, 2021, 2022, 2023], held, period
    )
    assert result.frame is None and result.years == (2021,)
    assert result.sentence == (
        "Emerging and persistent hot-spot categories are not shown: they need a trend over at "
        "least 3 complete calendar years and the data holds 1 (2021)."
    )


def test_complete_years_missing_from_the_steps_are_not_invented() -> None:
    held = month_span(date(2020, 1, 1), date(2023, 12, 1))
    labels = np.array([[H, H]], dtype=object)
    result = emerging_by_complete_year(np.ones((1, 2)), labels, [2022, 2023], held)
    assert result.frame is None
    assert result.sentence == (
        "Emerging and persistent hot-spot categories are not shown: they need at least 3 "
        "complete calendar years of yearly hot spots and 2 were given."
    )
