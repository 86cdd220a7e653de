"""Report age bands (0-17, 18-24, 25+) as Ibis expressions, so banding runs in the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis

from svduty.reference import AGE_BANDS

if TYPE_CHECKING:
    import ibis.expr.types as ir

UNKNOWN = "Unknown"
BAND_LABELS: tuple[str, ...] = tuple(band.label for band in AGE_BANDS)
UNDER_25 = 25


def age_band(age: ir.IntegerValue) -> ir.StringValue:
    """The band label of ``age``; ``Unknown`` for a null or negative age."""
    cases = []
    for band in AGE_BANDS:
        inside = age >= band.min_age
        if band.max_age is not None:
            inside = inside & (age <= band.max_age)
        cases.append((inside, band.label))
    return ibis.cases(*cases, else_=UNKNOWN)


def band_order(labels: list[str] | tuple[str, ...]) -> list[str]:
    """Report order: the bands, then anything else (Unknown) last."""
    known = [label for label in BAND_LABELS if label in labels]
    return known + sorted(label for label in labels if label not in BAND_LABELS)
