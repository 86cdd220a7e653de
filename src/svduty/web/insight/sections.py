"""Needs-assessment sections for the web, computed once per (warehouse state, scope).

Running every section at county scale takes seconds; a dashboard page must answer in well under
a second. Results are kept in a small in-process LRU keyed by the warehouse fingerprint
(:func:`svduty.web.insight.warehouse.state`) and the scope, so an import invalidates them by
changing the key and nothing is ever served stale.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from svduty.analysis import AnalysisContext, Scope, run_sections
from svduty.analysis.boundaries import lsoa_geojson
from svduty.definitions import load_preset
from svduty.warehouse import connect, ibis_connect
from svduty.warehouse.sql import literal
from svduty.web.insight import warehouse

MAX_ENTRIES = 48
_cache: OrderedDict[tuple, Any] = OrderedDict()
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class ScopeKey:
    """A needs-assessment scope in hashable form (months are first days, or ``None``)."""

    definition: str
    area_code: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class Computed:
    """Every section's result for one scope, and the LSOA boundaries for maps."""

    results: list
    boundaries: dict | None
    period: tuple[dt.date, dt.date] | None


def cached(key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per ``key`` (which must include the warehouse state)."""
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = compute()
    with _cache_lock:
        _cache[key] = value
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return value


def clear() -> None:
    with _cache_lock:
        _cache.clear()


def compute(scope: ScopeKey) -> Computed | None:
    """All sections for ``scope``; ``None`` when no warehouse exists yet."""
    state = warehouse.state()
    if state is None:
        return None
    return cached(("sections", state, scope), lambda: _run(scope))


def computed_if_ready(scope: ScopeKey) -> Computed | None:
    """The cached sections for ``scope`` at the current warehouse state, never computing them.

    For pages that only *show* an assessment (the panel's place reviews) and must not pay seconds
    of computation on a cold cache; ``None`` when cold or when no warehouse exists.
    """
    state = warehouse.state()
    if state is None:
        return None
    key = ("sections", state, scope)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    return None


def _run(key: ScopeKey) -> Computed:
    scope = Scope(load_preset(key.definition), key.area_code, key.start, key.end)
    with warehouse.LOCK:
        con = ibis_connect(None, read_only=True)
        try:
            ctx = AnalysisContext(con, scope)
            results = run_sections(ctx)
            boundaries = lsoa_geojson(ctx)
            period = ctx.period
        finally:
            con.disconnect()
    return Computed(results, boundaries, period)


def query(sql: str) -> list[tuple]:
    """Rows of a small read-only query, cached per warehouse state (filter choices)."""
    state = warehouse.state()
    if state is None:
        return []

    def run() -> list[tuple]:
        with warehouse.LOCK:
            con = connect(None, read_only=True)
            try:
                return con.execute(sql).fetchall()
            finally:
                con.close()

    return cached(("query", state, sql), run)


def districts() -> list[tuple[str, str]]:
    """``(code, name)`` of the districts in the warehouse, by name."""
    rows = query(
        "SELECT area_code, any_value(area_name) FROM areas WHERE area_type = 'district' "
        "GROUP BY area_code ORDER BY 2"
    )
    return [(code, name or code) for code, name in rows]


def area_name(code: str) -> str | None:
    """The warehouse's name for a district, partnership or force area code, or None."""
    if not code:
        return None
    rows = query(
        "SELECT any_value(area_name) FROM areas WHERE area_type IN ('district', 'csp', 'pfa') "
        f"AND area_code = {literal(code)} GROUP BY area_code"
    )
    return (rows[0][0] or code) if rows else None


def crime_years() -> list[int]:
    """Financial years (2024 = 2024/25) with recorded crime in the warehouse."""
    rows = query("SELECT min(occurred_month), max(occurred_month) FROM crimes")
    if not rows or rows[0][0] is None:
        return []
    first, last = rows[0]
    return list(range(_financial_year(first), _financial_year(last) + 1))


def _financial_year(month: dt.date) -> int:
    return month.year if month.month >= 4 else month.year - 1


def financial_year_months(year: int) -> tuple[dt.date, dt.date]:
    """April of ``year`` to March of the next year."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 1)
