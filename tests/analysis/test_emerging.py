"""Emerging hot spot categories and the Mann-Kendall test, on hand-made series."""

from __future__ import annotations

import numpy as np
import pytest

from svduty.analysis.emerging import emerging_hotspots, mann_kendall
from svduty.analysis.gistar import COLD, HOT, NOT_SIGNIFICANT

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
