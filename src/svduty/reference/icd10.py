"""ICD-10 external causes for assault (X85–Y09) and the sharp-object codes that are not assault.

The Home Office measure "hospital admissions for assault with a knife or sharp object" counts
X99 only; accidental contact with a sharp object (W25–W26), intentional self-harm by a sharp
object (X78) and undetermined intent (Y28) must never be counted as assault.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from svduty.errors import SvdutyError
from svduty.reference._data import load_csv

SHARP_OBJECT_ASSAULT = "X99"
_ICD10 = re.compile(r"([A-Z])(\d{2})(?:\.?(\d))?", re.ASCII)  # not other scripts' digits


@dataclass(frozen=True)
class Icd10Cause:
    """One ICD-10 external-cause category; ``family`` is assault, accidental, self_harm or
    undetermined_intent."""

    code: str
    name: str
    family: str


@cache
def _causes() -> dict[str, Icd10Cause]:
    return {row["code"]: Icd10Cause(**row) for row in load_csv("icd10_external_causes.csv")}


def icd10_assault_codes() -> Mapping[str, Icd10Cause]:
    """The 25 assault categories X85–Y09, keyed by three-character code."""
    return MappingProxyType({k: v for k, v in _causes().items() if v.family == "assault"})


def icd10_excluded_codes() -> Mapping[str, Icd10Cause]:
    """Sharp-object causes that are NOT assault: W25–W26 accidental, X78 self-harm, Y28
    undetermined intent."""
    return MappingProxyType({k: v for k, v in _causes().items() if v.family != "assault"})


def normalise_icd10(raw: object) -> str:
    """``X99``, ``x99.0`` and ``X990`` → ``X99`` / ``X99.0``: upper case, dot before the 4th
    character. Raises :class:`SvdutyError` for anything that is not an ICD-10 code."""
    text = "".join(str(raw if raw is not None else "").split()).upper()
    match = _ICD10.fullmatch(text)
    if match is None:
        raise SvdutyError(f"not an ICD-10 code: {raw!r}")
    letter, digits, fourth = match.groups()
    return f"{letter}{digits}" + (f".{fourth}" if fourth is not None else "")


def icd10_category(raw: object) -> str:
    """The three-character category of a code in any accepted spelling (``X99.0`` → ``X99``)."""
    return normalise_icd10(raw)[:3]


def is_assault_icd10(raw: object) -> bool:
    """True for X85–Y09 (any fourth character); False for every other valid code."""
    return icd10_category(raw) in icd10_assault_codes()


def is_sharp_object_assault(raw: object) -> bool:
    """True for X99 (assault by sharp object) only."""
    return icd10_category(raw) == SHARP_OBJECT_ASSAULT
