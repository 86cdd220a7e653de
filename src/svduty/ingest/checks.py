"""Column checks: what a partner's cell must be, in the words a quarantine reason uses.

A check declares the type a column is stored as, why a bad cell is refused (``reason``) and,
for checks that need Python (Home Office codes, ICD-10 codes, pseudonyms...), a ``lookup`` over
the DISTINCT values of the column, so Python never runs once per row. How each check becomes
DuckDB SQL is ``svduty.ingest.check_sql``; a reader that declares a check of its own there
registers its SQL beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from svduty import reference
from svduty.ingest.pseudonymise import pseudonymise_many

Lookup = Callable[[list[str]], Mapping[str, str | None]]

UK_LONGITUDE = (-8.7, 1.8)
UK_LATITUDE = (49.8, 60.9)


@dataclass(frozen=True, kw_only=True)
class Check:
    """Base check: any non-empty text is valid and kept as VARCHAR. Arguments are keywords."""

    reason: str = "invalid value"
    sql_type: str = "VARCHAR"
    lookup: Lookup | None = None  # distinct raw values -> converted text (None = invalid)
    identifier: bool = False  # a person id: never copied into quarantine
    #: a missing or blank cell fails the check's own test, so the loader need not test
    #: emptiness separately when the column is required (one test fewer per row and cell)
    blank_fails: bool = False


@dataclass(frozen=True, kw_only=True)
class Text(Check):
    """Free text, optionally with a maximum length."""

    max_length: int | None = None
    reason: str = "text too long"


@dataclass(frozen=True, kw_only=True)
class Integer(Check):
    """A whole number, optionally within [minimum, maximum]."""

    blank_fails: bool = True
    minimum: int | None = None
    maximum: int | None = None
    sql_type: str = "BIGINT"
    reason: str = ""

    def __post_init__(self) -> None:
        if not self.reason:
            bounds = (
                f" between {self.minimum} and {self.maximum}" if self.maximum is not None else ""
            )
            object.__setattr__(self, "reason", f"not a whole number{bounds}")


@dataclass(frozen=True, kw_only=True)
class Decimal(Check):
    """A finite decimal number, optionally within [minimum, maximum]."""

    blank_fails: bool = True
    minimum: float | None = None
    maximum: float | None = None
    sql_type: str = "DOUBLE"
    reason: str = "not a number"


def Longitude() -> Decimal:
    """Longitude in decimal degrees inside the UK."""
    return Decimal(
        minimum=UK_LONGITUDE[0],
        maximum=UK_LONGITUDE[1],
        reason="longitude not inside the UK (-8.7 to 1.8)",
    )


def Latitude() -> Decimal:
    """Latitude in decimal degrees inside the UK."""
    return Decimal(
        minimum=UK_LATITUDE[0],
        maximum=UK_LATITUDE[1],
        reason="latitude not inside the UK (49.8 to 60.9)",
    )


DATE_FORMATS = ("%Y-%m-%d",)
DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")


@dataclass(frozen=True, kw_only=True)
class Date(Check):
    """A calendar date; ``formats`` are strptime patterns (a mapping profile may replace them)."""

    blank_fails: bool = True
    formats: tuple[str, ...] = DATE_FORMATS
    sql_type: str = "DATE"
    reason: str = "not a date (expected YYYY-MM-DD)"

    def with_formats(self, formats: tuple[str, ...]) -> Date:
        return replace(
            self, formats=formats, reason=f"not a date (expected {' or '.join(formats)})"
        )


@dataclass(frozen=True, kw_only=True)
class DateTime(Check):
    """A date-time; with ``date_allowed`` a bare date is accepted too (time unknown).

    Parts: ``value``/``timestamp`` (NULL when only a date was given), ``date``, ``month``.
    """

    blank_fails: bool = True
    formats: tuple[str, ...] = DATETIME_FORMATS
    date_formats: tuple[str, ...] = DATE_FORMATS
    date_allowed: bool = False
    sql_type: str = "TIMESTAMP"
    reason: str = ""

    def __post_init__(self) -> None:
        if not self.reason:
            shown = "YYYY-MM-DD HH:MM[:SS]" + (" or YYYY-MM-DD" if self.date_allowed else "")
            object.__setattr__(self, "reason", f"not a date-time (expected {shown})")

    @property
    def iso(self) -> bool:
        """Only the ISO formats (DuckDB's fast casts read them; others need strptime)."""
        return self.formats == DATETIME_FORMATS and self.date_formats == DATE_FORMATS

    def with_formats(self, formats: tuple[str, ...]) -> DateTime:
        timed = tuple(f for f in formats if "%H" in f or "%I" in f)
        dated = tuple(f for f in formats if f not in timed)
        return replace(
            self,
            formats=timed or ("%Y-%m-%d %H:%M:%S",),
            date_formats=dated or ("%Y-%m-%d",),
            reason=f"not a date-time (expected {' or '.join(formats)})",
        )


_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)  # ASCII digits only: SQL cannot cast others


def _month_lookup(values: list[str]) -> Mapping[str, str | None]:
    out: dict[str, str | None] = {}
    for raw in values:
        match = _MONTH.fullmatch(raw.strip())
        ok = match and 1 <= int(match.group(2)) <= 12 and int(match.group(1)) >= 1800
        out[raw] = f"{match.group(1)}-{match.group(2)}-01" if ok else None
    return out


@dataclass(frozen=True, kw_only=True)
class Month(Check):
    """A month ``YYYY-MM``, stored as the first day of the month; checked on DISTINCT values."""

    lookup: Lookup | None = field(default=_month_lookup)
    sql_type: str = "DATE"
    reason: str = "not a month (expected YYYY-MM)"


@dataclass(frozen=True, kw_only=True)
class Flag(Check):
    """``Y`` or ``N`` (any case) → BOOLEAN. Profiles map other spellings onto Y/N."""

    blank_fails: bool = True
    sql_type: str = "BOOLEAN"
    reason: str = "not a flag (expected Y or N)"


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Check):
    """``True``/``False`` as data.police.uk writes booleans → BOOLEAN."""

    blank_fails: bool = True
    sql_type: str = "BOOLEAN"
    reason: str = "not True or False"


@dataclass(frozen=True, kw_only=True)
class Vocabulary(Check):
    """One of a fixed list, matched case-insensitively and stored in the list's spelling.

    ``values`` may be a callable returning the list, so vocabularies owned by
    ``svduty.reference`` are read when a file is loaded, not at import time. Checked on the
    DISTINCT values of the column (a lookup), so long lists cost nothing per row.
    """

    values: tuple[str, ...] | Callable[[], Iterable[str]] = ()
    name: str = "value"
    reason: str = ""

    def __post_init__(self) -> None:
        if not self.reason:
            listed = ""
            if not callable(self.values) and len(self.values) <= 8:
                listed = f" (expected {', '.join(self.values)})"
            object.__setattr__(self, "reason", f"not a known {self.name}{listed}")
        object.__setattr__(self, "lookup", self.canonical_spellings)

    def known(self) -> Iterable[str]:
        """The list, in its own spelling."""
        return self.values() if callable(self.values) else self.values

    def canonical_spellings(self, raw_values: list[str]) -> Mapping[str, str | None]:
        """The lookup: each raw value's spelling in the list (None when not in it)."""
        return reference.canonical_spellings(self.known(), raw_values)


_LSOA = re.compile(r"[EW]01[0-9]{6}")


def _lsoa_lookup(values: list[str]) -> Mapping[str, str | None]:
    return {raw: raw.upper() if _LSOA.fullmatch(raw.upper()) else None for raw in values}


@dataclass(frozen=True, kw_only=True)
class Lsoa(Check):
    """An LSOA code: E01 or W01 and six digits (2011 or 2021); checked on DISTINCT values."""

    lookup: Lookup | None = field(default=_lsoa_lookup)
    reason: str = "not an LSOA code (expected E01 or W01 and six digits)"


def _icd10_lookup_factory(assault_only: bool) -> Lookup:
    def lookup(values: list[str]) -> Mapping[str, str | None]:
        out: dict[str, str | None] = {}
        for raw in values:
            try:
                code = reference.normalise_icd10(raw)
            except Exception:  # unknown or malformed code: invalid, reported per cell
                code = None
            if code is not None and assault_only and not reference.is_assault_icd10(code):
                code = None
            out[raw] = code
        return out

    return lookup


@dataclass(frozen=True, kw_only=True)
class HoCode(Check):
    """A Home Office offence code in any common spelling → canonical code."""

    lookup: Lookup | None = field(default=reference.ho_code_spellings)
    reason: str = "not a known Home Office offence code"


@dataclass(frozen=True, kw_only=True)
class Icd10(Check):
    """An ICD-10 code (``X99``, ``X99.0``, ``X990``) → normalised; optionally assault codes only."""

    assault_only: bool = False
    lookup: Lookup | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", _icd10_lookup_factory(self.assault_only))
        if not self.reason:
            text = (
                "not an ICD-10 assault code (X85-Y09)"
                if self.assault_only
                else "not a known ICD-10 code"
            )
            object.__setattr__(self, "reason", text)


@dataclass(frozen=True, kw_only=True)
class Identifier(Check):
    """A person identifier: replaced by its HMAC-SHA256 pseudonym; never stored raw."""

    lookup: Lookup | None = field(default=pseudonymise_many)
    identifier: bool = True
    reason: str = "missing identifier"
