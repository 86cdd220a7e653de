"""The SQL that validates and converts the cells of one pass over a file, from its checks.

Cells are staged as ``c0, c1, ...`` (all VARCHAR, in contract column order). For each column the
pass selects the raw text ``r{i}``, the value ``v{i}`` the check sees (after any lookup) and
its emptiness ``e{i}``, computes the check's prepared casts once per row as ``p{i}_<name>``,
and tests the cell: ``ok`` (never NULL, for quarantine) and ``passes`` (for an insert's WHERE).
"""

from __future__ import annotations

from dataclasses import dataclass

from svduty.ingest.check_sql import CheckSql
from svduty.ingest.contract import Column, FileContract
from svduty.ingest.lookups import FAST, IDENTITY, JOIN, MIXED


def prepared_names(i: int, sql: CheckSql) -> dict[str, str]:
    """Column names, in ``Validation.checked``, of the check's prepared typed values."""
    return {key: f"p{i}_{key}" for key in sql.prepared("v")}


def _blank(x: str) -> str:
    """An empty cell: no text or only spaces (the prefix test keeps trim off most cells)."""
    return f"({x} IS NULL OR ({x} LIKE ' %' AND trim({x}) = ''))"


def fast_pass(column: Column, sql: CheckSql, x: str) -> str:
    """Never NULL: the single pass accepts cell ``x`` of a lookup column (SQL resolves it)."""
    test = f"coalesce({sql.canonical(x)}, false)"
    return f"({x} IS NULL OR {test})" if column.allows_empty else test


@dataclass(frozen=True)
class Validation:
    """The SQL that validates and converts the cells of one pass over a file."""

    select: list[str]  # raw text r, value v and emptiness e of every column
    joins: list[str]
    prepared: list[str]  # typed values computed once per row (see CheckSql.prepared)
    ok: list[str]  # per column: the cell is valid (never NULL)
    passes: list[str]  # the same for the insert's WHERE, where NULL already means "not loaded"

    @property
    def all_ok(self) -> str:
        return " AND ".join(self.ok) if self.ok else "true"

    @property
    def all_pass(self) -> str:
        return " AND ".join(self.passes) if self.passes else "true"

    def checked(self, relation: str, row_number: str = "NULL") -> str:
        cells = (
            f"(SELECT {row_number} AS _row, {', '.join(self.select)} FROM {relation} s "
            f"{' '.join(self.joins)})"
        )
        if not self.prepared:
            return cells
        # Casts computed once here serve the validity tests and the stored values alike.
        return f"(SELECT q.*, {', '.join(self.prepared)} FROM {cells} q)"


def validation(
    contract: FileContract, compiled: list[CheckSql], modes: dict[int, str]
) -> Validation:
    """The cells' SQL with each lookup column (a key of ``modes``) resolved as it says."""
    select, joins, prepared, ok, passes = [], [], [], [], []
    for i, (column, sql) in enumerate(zip(contract.columns, compiled, strict=True)):
        check = sql.check
        mode = modes.get(i)
        raw, value = f"s.c{i}", f"s.c{i}"
        if mode == FAST:
            value = sql.canonical_value(raw)
        elif mode == MIXED:
            accepted = f"coalesce({sql.canonical(raw)}, false)"
            resolved = sql.canonical_value(raw)
            value = f"(CASE WHEN {accepted} THEN {resolved} ELSE _lk{i}.value END)"
        elif mode == JOIN:
            value = f"_lk{i}.value"
        select += [f"{raw} AS r{i}", f"{value} AS v{i}"]
        prepared += [f"{expr} AS p{i}_{key}" for key, expr in sql.prepared(f"v{i}").items()]
        p = prepared_names(i, sql)
        if mode == FAST:  # the SQL value, if the canonical test accepts the text
            select.append(f"{raw} IS NULL AS e{i}")
            test = f"coalesce({sql.canonical(f'r{i}')}, false)"
        elif mode == MIXED:
            joins.append(f"LEFT JOIN _lk{i} ON _lk{i}.raw = {raw}")
            select.append(f"({raw} IS NULL OR (NOT {accepted} AND _lk{i}.mapped IS NULL)) AS e{i}")
            test = f"v{i} IS NOT NULL"
        elif mode == IDENTITY:  # all values valid as written: only emptiness is left to check
            select.append(f"s.c{i} IS NULL AS e{i}")
            test = "true" if check.lookup is not None else sql.valid(f"v{i}", p)
        elif mode == JOIN:
            joins.append(f"LEFT JOIN _lk{i} ON _lk{i}.raw = s.c{i}")
            select.append(f"_lk{i}.mapped IS NULL AS e{i}")  # Python already trimmed
            test = f"v{i} IS NOT NULL" if check.lookup is not None else sql.valid(f"v{i}", p)
        else:
            select.append(f"{_blank(f's.c{i}')} AS e{i}")
            test = sql.valid(f"v{i}", p)
        allowed = "true" if column.allows_empty else "false"
        ok.append(f"(CASE WHEN e{i} THEN {allowed} ELSE coalesce({test}, false) END)")
        if mode == FAST:
            passes.append(fast_pass(column, sql, f"r{i}"))
        elif column.allows_empty:
            passes.append(f"(e{i} OR {test})")
        elif check.blank_fails and mode is None:
            passes.append(f"({test})")  # an empty cell fails the test itself
        else:
            passes.append(f"(NOT e{i} AND {test})")
    return Validation(select, joins, prepared, ok, passes)
