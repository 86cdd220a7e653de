"""Excel sheet names for a report's tables, fixed when the document is built.

The HTML and PDF name the sheet that holds each table's data, so the names are chosen once, here,
for the document and the workbook alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_SHEET_NAME = 31
_INVALID = re.compile(r"[\[\]:*?/\\]")
#: The first sheet: what the workbook is, and the list of its sheets.
README = "README"


def sheet_names(table_names: Sequence[str]) -> list[str]:
    """Excel sheet names for the tables: valid characters, at most 31, unique, stable."""
    used = {README.lower()}
    names = []
    for name in table_names:
        base = _INVALID.sub("_", name).strip("'")[:MAX_SHEET_NAME] or "table"
        candidate, n = base, 1
        while candidate.lower() in used:
            n += 1
            suffix = f"_{n}"
            candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        used.add(candidate.lower())
        names.append(candidate)
    return names
