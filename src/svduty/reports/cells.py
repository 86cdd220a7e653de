"""Spreadsheet cells that stay text: every CSV and XLSX export writes through here.

Partner data and user input reach exports (district names, minutes, quarantined cells). A text cell
that starts with ``=`` (or ``+``, ``-``, ``@``) is a live formula when a spreadsheet opens the file:
``=HYPERLINK(...)`` sends the reader elsewhere and ``=cmd|...`` has run programs (CSV injection,
OWASP). Numbers and dates are written as they are; only text is neutralised.

- CSV follows the OWASP rule: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
- XLSX needs no prefix: :func:`text_stays_text` stores the cell with the string type, so Excel
  never parses it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

#: First characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` as a CSV writer should write it: text that could run as a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeCsvWriter:
    """``csv.writer`` whose every text cell goes through :func:`csv_cell`."""

    def __init__(self, handle: TextIO, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def text_stays_text(workbook: Any) -> None:
    """Store every text cell of an openpyxl workbook as text.

    openpyxl turns any string starting with ``=`` into a formula whether it came from
    ``sheet.append``, ``sheet.cell`` or ``sheet["A1"] = ...``; one pass before saving catches all.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type != "s":
                    cell.data_type = "s"
