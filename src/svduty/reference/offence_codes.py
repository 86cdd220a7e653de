"""Home Office offence codes: the reference list and the spellings forces write them in.

Canonical spelling: no leading zeros, upper-case letter suffix joined (``8N``, ``105A``), numeric
sub-codes after a slash (``4/1``, ``37/2``). The published tables merge the homicide codes as
``1/4.1/4.10/4.2``; svduty keeps that merged spelling as its own canonical entry (description
"Homicide", subgroup Homicide) beside the separate codes 1 (murder), 4/1 (manslaughter),
4/2 (infanticide) and 4/10 (corporate manslaughter), so a table that only knows "homicide" still
classifies as homicide. :data:`HOMICIDE_COMPONENTS` lists what the merged code stands for.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from svduty.errors import SvdutyError

MERGED_HOMICIDE = "1/4.1/4.10/4.2"
HOMICIDE_COMPONENTS: tuple[str, ...] = ("1", "4/1", "4/2", "4/10")

_NUMERIC_CODE = re.compile(r"0*(\d+)(?:[/.\-]0*(\d+)|[/.\-]?([A-Z]))?")


class UnknownOffenceCode(SvdutyError):
    """A Home Office offence code that is not in the reference list."""

    def __init__(self, raw: object) -> None:
        self.raw = raw
        super().__init__(f"unknown Home Office offence code {raw!r}")


@dataclass(frozen=True)
class OffenceCode:
    """One Home Office offence classification."""

    code: str
    description: str
    offence_group: str
    offence_subgroup: str
    source: str

    @property
    def components(self) -> tuple[str, ...]:
        """The separate codes a merged code stands for (itself for an ordinary code)."""
        return HOMICIDE_COMPONENTS if self.code == MERGED_HOMICIDE else (self.code,)


@cache
def _codes() -> dict[str, OffenceCode]:
    text = resources.files("svduty.reference").joinpath("data/offence_codes.csv")
    with text.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: OffenceCode(**row) for row in csv.DictReader(handle)}


def offence_codes() -> Mapping[str, OffenceCode]:
    """Every known code, keyed by its canonical spelling (read once, then cached)."""
    return MappingProxyType(_codes())


@cache
def _by_key() -> dict[str, str]:
    """Lookup key (see :func:`_spelling_key`) → canonical code for every reference code."""
    keys: dict[str, str] = {}
    for code in _codes():
        key = _spelling_key(code)
        if key is not None:
            keys[key] = code
    return keys


def _spelling_key(raw: object) -> str | None:
    """Reduce a spelling to a comparable key: ``008/N`` → ``8N``, ``004/01`` → ``4/1``."""
    if raw is None:
        return None
    text = " ".join(str(raw).split()).upper()
    if not text or text in {"NAN", "NONE", "NULL"}:
        return None
    compact = text.replace(" ", "")
    parts = compact.split("/")
    if len(parts) > 1 and all(parts):
        pieces = {_single_key(part) for part in parts}
        if pieces == set(HOMICIDE_COMPONENTS):
            return MERGED_HOMICIDE
        if compact.replace(".", "/") == "1/4/1/4/10/4/2":
            return MERGED_HOMICIDE
    single = _single_key(compact)
    return single if single is not None else text


def _single_key(compact: str) -> str | None:
    match = _NUMERIC_CODE.fullmatch(compact)
    if match is None:
        return None
    number, sub_number, letter = match.groups()
    if sub_number is not None:
        return f"{int(number)}/{int(sub_number)}"
    return f"{int(number)}{letter or ''}"


def ho_code_spellings(values: Iterable[object]) -> dict[object, str | None]:
    """Map each distinct raw spelling to its canonical code, or None when unknown or empty.

    Call it with the DISTINCT values of a column and join the result back (a small table), so a
    column of millions of rows costs one Python call per spelling, not per row.
    """
    keys = _by_key()
    return {value: keys.get(_spelling_key(value) or "") for value in set(values)}


def normalise_ho_code(raw: object) -> str:
    """The canonical spelling of a known code; :class:`UnknownOffenceCode` otherwise."""
    code = _by_key().get(_spelling_key(raw) or "")
    if code is None:
        raise UnknownOffenceCode(raw)
    return code


def lookup_offence(raw: object) -> OffenceCode:
    """The reference entry for any accepted spelling of a code."""
    return _codes()[normalise_ho_code(raw)]


def offence_groups() -> frozenset[str]:
    """The offence groups used by the reference list (e.g. "Violence against the person")."""
    return frozenset(code.offence_group for code in _codes().values())


def offence_subgroups() -> frozenset[str]:
    """The offence subgroups used by the reference list (e.g. "Homicide", "Rape offences")."""
    return frozenset(code.offence_subgroup for code in _codes().values())
