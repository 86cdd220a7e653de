"""Statistical disclosure control for the public summary.

A published table must not show a count between 1 and 4, nor let one be worked out by subtracting
the other cells of a row or column from its total. Primary suppression hides the small counts;
secondary suppression hides the next-smallest cell of every line (a column, a group of rows
sharing a category, a row of several counts) that would otherwise hold exactly one hidden cell;
rates, shares and ratios in a row with a hidden count are hidden too. Tables that describe people
one by one (any person or crime identifier column) are never published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from svduty.analysis.result import Finding, SectionResult, SectionTable

#: What a reader sees in place of a suppressed cell (the ONS convention).
MARKER = "[c]"
SMALLEST, LARGEST = 1, 4
#: Columns whose values are derived from the counts beside them (rates, shares, ratios, CIs).
DERIVED = re.compile(
    r"rate|share|ratio|pct|percent|per_1000|prevalence|index|_ci|ci_|lower|upper|mean|median"
    r"|_vs_|change|gini|z_score|p_value|irr",
    re.IGNORECASE,
)
#: Float columns that are denominators, not derived from the counts.
DENOMINATOR = re.compile(r"population|residents|person_years|lsoas|months", re.IGNORECASE)
#: Columns that identify a person or a single crime: a table holding one is never public.
PERSON_LEVEL = re.compile(r"person_key|person_id|patient|pupil_id|case_id|crime_ref", re.I)
#: Operational tables of the internal report that the public summary leaves out.
#: place_hotspots and place_clusters hold LSOA rates and statistics beside nothing to suppress
#: them by; the maps carry the result.
INTERNAL_TABLES = frozenset({"scope_sources", "scope_coverage", "place_hotspots", "place_clusters"})

Cell = tuple[int, int]


def suppress_lines(values: np.ndarray, lines: Iterable[Sequence[Cell]]) -> np.ndarray:
    """The cells of the 2-D ``values`` to hide, given the lines whose totals are known.

    Primary: every cell from 1 to 4. Secondary, repeated until stable: a line with exactly one
    hidden cell also hides its smallest other non-zero cell (a zero when it has none), so no total
    minus the visible cells gives a hidden value. NaN cells are unknown and never hidden.
    """
    values = np.asarray(values, dtype=float)
    known = ~np.isnan(values)
    whole = known & (values == np.round(values))
    hidden = whole & (values >= SMALLEST) & (values <= LARGEST)
    lines = [list(line) for line in lines if len(line) > 1]
    changed = True
    while changed:
        changed = False
        for line in lines:
            flags = [hidden[cell] for cell in line]
            if sum(flags) != 1:
                continue
            candidates = [cell for cell in line if known[cell] and not hidden[cell]]
            if not candidates:
                continue
            nonzero = [cell for cell in candidates if values[cell] > 0]
            pool = nonzero or candidates
            hidden[min(pool, key=lambda cell: values[cell])] = True
            changed = True
    return hidden


def matrix_lines(shape: tuple[int, int]) -> list[list[Cell]]:
    """Every row and every column of a matrix: the lines of a two-way table with both margins."""
    rows, cols = shape
    return [[(r, c) for c in range(cols)] for r in range(rows)] + [
        [(r, c) for r in range(rows)] for c in range(cols)
    ]


def suppress_table(table: SectionTable) -> SectionTable:
    """``table`` with small counts, their complements and the rates derived from them hidden."""
    frame = table.frame.reset_index(drop=True)
    if {"measure", "value"} <= set(frame.columns) and not table.count_columns:
        return _suppress_measures(table, frame)
    counts = [c for c in table.count_columns if c in frame.columns]
    if not counts or frame.empty:
        return table
    values = np.column_stack(
        [pd.to_numeric(frame[c], errors="coerce").to_numpy(dtype=float) for c in counts]
    )
    hidden = suppress_lines(values, _table_lines(frame, counts))
    if not hidden.any():
        return table
    out = frame.astype(object)
    for j, column in enumerate(counts):
        out.loc[hidden[:, j], column] = MARKER
    rows = hidden.any(axis=1)
    for column in _derived_columns(frame, counts):
        out.loc[rows, column] = MARKER
    notes = (table.notes + " " if table.notes else "") + (
        f"{MARKER}: a count from {SMALLEST} to {LARGEST}, or a value that would reveal one, "
        "is suppressed."
    )
    return replace(table, frame=out, notes=notes)


def _suppress_measures(table: SectionTable, frame: pd.DataFrame) -> SectionTable:
    """A ``measure, value`` table: rows whose measure is not a rate, share or ratio are counts.

    A small count hides itself, the other counts (their sum may be known) and every derived row.
    """
    is_count = ~frame["measure"].astype(str).str.contains(DERIVED)
    values = pd.to_numeric(frame["value"], errors="coerce")
    small = is_count & (values == values.round()) & values.between(SMALLEST, LARGEST)
    if not small.any():
        return table
    out = frame.astype(object)
    out.loc[is_count & values.notna(), "value"] = MARKER
    out.loc[~is_count, "value"] = MARKER
    notes = (table.notes + " " if table.notes else "") + (
        f"{MARKER}: suppressed because a count is from {SMALLEST} to {LARGEST}."
    )
    return replace(table, frame=out, notes=notes)


def _table_lines(frame: pd.DataFrame, counts: list[str]) -> list[list[Cell]]:
    n = len(frame)
    lines: list[list[Cell]] = []
    for j in range(len(counts)):
        lines.append([(i, j) for i in range(n)])  # the column total
        for dimension in _dimensions(frame, counts):
            for positions in frame.groupby(dimension, sort=False, dropna=False).indices.values():
                lines.append([(int(i), j) for i in positions])
    if len(counts) > 1:  # several counts on a row may add up to (or be parts of) a total
        lines.extend([(i, j) for j in range(len(counts))] for i in range(n))
    return lines


def _dimensions(frame: pd.DataFrame, counts: list[str]) -> list[str]:
    """Category columns whose groups of rows may have their totals published elsewhere."""
    dims = []
    for column in frame.columns:
        if column in counts or pd.api.types.is_float_dtype(frame[column]):
            continue
        if DERIVED.search(str(column)):
            continue
        distinct = frame[column].nunique(dropna=False)
        if 1 < distinct < len(frame):
            dims.append(column)
    return dims


def _derived_columns(frame: pd.DataFrame, counts: list[str]) -> list[str]:
    """Columns computed from a row's counts: named as rates/shares/ratios, or any float that
    is not a denominator (population, residents, person-years)."""
    derived = []
    for column in frame.columns:
        if column in counts:
            continue
        name = str(column)
        if DERIVED.search(name) or (
            pd.api.types.is_float_dtype(frame[column]) and not DENOMINATOR.search(name)
        ):
            derived.append(column)
    return derived


def is_person_level(table: SectionTable) -> bool:
    """Does the table carry an identifier of a person or of one crime?"""
    return any(PERSON_LEVEL.search(str(column)) for column in table.frame.columns)


_SMALL_NUMBER = re.compile(r"(?<![\d.,%£])\b([1-4])\b(?![\d.,]*\s*%)(?!\.\d)(?!,\d{3})")


def mentions_small_count(text: str) -> bool:
    """Does a sentence state a whole number from 1 to 4 that is not a percentage?"""
    return bool(_SMALL_NUMBER.search(text))


def public_results(results: list[SectionResult]) -> list[SectionResult]:
    """The sections as the public summary shows them: suppressed, aggregate tables only."""
    public = []
    for result in results:
        tables = [
            suppress_table(table)
            for table in result.tables
            if table.name not in INTERNAL_TABLES and not is_person_level(table)
        ]
        findings = public_findings(result.findings)
        public.append(replace(result, tables=tables, findings=findings))
    return public


def public_findings(findings: list[Finding]) -> list[Finding]:
    """Findings safe to publish: none that states a count from 1 to 4."""
    return [f for f in findings if not mentions_small_count(f.text)]
