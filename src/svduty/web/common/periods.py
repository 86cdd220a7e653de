"""UK financial years (1 April – 31 March) and their quarters, used by delivery plans and funding.

A financial year is named by the calendar year it starts in: ``2024`` is 2024/25.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def financial_year_of(day: dt.date) -> int:
    """The financial year a date falls in (April starts a new one)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int) -> str:
    """``2024`` → ``"2024/25"``."""
    return f"{year}/{(year + 1) % 100:02d}"


def financial_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a financial year."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    """Quarter 1 is April–June, 2 July–September, 3 October–December, 4 January–March."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1 to 4, not {self.quarter}")

    @classmethod
    def of(cls, day: dt.date) -> FinancialQuarter:
        year = financial_year_of(day)
        return cls(year, (day.month - 4) % 12 // 3 + 1)

    @property
    def start(self) -> dt.date:
        month = 4 + 3 * (self.quarter - 1)
        return dt.date(self.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

    def next(self) -> FinancialQuarter:
        if self.quarter == 4:
            return FinancialQuarter(self.year + 1, 1)
        return FinancialQuarter(self.year, self.quarter + 1)

    def previous(self) -> FinancialQuarter:
        if self.quarter == 1:
            return FinancialQuarter(self.year - 1, 4)
        return FinancialQuarter(self.year, self.quarter - 1)

    @property
    def label(self) -> str:
        return f"{financial_year_label(self.year)} Q{self.quarter}"

    def __str__(self) -> str:
        return self.label
