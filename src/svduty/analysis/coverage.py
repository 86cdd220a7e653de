"""Every crime accounted for: how many serious-violence crimes have no place.

A crime without an LSOA stays in every headline, trend, profile, people and time figure. The
sections that need a place (place, deprivation, hot spots) cannot use it, so each says in its
first sentence how many serious-violence crimes, and what share, it leaves out for the definition
in use; the key findings say so when the share is above :data:`KEY_FINDING_SHARE`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from svduty.analysis.context import AnalysisContext

#: Above this share of serious violence without an LSOA, the key findings say so (2%).
KEY_FINDING_SHARE = 0.02


@dataclass(frozen=True)
class Unlocated:
    """Serious-violence crimes in scope with no LSOA, out of all serious violence in scope.

    ``dropped`` counts those an ``--area`` smaller than the data's area could not place: they
    are outside every figure, not only the place-based ones.
    """

    count: int
    total: int
    dropped: int = 0

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def percent(self) -> str:
        """The share in words a reader can trust: "under 0.1%" rather than "0.0%"."""
        if 0 < self.share < 0.0005:
            return "under 0.1%"
        return f"{100 * self.share:.1f}%"


def unlocated(ctx: AnalysisContext) -> Unlocated:
    """How many of the scope's serious-violence crimes have no LSOA (see :class:`Unlocated`)."""
    serious = ctx.serious_violence
    row = serious.aggregate(
        total=serious.count(), unlocated=serious.lsoa_code.isnull().sum()
    ).execute()
    total, count = int(row["total"].iloc[0]), int(row["unlocated"].fillna(0).iloc[0])
    dropped = 0 if ctx.area.keeps_unlocated else _dropped(ctx)
    return Unlocated(count=count, total=total, dropped=dropped)


def left_out_sentence(ctx: AnalysisContext) -> str:
    """The first sentence of a place-based section: what it leaves out, in plain words."""
    missing = unlocated(ctx)
    if missing.dropped:
        return (
            f"{missing.dropped:,} serious-violence crime(s) recorded without an LSOA cannot be "
            f"placed in {ctx.area.name} and are left out of this section, as of every figure."
        )
    if not missing.count:
        return "Every serious-violence crime in scope has an LSOA, so this section uses them all."
    return (
        f"This section leaves out {missing.count:,} serious-violence crime(s) "
        f"({missing.percent} of {missing.total:,}) that have no LSOA; every other "
        "section counts them."
    )


def lacking_sentence(ctx: AnalysisContext, what: str, table: ir.Table) -> str:
    """ "N of the area's M LSOAs have no <what> …" (``table.area_code``), or "" when none lack it.

    A national file covers every LSOA; a local one, or a boundary file newer than the
    population estimates, may not, and a rate or share quietly leaves those LSOAs out.
    """
    lsoas = ctx.area_lsoas
    if lsoas is None:
        return ""
    wanted = set(lsoas.lsoa_code.to_pandas())
    have = set(table.select("area_code").distinct().to_pandas().area_code)
    lacking = sorted(wanted - have)
    if not lacking:
        return ""
    listed = ", ".join(lacking[:10]) + (" and more" if len(lacking) > 10 else "")
    have_no, them = ("has no", "it") if len(lacking) == 1 else ("have no", "them")
    return (
        f"{len(lacking):,} of the area's {len(wanted):,} LSOAs {have_no} {what}, so rates and "
        f"shares leave {them} out: {listed}."
    )


def _dropped(ctx: AnalysisContext) -> int:
    """Serious violence without an LSOA that the ``--area`` filter left out."""
    return ctx.unlocated_serious_violence_anywhere()
