"""Honest periods: which years the data holds whole, and what a part year may be compared with.

A change between two periods means something only when both are equal and complete. This module
takes the months that hold data (and the months the assessment expected) and returns:

- the complete calendar years (January to December) and complete financial years (April to
  March, the Home Office's reporting year): all twelve months inside the period and every one
  holding data — a month with no rows inside the period (a gap) makes its year incomplete;
- the latest part year (the last calendar year's months so far) with its comparator, the same
  months a year earlier, comparable only when every month of both holds data;
- which of the two year bases comparisons use, the baseline (the first complete year of that
  basis) and whether it falls in the 2020–21 COVID-19 lockdowns;
- plain-words descriptions of all of it, and the minimum spans below which seasonality
  (:data:`MIN_SEASONALITY_MONTHS`) and emerging hot spots (:data:`MIN_EMERGING_YEARS`) are not
  shown.

Pure functions of dates: no warehouse, no pandas. See docs/statistics.md, "Periods".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_IN_YEAR = 12
#: The financial year starts in April (the Home Office's police recorded crime year).
FINANCIAL_YEAR_START_MONTH = 4
#: The 2020–21 lockdowns in England, by month: from the first national lockdown (announced and
#: in force 23 March 2020) to the end of the third lockdown's stay-at-home order (29 March 2021).
LOCKDOWN_FIRST_MONTH = date(2020, 3, 1)
LOCKDOWN_LAST_MONTH = date(2021, 3, 1)
LOCKDOWN_FLAG = "the baseline falls in the 2020–21 COVID-19 lockdowns"
#: Seasonality needs every calendar month seen at least twice.
MIN_SEASONALITY_MONTHS = 24
#: Emerging and persistent hot spots need a trend over at least three complete years.
MIN_EMERGING_YEARS = 3
CALENDAR = "calendar"
FINANCIAL = "financial"


# -- months -----------------------------------------------------------------------------------


def month_number(month: date) -> int:
    """A running month count (year × 12 + month − 1): consecutive months differ by one."""
    return month.year * MONTHS_IN_YEAR + month.month - 1


def month_from_number(number: int) -> date:
    """The first day of the month :func:`month_number` numbered ``number``."""
    return date(number // MONTHS_IN_YEAR, number % MONTHS_IN_YEAR + 1, 1)


def add_months(month: date, count: int) -> date:
    """The month ``count`` months after ``month`` (before it when negative)."""
    return month_from_number(month_number(month) + count)


def month_span(first: date, last: date) -> list[date]:
    """Every month from ``first`` to ``last`` inclusive (first days of months)."""
    return [month_from_number(n) for n in range(month_number(first), month_number(last) + 1)]


def _runs(months: Iterable[date]) -> list[list[date]]:
    """``months`` (any order, repeats ignored) as runs of consecutive months, in order."""
    runs: list[list[date]] = []
    for month in sorted(set(months)):
        if runs and month_number(month) == month_number(runs[-1][-1]) + 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


def describe_months(months: Iterable[date]) -> str:
    """Months in words: "January 2022", "May to December 2020", "November 2022 to February
    2023", several runs joined with commas and "and"; "" for none."""
    parts = []
    for run in _runs(months):
        first, last = run[0], run[-1]
        start, end = MONTH_NAMES[first.month - 1], MONTH_NAMES[last.month - 1]
        if first == last:
            parts.append(f"{start} {first.year}")
        elif first.year == last.year:
            parts.append(f"{start} to {end} {last.year}")
        else:
            parts.append(f"{start} {first.year} to {end} {last.year}")
    return join_words(parts)


def join_words(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def longest_run(months: Iterable[date]) -> int:
    """The most consecutive months in ``months``."""
    return max((len(run) for run in _runs(months)), default=0)


# -- periods ----------------------------------------------------------------------------------


def financial_year_label(start_year: int) -> str:
    """ "2021/22" for the year April 2021 to March 2022."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


@dataclass(frozen=True)
class Period:
    """A named span of months: a calendar or financial year, or the months of a part year."""

    kind: str  # CALENDAR, FINANCIAL or "part year"
    label: str  # "2021", "2021/22", "January to March 2023"
    months: tuple[date, ...]

    @property
    def first(self) -> date:
        return self.months[0]

    @property
    def last(self) -> date:
        return self.months[-1]

    @property
    def year(self) -> int:
        """The calendar year, or the financial year's starting year."""
        return self.first.year

    @property
    def words(self) -> str:
        """The months in words ("January to March 2023")."""
        return describe_months(self.months)


@dataclass(frozen=True)
class YearStatus:
    """A year the period touches: its months, the months of it holding data, and why it is not
    complete ("" when it is)."""

    period: Period
    held: tuple[date, ...]
    note: str

    @property
    def complete(self) -> bool:
        return not self.note


@dataclass(frozen=True)
class PartYear:
    """The latest calendar year's months so far, and the same months a year earlier.

    ``reason`` says, as a clause, why the two cannot be compared ("" when they can).
    """

    period: Period
    comparator: Period
    reason: str

    @property
    def comparable(self) -> bool:
        return not self.reason


@dataclass(frozen=True)
class Periods:
    """What the months of the data allow: see :func:`analyse`."""

    expected: tuple[date, ...]
    held: tuple[date, ...]
    calendar: tuple[YearStatus, ...]
    financial: tuple[YearStatus, ...]
    part_year: PartYear | None

    @property
    def gaps(self) -> tuple[date, ...]:
        """Months of the period with no data."""
        held = set(self.held)
        return tuple(month for month in self.expected if month not in held)

    def years(self, basis: str) -> tuple[YearStatus, ...]:
        return self.calendar if basis == CALENDAR else self.financial

    def complete(self, basis: str) -> list[Period]:
        """The complete years of ``basis`` (CALENDAR or FINANCIAL), in order."""
        return [status.period for status in self.years(basis) if status.complete]

    @property
    def complete_calendar_years(self) -> list[int]:
        return [period.year for period in self.complete(CALENDAR)]

    @property
    def complete_financial_years(self) -> list[int]:
        """Starting years of the complete financial years (2021 for 2021/22)."""
        return [period.year for period in self.complete(FINANCIAL)]


def analyse(held: Iterable[date], expected: Iterable[date] | None = None) -> Periods:
    """The complete years, part year and gaps of data holding ``held`` months.

    ``expected`` is every month the assessment covers (its period); by default the span from the
    first to the last held month, so a month missing between them is a gap. Held months outside
    ``expected`` are ignored.
    """
    held_set = set(held)
    if expected is None:
        expected_months = month_span(min(held_set), max(held_set)) if held_set else []
    else:
        expected_months = sorted(set(expected))
    held_months = tuple(month for month in expected_months if month in held_set)
    expected_set = set(expected_months)
    if not expected_months:
        return Periods((), (), (), (), None)
    first, last = expected_months[0], expected_months[-1]
    calendar = tuple(
        _status(
            Period(CALENDAR, str(year), tuple(month_span(date(year, 1, 1), date(year, 12, 1)))),
            expected_set,
            held_set,
        )
        for year in range(first.year, last.year + 1)
    )
    fy_first = first.year - (first.month < FINANCIAL_YEAR_START_MONTH)
    fy_last = last.year - (last.month < FINANCIAL_YEAR_START_MONTH)
    financial = tuple(
        _status(
            Period(
                FINANCIAL,
                financial_year_label(year),
                tuple(
                    month_span(
                        date(year, FINANCIAL_YEAR_START_MONTH, 1),
                        date(year + 1, FINANCIAL_YEAR_START_MONTH - 1, 1),
                    )
                ),
            ),
            expected_set,
            held_set,
        )
        for year in range(fy_first, fy_last + 1)
    )
    return Periods(
        expected=tuple(expected_months),
        held=held_months,
        calendar=calendar,
        financial=financial,
        part_year=_part_year(expected_months, held_set),
    )


def _status(period: Period, expected: set[date], held: set[date]) -> YearStatus:
    inside = [month for month in period.months if month in expected]
    have = tuple(month for month in inside if month in held)
    missing = [month for month in inside if month not in held]
    notes = []
    if len(inside) < len(period.months):
        notes.append(f"part year: {describe_months(inside)} only")
    if missing:
        notes.append(f"no data for {describe_months(missing)}")
    return YearStatus(period, have, "; ".join(notes))


def _part_year(expected: list[date], held: set[date]) -> PartYear | None:
    last = expected[-1]
    if last.month == MONTHS_IN_YEAR:
        return None  # the last calendar year runs to December: a year, complete or not
    months = tuple(month for month in expected if month.year == last.year)
    earlier = tuple(add_months(month, -MONTHS_IN_YEAR) for month in months)
    period = Period("part year", describe_months(months), months)
    comparator = Period("part year", describe_months(earlier), earlier)
    reason = ""
    gaps = [month for month in months if month not in held]
    before = [month for month in earlier if month < expected[0]]
    comparator_gaps = [month for month in earlier if month >= expected[0] and month not in held]
    if gaps:
        reason = f"{describe_months(gaps)} has no data"
    elif before:
        reason = (
            f"the data starts in {describe_months([expected[0]])}, so it holds no "
            f"{describe_months(before)}"
        )
    elif comparator_gaps:
        reason = f"{describe_months(comparator_gaps)} has no data"
    return PartYear(period, comparator, reason)


# -- what comparisons the years allow ---------------------------------------------------------


def year_on_year(periods: Periods, basis: str) -> tuple[Period, Period] | None:
    """The latest complete year of ``basis`` and the year just before it, when both are
    complete; else None."""
    complete = periods.complete(basis)
    if len(complete) < 2 or complete[-1].year - complete[-2].year != 1:
        return None
    return complete[-1], complete[-2]


def comparison_basis(periods: Periods) -> str:
    """The year basis comparisons use: the one whose latest two complete years are adjacent (a
    year-on-year change), then the one with more complete years, then the one whose latest
    complete year ends later; financial years when neither has a complete year."""

    def key(basis: str) -> tuple[bool, int, int]:
        complete = periods.complete(basis)
        latest = month_number(complete[-1].last) if complete else -1
        return (year_on_year(periods, basis) is not None, len(complete), latest)

    return max((FINANCIAL, CALENDAR), key=key)


def baseline(periods: Periods, basis: str) -> Period | None:
    """The first complete year of ``basis`` (None without one)."""
    complete = periods.complete(basis)
    return complete[0] if complete else None


def lockdown_months(period: Period) -> list[date]:
    """The months of ``period`` inside the 2020–21 lockdowns (March 2020 to March 2021)."""
    return [m for m in period.months if LOCKDOWN_FIRST_MONTH <= m <= LOCKDOWN_LAST_MONTH]


def baseline_sentence(periods: Periods, basis: str) -> str:
    """The baseline year in words, flagged when it falls in the 2020–21 lockdowns."""
    base = baseline(periods, basis)
    if base is None:
        return "There is no baseline year: the data holds no complete calendar or financial year."
    kind = "calendar year" if basis == CALENDAR else "financial year (April to March)"
    text = f"The baseline is {base.label}, the first complete {kind} in the data"
    inside = lockdown_months(base)
    if not inside:
        return text + "."
    return (
        f"{text}; {LOCKDOWN_FLAG} ({describe_months(inside)}), when recorded violence was "
        "unusual, so a change measured against it reflects the lockdowns as well as any "
        "underlying trend."
    )


def coverage_sentence(periods: Periods) -> str:
    """How many months hold data, and the gaps (a gap makes its years incomplete)."""
    expected, held = periods.expected, periods.held
    span = f"{describe_months([expected[0]])} to {describe_months([expected[-1]])}"
    if not held:
        return f"No month from {span} holds data."
    if not periods.gaps:
        return f"The data holds every one of the {len(expected)} months from {span}."
    gaps = periods.gaps
    return (
        f"The data holds {len(held)} of the {len(expected)} months from {span}; "
        f"{describe_months(gaps)} {'has' if len(gaps) == 1 else 'have'} no data (a gap, not a "
        "fall in violence), so no comparison uses a year that contains "
        f"{'it' if len(gaps) == 1 else 'them'}."
    )


def years_sentence(periods: Periods, basis: str) -> str:
    """Which years of ``basis`` are complete, and why the others are not."""
    name = "calendar years" if basis == CALENDAR else "financial years (April to March)"
    complete = [period.label for period in periods.complete(basis)]
    others = [f"{s.period.label} ({s.note})" for s in periods.years(basis) if not s.complete]
    text = f"Complete {name}: {join_words(complete) if complete else 'none'}"
    if others:
        text += f"; not complete: {'; '.join(others)}"
    return text + "."


def part_year_sentence(periods: Periods) -> str:
    """The part year named as such, and whether it can be compared with a year earlier."""
    part = periods.part_year
    if part is None:
        return ""
    if part.comparable:
        return (
            f"{part.period.year} is a part year ({part.period.words}): it is compared only "
            f"with the same months a year earlier ({part.comparator.words})."
        )
    return (
        f"{part.period.year} is a part year ({part.period.words}) and is not compared with "
        f"the same months a year earlier ({part.comparator.words}): {part.reason}."
    )


def seasonality_reason(held: Sequence[date]) -> str:
    """Why seasonality is not shown ("" when at least :data:`MIN_SEASONALITY_MONTHS` months
    hold data)."""
    count = len(set(held))
    if count >= MIN_SEASONALITY_MONTHS:
        return ""
    return (
        f"it needs at least {MIN_SEASONALITY_MONTHS} months of data, so that every calendar "
        f"month is seen at least twice, and the data holds {count}"
    )


def emerging_reason(periods: Periods) -> str:
    """Why emerging and persistent hot spots are not classified ("" when at least
    :data:`MIN_EMERGING_YEARS` complete calendar years exist)."""
    complete = periods.complete_calendar_years
    if len(complete) >= MIN_EMERGING_YEARS:
        return ""
    held = f" ({join_words([str(year) for year in complete])})" if complete else ""
    return (
        f"they need a trend over at least {MIN_EMERGING_YEARS} complete calendar years and the "
        f"data holds {len(complete)}{held}"
    )
