"""Honest periods: complete years, part years, gaps and the baseline, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from svduty.analysis import periods
from svduty.analysis.periods import CALENDAR, FINANCIAL, analyse, month_span


def _without(months: list[date], *missing: date) -> list[date]:
    return [month for month in months if month not in missing]


NORTHAMPTONSHIRE = month_span(date(2018, 10, 1), date(2019, 2, 1))
NORTHUMBRIA_PERIOD = month_span(date(2020, 5, 1), date(2023, 3, 1))
NORTHUMBRIA = _without(NORTHUMBRIA_PERIOD, date(2022, 1, 1))
SAMPLE_COUNTY = month_span(date(2020, 1, 1), date(2024, 12, 1))


def test_describe_months() -> None:
    assert periods.describe_months([date(2022, 1, 1)]) == "January 2022"
    assert periods.describe_months(month_span(date(2020, 5, 1), date(2020, 12, 1))) == (
        "May to December 2020"
    )
    assert periods.describe_months(month_span(date(2022, 11, 1), date(2023, 2, 1))) == (
        "November 2022 to February 2023"
    )
    assert periods.describe_months(
        [date(2021, 3, 1), date(2021, 1, 1), date(2021, 2, 1), date(2021, 7, 1), date(2022, 1, 1)]
    ) == ("January to March 2021, July 2021 and January 2022")
    assert periods.describe_months([]) == ""


def test_financial_year_label_and_month_arithmetic() -> None:
    assert periods.financial_year_label(2021) == "2021/22"
    assert periods.financial_year_label(1999) == "1999/00"
    assert periods.add_months(date(2023, 2, 1), -12) == date(2022, 2, 1)
    assert periods.add_months(date(2023, 1, 1), -1) == date(2022, 12, 1)
    assert len(month_span(date(2020, 5, 1), date(2023, 3, 1))) == 35
    assert periods.longest_run(NORTHUMBRIA) == 20  # May 2020 .. December 2021


def test_five_months_hold_no_year_and_no_comparable_part_year() -> None:
    spans = analyse(NORTHAMPTONSHIRE)
    assert spans.complete_calendar_years == []
    assert spans.complete_financial_years == []
    assert [(s.period.label, s.note) for s in spans.calendar] == [
        ("2018", "part year: October to December 2018 only"),
        ("2019", "part year: January to February 2019 only"),
    ]
    assert [(s.period.label, s.note) for s in spans.financial] == [
        ("2018/19", "part year: October 2018 to February 2019 only"),
    ]
    part = spans.part_year
    assert part is not None and not part.comparable
    assert part.period.months == (date(2019, 1, 1), date(2019, 2, 1))
    assert part.comparator.months == (date(2018, 1, 1), date(2018, 2, 1))
    assert part.reason == "the data starts in October 2018, so it holds no January to February 2018"
    for basis in (CALENDAR, FINANCIAL):
        assert periods.year_on_year(spans, basis) is None
        assert periods.baseline(spans, basis) is None
    assert periods.baseline_sentence(spans, periods.comparison_basis(spans)) == (
        "There is no baseline year: the data holds no complete calendar or financial year."
    )
    assert periods.part_year_sentence(spans) == (
        "2019 is a part year (January to February 2019) and is not compared with the same "
        "months a year earlier (January to February 2018): the data starts in October 2018, "
        "so it holds no January to February 2018."
    )


def test_a_gap_month_makes_its_years_incomplete() -> None:
    spans = analyse(NORTHUMBRIA, NORTHUMBRIA_PERIOD)
    assert spans.gaps == (date(2022, 1, 1),)
    # calendar: 2020 starts in May, 2022 lacks January, 2023 runs to March: only 2021 is whole
    assert spans.complete_calendar_years == [2021]
    assert [s.note for s in spans.calendar] == [
        "part year: May to December 2020 only",
        "",
        "no data for January 2022",
        "part year: January to March 2023 only",
    ]
    # financial: 2020/21 starts in May 2020, 2021/22 holds the gap, 2022/23 is whole
    assert [s.period.label for s in spans.financial] == ["2020/21", "2021/22", "2022/23"]
    assert spans.complete_financial_years == [2022]
    assert spans.financial[1].note == "no data for January 2022"
    assert len(spans.financial[1].held) == 11
    # part year 2023 (Jan-Mar) against Jan-Mar 2022, which lacks January
    part = spans.part_year
    assert part.period.months == tuple(month_span(date(2023, 1, 1), date(2023, 3, 1)))
    assert not part.comparable and part.reason == "January 2022 has no data"
    # one complete year on each basis, no year on year; financial ends later (March 2023)
    assert periods.year_on_year(spans, CALENDAR) is None
    assert periods.year_on_year(spans, FINANCIAL) is None
    assert periods.comparison_basis(spans) == FINANCIAL
    assert periods.baseline(spans, FINANCIAL).label == "2022/23"
    assert periods.baseline_sentence(spans, FINANCIAL) == (
        "The baseline is 2022/23, the first complete financial year (April to March) in the data."
    )
    assert periods.coverage_sentence(spans) == (
        "The data holds 34 of the 35 months from May 2020 to March 2023; January 2022 has no "
        "data (a gap, not a fall in violence), so no comparison uses a year that contains it."
    )


def test_expected_defaults_to_the_span_of_the_data() -> None:
    assert analyse(NORTHUMBRIA).gaps == (date(2022, 1, 1),)
    assert analyse([]).calendar == ()


def test_whole_years_compare_year_on_year_and_flag_a_lockdown_baseline() -> None:
    spans = analyse(SAMPLE_COUNTY)
    assert spans.complete_calendar_years == [2020, 2021, 2022, 2023, 2024]
    assert spans.complete_financial_years == [2020, 2021, 2022, 2023]  # 2020/21 .. 2023/24
    assert spans.part_year is None  # the data runs to December
    assert periods.comparison_basis(spans) == CALENDAR  # 5 complete years beat 4
    latest, previous = periods.year_on_year(spans, CALENDAR)
    assert (latest.label, previous.label) == ("2024", "2023")
    base = periods.baseline(spans, CALENDAR)
    assert base.label == "2020"
    assert periods.lockdown_months(base) == month_span(date(2020, 3, 1), date(2020, 12, 1))
    sentence = periods.baseline_sentence(spans, CALENDAR)
    assert sentence.startswith(
        "The baseline is 2020, the first complete calendar year in the data;"
    )
    assert (
        "the baseline falls in the 2020–21 COVID-19 lockdowns (March to December 2020)" in sentence
    )
    assert periods.emerging_reason(spans) == ""


@pytest.mark.parametrize(
    ("base", "flagged"),
    [
        (date(2019, 1, 1), ""),  # calendar 2019: before March 2020
        (date(2019, 4, 1), "March 2020"),  # financial 2019/20 ends in the first lockdown
        (date(2021, 4, 1), ""),  # financial 2021/22: after the stay-at-home order ended
        (date(2021, 1, 1), "January to March 2021"),  # calendar 2021: the third lockdown
    ],
)
def test_lockdown_window_is_march_2020_to_march_2021(base: date, flagged: str) -> None:
    months = month_span(base, periods.add_months(base, 11))
    kind = CALENDAR if base.month == 1 else FINANCIAL
    period = periods.Period(kind, "x", tuple(months))
    assert periods.describe_months(periods.lockdown_months(period)) == flagged


def test_part_year_compared_with_the_same_months_a_year_earlier() -> None:
    spans = analyse(month_span(date(2019, 1, 1), date(2021, 6, 1)))
    part = spans.part_year
    assert part.comparable and part.reason == ""
    assert part.period.words == "January to June 2021"
    assert part.comparator.words == "January to June 2020"
    assert periods.part_year_sentence(spans) == (
        "2021 is a part year (January to June 2021): it is compared only with the same months "
        "a year earlier (January to June 2020)."
    )
    # calendar 2019, 2020; financial 2019/20, 2020/21: a tie on count, financial ends later
    assert periods.comparison_basis(spans) == FINANCIAL
    latest, previous = periods.year_on_year(spans, FINANCIAL)
    assert (latest.label, previous.label) == ("2020/21", "2019/20")
    assert "(March 2020)" in periods.baseline_sentence(spans, FINANCIAL)


def test_part_year_with_a_gap_of_its_own_is_not_compared() -> None:
    months = _without(month_span(date(2019, 1, 1), date(2021, 6, 1)), date(2021, 2, 1))
    part = analyse(months).part_year
    assert not part.comparable and part.reason == "February 2021 has no data"


def test_year_on_year_needs_adjacent_complete_years() -> None:
    # 2021 and 2023 complete, 2022 holds a gap: no year on year, but a baseline comparison
    months = _without(month_span(date(2021, 1, 1), date(2023, 12, 1)), date(2022, 7, 1))
    spans = analyse(months)
    assert spans.complete_calendar_years == [2021, 2023]
    assert periods.year_on_year(spans, CALENDAR) is None
    assert periods.comparison_basis(spans) == CALENDAR  # 2 complete calendar, 1 financial
    assert periods.years_sentence(spans, CALENDAR) == (
        "Complete calendar years: 2021 and 2023; not complete: 2022 (no data for July 2022)."
    )


def test_minimum_spans_for_seasonality_and_emerging_hot_spots() -> None:
    assert periods.seasonality_reason(month_span(date(2021, 1, 1), date(2022, 12, 1))) == ""
    assert periods.seasonality_reason(NORTHAMPTONSHIRE) == (
        "it needs at least 24 months of data, so that every calendar month is seen at least "
        "twice, and the data holds 5"
    )
    assert periods.emerging_reason(analyse(NORTHUMBRIA, NORTHUMBRIA_PERIOD)) == (
        "they need a trend over at least 3 complete calendar years and the data holds 1 (2021)"
    )
    assert periods.emerging_reason(analyse(NORTHAMPTONSHIRE)) == (
        "they need a trend over at least 3 complete calendar years and the data holds 0"
    )
