"""What an analysis section returns: tables, findings and a plain statement when data is absent.

Sections compute; they do not draw. Reports (HTML, PDF, XLSX) and the web dashboards turn these
tables into charts and documents, so every number a reader sees comes from a ``SectionTable``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class SectionTable:
    """One table behind a chart or table in the report (one XLSX sheet).

    ``name`` is a stable identifier (``trends_monthly``) that chart builders and tests use;
    ``count_columns`` names the columns that hold counts of people or events, which the public
    summary must suppress when between 1 and 4.
    """

    name: str
    title: str
    frame: pd.DataFrame
    notes: str = ""
    count_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A key-finding sentence carrying its numbers; only made for results that pass their test.

    ``effect`` is the size of the effect as "times as much" (at least 1; a rate ratio of 0.5
    counts as 2): a rate, prevalence or incidence ratio, or a concentration (a share of the
    violence over the share of places or hours holding it). ``tested`` says a statistical test
    supports it (an interval excluding no difference, or a false-discovery-rate test), against
    a description. ``about_data`` marks a finding on the data's coverage, not on violence. The
    executive summary ranks findings by these (``svduty.analysis.summary``).
    """

    section: str
    text: str
    evidence: str = ""
    effect: float | None = None
    tested: bool = False
    about_data: bool = False


def times(ratio: float | None) -> float | None:
    """A ratio as an effect size "times as much": at least 1 (0.5 is 2); None when unknown."""
    if ratio is None or not math.isfinite(ratio) or ratio <= 0:
        return None
    return float(max(ratio, 1 / ratio))


@dataclass
class SectionResult:
    """A needs-assessment section: its tables and findings, or why it could not be produced."""

    key: str
    title: str
    tables: list[SectionTable] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    commentary: list[str] = field(default_factory=list)
    unavailable: str | None = None

    @property
    def available(self) -> bool:
        return self.unavailable is None

    def table(self, name: str) -> SectionTable:
        """The table called ``name``; raises ``KeyError`` naming the section when absent."""
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(f"section {self.key!r} has no table {name!r}")

    @classmethod
    def absent(cls, key: str, title: str, reason: str) -> SectionResult:
        """A section whose data is absent: one sentence saying so, nothing padded."""
        return cls(key=key, title=title, unavailable=reason)
