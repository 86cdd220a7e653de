"""Population layers: one layer per breakdown, single years summed into bands, no double counts."""

from datetime import date

import pandas as pd
import pytest

from svduty.analysis.residents import residents_by

COLUMNS = ["year", "age_band", "age_min", "age_max", "sex", "ethnicity", "population"]


def _frame(rows):
    return pd.DataFrame(rows, columns=COLUMNS)


def test_single_years_of_age_are_summed_into_bands_and_totals_ignored():
    rows = [(2021, "all", None, None, "all", "all", 1000)]
    rows += [(2021, str(age), age, age, "all", "all", 10) for age in range(0, 90)]
    rows += [(2021, "90+", 90, None, "all", "all", 100)]
    residents = residents_by(_frame(rows), "age_band")
    assert residents.per_year.loc[2021].to_dict() == {"0-17": 180.0, "18-24": 70.0, "25+": 750.0}


def test_the_layer_with_other_dimensions_at_all_wins_over_fine_cells():
    rows = [
        (2021, "0-17", 0, 17, "all", "all", 300),
        (2021, "0-17", 0, 17, "F", "White", 120),  # a finer layer: must not be added
        (2021, "0-17", 0, 17, "M", "White", 150),
        (2021, "25+", 25, None, "all", "all", 700),
    ]
    residents = residents_by(_frame(rows), "age_band")
    assert residents.per_year.loc[2021].to_dict() == {"0-17": 300.0, "25+": 700.0}


def test_fine_cells_are_used_when_they_are_all_there_is():
    rows = [
        (2021, "0-17", 0, 17, "F", "White", 120),
        (2021, "0-17", 0, 17, "M", "Asian", 150),
        (2021, "18-24", 18, 24, "F", "Asian", 30),
    ]
    assert residents_by(_frame(rows), "sex").per_year.loc[2021].to_dict() == {
        "F": 150.0,
        "M": 150.0,
    }


def test_age_groups_that_straddle_a_band_cannot_be_used():
    rows = [(2021, "16-19", 16, 19, "all", "all", 50), (2021, "20-24", 20, 24, "all", "all", 60)]
    assert residents_by(_frame(rows), "age_band") is None
    assert residents_by(_frame(rows), "sex") is None


def test_person_years_use_the_nearest_year_weighted_by_months():
    rows = [
        (2020, "all", None, None, "F", "all", 100),
        (2022, "all", None, None, "F", "all", 200),
    ]
    residents = residents_by(_frame(rows), "sex")
    months = [date(2021, m, 1) for m in range(7, 13)] + [date(2023, 1, 1)]
    # 2021 is equally near 2020 and 2022: the earlier wins; 2023 uses 2022
    assert residents.person_years(months)["F"] == pytest.approx(100 * 6 / 12 + 200 * 1 / 12)
