"""The strategic needs assessment sections: warehouse in, tables and findings out.

``SECTIONS`` lists the sections in report order as ``(key, compute)``; each ``compute`` takes an
:class:`~svduty.analysis.context.AnalysisContext` and returns a
:class:`~svduty.analysis.result.SectionResult`. ``run_sections`` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable

from svduty.analysis import (
    cohorts,
    core_measures,
    deprivation,
    health,
    people,
    place,
    profile,
    scope,
    time_of_day,
    trends,
    triggers,
)
from svduty.analysis.context import AnalysisContext, Scope
from svduty.analysis.result import Finding, SectionResult, SectionTable

Compute = Callable[[AnalysisContext], SectionResult]

SECTIONS: list[tuple[str, Compute]] = [
    (scope.KEY, scope.compute),
    (profile.KEY, profile.compute),
    (trends.KEY, trends.compute),
    (place.KEY, place.compute),
    (deprivation.KEY, deprivation.compute),
    (people.KEY, people.compute),
    (time_of_day.KEY, time_of_day.compute),
    (health.KEY, health.compute),
    (cohorts.KEY, cohorts.compute),
    (triggers.KEY, triggers.compute),
    (core_measures.KEY, core_measures.compute),
]


def run_sections(ctx: AnalysisContext) -> list[SectionResult]:
    """Every section of ``SECTIONS`` on ``ctx``, in order."""
    return [compute(ctx) for _, compute in SECTIONS]


__all__ = [
    "SECTIONS",
    "AnalysisContext",
    "Finding",
    "Scope",
    "SectionResult",
    "SectionTable",
    "run_sections",
]
