"""The one way svduty writes SQL text: values and names rendered by sqlglot for DuckDB.

Hand-made quoting (``"'" + x.replace("'", "''") + "'"``) is easy to get subtly wrong and
spreads; every literal, identifier and ``read_csv`` call svduty splices into SQL goes through
these functions instead.
"""

from __future__ import annotations

import datetime
import math
import os
from collections.abc import Iterable, Mapping
from typing import Any

from sqlglot import exp

DIALECT = "duckdb"


def _value(value: Any) -> exp.Expression:
    """The sqlglot expression for a Python value: scalars, dates, lists and dicts (structs)."""
    if isinstance(value, Mapping):
        return exp.Struct(
            expressions=[
                exp.PropertyEQ(this=exp.Literal.string(str(key)), expression=_value(item))
                for key, item in value.items()
            ]
        )
    if isinstance(value, (list, tuple)):
        return exp.Array(expressions=[_value(item) for item in value])
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"no SQL literal for the float {value!r}")
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if value is None or isinstance(value, (str, bool, int, float, datetime.date)):
        return exp.convert(value)
    raise TypeError(f"no SQL literal for {type(value).__name__} {value!r}")


def _render(expression: exp.Expression) -> str:
    return expression.sql(dialect=DIALECT, normalize_functions=False)


def literal(value: Any) -> str:
    """A SQL literal for a str, int, float, bool, None, date or datetime (``O'Brien`` ->
    ``'O''Brien'``); lists become list literals and dicts struct literals."""
    return _render(_value(value))


def identifier(name: str) -> str:
    """A double-quoted identifier (inner quotes doubled), safe for any column or table name."""
    return _render(exp.to_identifier(name, quoted=True))


def in_list(values: Iterable[Any]) -> str:
    """The right-hand side of ``x IN ...``: ``('a', 'b')``."""
    return _render(exp.Tuple(expressions=[_value(v) for v in values]))


def read_csv(path: str | os.PathLike[str], **options: Any) -> str:
    """A DuckDB ``read_csv('path', key = value, ...)`` call, options rendered as literals.

    A dict option (``columns``, ``types``) becomes a struct literal, a list option a list literal.
    """
    arguments: list[exp.Expression] = [_value(os.fspath(path))]
    arguments += [
        exp.EQ(this=exp.var(key), expression=_value(value)) for key, value in options.items()
    ]
    return _render(exp.Anonymous(this="read_csv", expressions=arguments))
