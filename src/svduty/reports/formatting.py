"""How a table cell reads in the HTML and PDF reports (the XLSX keeps the raw values).

Display only: the value itself travels with the cell (``data-value``) so tests and readers can
check every printed number against its ``SectionTable``.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from svduty.reports.disclosure import MARKER
from svduty.reports.labels import value_label

MISSING = "–"
_PLAIN_INTEGER = re.compile(
    r"year|rank|rule|hour|month|age|decile|quintile|batch|index|top_pct", re.I
)
_P_VALUE = re.compile(r"(^|_)p(_value|_fdr)?$|_p$|p_value", re.I)
_FRACTION = re.compile(r"share|prevalence", re.I)


def format_cell(value: object, column: str, integral: bool = False) -> str:
    """The text a reader sees for ``value`` in ``column``.

    ``integral``: every value of this float column is a whole number (a population, say), so
    it prints without decimals; otherwise a column prints with the same decimals throughout.
    """
    if value is None:
        return MISSING
    if isinstance(value, str):
        return value_label(value)  # a code (``licensed_premises``) reads as words
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else f"{value:%Y-%m-%d}"
        )
    if isinstance(value, dt.date):
        return f"{value:%Y-%m}" if value.day == 1 and "month" in column else value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(format_cell(v, column) for v in value)
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return format_cell(value.to_pydatetime(), column)
    if isinstance(value, int):
        return str(value) if _PLAIN_INTEGER.search(column) else f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return MISSING
        if _P_VALUE.search(column):
            return "<0.001" if value < 0.001 else f"{value:.3f}"
        if _FRACTION.search(column) and "pct" not in column and 0 <= value <= 1:
            return f"{value * 100:.1f}%"
        if column.endswith("_pct") or column.startswith("pct"):
            return f"{value:.1f}"
        if integral and value.is_integer():
            return str(int(value)) if _PLAIN_INTEGER.search(column) else f"{value:,.0f}"
        return f"{value:,.2f}"
    return str(value)


def raw_value(value: object) -> str:
    """The exact value behind a cell, for its ``data-value`` attribute."""
    if value is None:
        return ""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(raw_value(v) for v in value)
    if value == MARKER:
        return MARKER
    return str(value)


def cell_value(value: object) -> object:
    """A frame value with every kind of missing (NaN, NaT, NA) as None."""
    if isinstance(value, list | tuple) or (
        hasattr(value, "__array__") and not hasattr(value, "item")
    ):
        return list(value)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value
