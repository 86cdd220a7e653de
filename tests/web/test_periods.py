import datetime as dt

import pytest

from svduty.web.common.periods import (
    FinancialQuarter,
    financial_year_bounds,
    financial_year_label,
    financial_year_of,
)


@pytest.mark.parametrize(
    ("day", "year"),
    [(dt.date(2024, 3, 31), 2023), (dt.date(2024, 4, 1), 2024), (dt.date(2025, 1, 15), 2024)],
)
def test_financial_year_starts_in_april(day, year):
    assert financial_year_of(day) == year


def test_financial_year_label_and_bounds():
    assert financial_year_label(2023) == "2023/24"
    assert financial_year_label(1999) == "1999/00"
    assert financial_year_bounds(2024) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))


@pytest.mark.parametrize(
    ("day", "quarter", "start", "end"),
    [
        (dt.date(2024, 4, 1), FinancialQuarter(2024, 1), dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        (
            dt.date(2024, 9, 30),
            FinancialQuarter(2024, 2),
            dt.date(2024, 7, 1),
            dt.date(2024, 9, 30),
        ),
        (
            dt.date(2024, 12, 25),
            FinancialQuarter(2024, 3),
            dt.date(2024, 10, 1),
            dt.date(2024, 12, 31),
        ),
        (
            dt.date(2025, 2, 28),
            FinancialQuarter(2024, 4),
            dt.date(2025, 1, 1),
            dt.date(2025, 3, 31),
        ),
    ],
)
def test_quarter_of_a_date_and_its_bounds(day, quarter, start, end):
    found = FinancialQuarter.of(day)
    assert found == quarter
    assert (found.start, found.end) == (start, end)


def test_quarters_step_across_the_year_end():
    q4 = FinancialQuarter(2024, 4)
    assert q4.next() == FinancialQuarter(2025, 1)
    assert FinancialQuarter(2025, 1).previous() == q4
    assert q4.label == "2024/25 Q4"
    assert FinancialQuarter(2024, 1) < FinancialQuarter(2024, 2) < FinancialQuarter(2025, 1)


def test_quarter_number_is_checked():
    with pytest.raises(ValueError, match="quarter must be 1 to 4"):
        FinancialQuarter(2024, 5)
