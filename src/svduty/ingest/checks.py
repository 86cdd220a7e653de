"""Column checks: how a text cell is validated and converted, as DuckDB SQL expressions.

Each check turns the cleaned cell text (trimmed, empty → NULL, value map applied) into a SQL
validity test and a typed value. Checks that need Python (Home Office codes, ICD-10 codes,
pseudonyms) declare a ``lookup`` over the DISTINCT values of the column; the framework joins the
result back, so Python never runs once per row.

Expressions receive ``v``, a SQL expression that is never NULL where they are evaluated. For
plain SQL checks ``v`` is the cell as read (it may have surrounding spaces: DuckDB's casts
ignore them; checks that compare text trim it). For lookup checks ``v`` is the lookup's answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

Lookup = Callable[[list[str]], Mapping[str, str | None]]

UK_LONGITUDE = (-8.7, 1.8)
UK_LATITUDE = (49.8, 60.9)


def sql_literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def trimmed(v: str) -> str:
    """``trim(v)``, but only paid for by cells that start or end with a space (most do not)."""
    return f"(CASE WHEN {v} LIKE ' %' OR {v} LIKE '% ' THEN trim({v}) ELSE {v} END)"


def _in_list(values: Iterable[str]) -> str:
    return "(" + ", ".join(sql_literal(v) for v in values) + ")"


@dataclass(frozen=True, kw_only=True)
class Check:
    """Base check: any non-empty text is valid and kept as VARCHAR. Arguments are keywords."""

    reason: str = "invalid value"
    sql_type: str = "VARCHAR"
    lookup: Lookup | None = None  # distinct raw values -> converted text (None = invalid)
    identifier: bool = False  # a person id: never copied into quarantine
    #: ``valid`` is false or NULL for a missing or blank cell, so the loader need not test
    #: emptiness separately when the column is required (one test fewer per row and cell)
    blank_fails: bool = False

    def prepared(self, v: str) -> dict[str, str]:
        """Typed values worth computing once per row: a cast that both the validity test and
        the stored parts use would otherwise run two or three times. The loader evaluates them
        in an inner projection and passes the resulting column names to ``valid`` and
        ``parts`` as ``p``; without ``p`` they are inlined."""
        return {}

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return "true"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return v

    def parts(self, v: str, p: Mapping[str, str] | None = None) -> dict[str, str]:
        """Named typed expressions a column's targets may use: always ``value``."""
        return {"value": self.value(v, p)}

    def canonical(self, v: str) -> str | None:
        """For a lookup check: a SQL test, true only for text whose lookup answer SQL can give
        (``canonical_value``; by default the text as written: valid and already in its stored
        spelling). A clean file then loads in one pass with no lookup; only the values it does
        not accept go through the lookup. None when only the lookup can tell."""
        return None

    def canonical_value(self, v: str) -> str:
        """SQL for what the lookup gives text ``canonical`` accepts: the text itself, unless
        the check converts even clean values (a pseudonym)."""
        return v

    def prepare(self, con) -> None:
        """Create on the load's connection what ``canonical_value`` reads (a TEMP table)."""
        return None

    def _prepared(self, v: str, p: Mapping[str, str] | None) -> Mapping[str, str]:
        return self.prepared(v) if p is None else p


def _kept_as_written(v: str, lookup: Lookup, candidates: Iterable[str]) -> str:
    """``v IN (...)`` over the candidates that ``lookup`` maps to themselves."""
    candidates = list(candidates)
    kept = [value for value, answer in lookup(candidates).items() if answer == value]
    return f"{v} IN {_in_list(sorted(kept))}" if kept else "false"


@dataclass(frozen=True, kw_only=True)
class Text(Check):
    """Free text, optionally with a maximum length."""

    max_length: int | None = None
    reason: str = "text too long"

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        if self.max_length is None:
            return "true"
        return f"(length({v}) <= {self.max_length} OR length(trim({v})) <= {self.max_length})"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"nullif({trimmed(v)}, '')"


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

    def prepared(self, v: str) -> dict[str, str]:
        return {"int": f"TRY_CAST({v} AS BIGINT)"}

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        cast = self._prepared(v, p)["int"]
        test = [f"{cast} = TRY_CAST({v} AS DOUBLE)"]  # whole numbers only, no 17.5
        if self.minimum is not None:
            test.append(f"{cast} >= {self.minimum}")
        if self.maximum is not None:
            test.append(f"{cast} <= {self.maximum}")
        return " AND ".join(test)

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._prepared(v, p)["int"]


@dataclass(frozen=True, kw_only=True)
class Decimal(Check):
    """A finite decimal number, optionally within [minimum, maximum]."""

    blank_fails: bool = True
    minimum: float | None = None
    maximum: float | None = None
    sql_type: str = "DOUBLE"
    reason: str = "not a number"

    def prepared(self, v: str) -> dict[str, str]:
        return {"number": f"TRY_CAST({v} AS DOUBLE)"}

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        cast = self._prepared(v, p)["number"]
        if self.minimum is not None and self.maximum is not None:  # NaN and inf fall outside
            return f"{cast} BETWEEN {self.minimum} AND {self.maximum}"
        test = [f"isfinite({cast})"]
        if self.minimum is not None:
            test.append(f"{cast} >= {self.minimum}")
        if self.maximum is not None:
            test.append(f"{cast} <= {self.maximum}")
        return " AND ".join(test)

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._prepared(v, p)["number"]


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


def _strptime(v: str, formats: Iterable[str]) -> str:
    listed = "[" + ", ".join(sql_literal(f) for f in formats) + "]"
    return f"try_strptime({v}, {listed})"


@dataclass(frozen=True, kw_only=True)
class Date(Check):
    """A calendar date; ``formats`` are strptime patterns (a mapping profile may replace them).

    ISO dates use DuckDB's fast cast; other formats use ``try_strptime``.
    """

    blank_fails: bool = True
    formats: tuple[str, ...] = DATE_FORMATS
    sql_type: str = "DATE"
    reason: str = "not a date (expected YYYY-MM-DD)"

    def _date(self, v: str) -> str:
        if self.formats == DATE_FORMATS:
            return f"(CASE WHEN NOT contains({v}, ':') THEN TRY_CAST(trim({v}) AS DATE) END)"
        return f"CAST({_strptime(f'trim({v})', self.formats)} AS DATE)"

    def prepared(self, v: str) -> dict[str, str]:
        return {"date": self._date(v)}

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"{self._prepared(v, p)['date']} IS NOT NULL"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._prepared(v, p)["date"]

    def parts(self, v: str, p: Mapping[str, str] | None = None) -> dict[str, str]:
        date = self._prepared(v, p)["date"]
        return {"value": date, "month": f"CAST(date_trunc('month', {date}) AS DATE)"}

    def with_formats(self, formats: tuple[str, ...]) -> Date:
        return replace(
            self, formats=formats, reason=f"not a date (expected {' or '.join(formats)})"
        )


def _iso_timestamp(v: str) -> str:
    # A bare date with a trailing space does not cast: trim only the cells that need it.
    return f"coalesce(TRY_CAST({v} AS TIMESTAMP), TRY_CAST(trim({v}) AS TIMESTAMP))"


@dataclass(frozen=True, kw_only=True)
class DateTime(Check):
    """A date-time; with ``date_allowed`` a bare date is accepted too (time unknown).

    Parts: ``value``/``timestamp`` (NULL when only a date was given), ``date``, ``month``.
    ISO input uses DuckDB's fast cast; a profile's formats use ``try_strptime``.
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
    def _iso(self) -> bool:
        return self.formats == DATETIME_FORMATS and self.date_formats == DATE_FORMATS

    def prepared(self, v: str) -> dict[str, str]:
        if self._iso and self.date_allowed:  # one cast serves both the instant and the day
            return {"any": _iso_timestamp(v), "timed": f"contains({v}, ':')"}
        if self._iso:
            return {"any": f"(CASE WHEN contains({v}, ':') THEN {_iso_timestamp(v)} END)"}
        prepared = {"instant": _strptime(f"trim({v})", self.formats)}
        if self.date_allowed:
            prepared["day"] = _strptime(f"trim({v})", self.date_formats)
        return prepared

    def _timestamp(self, p: Mapping[str, str]) -> str:
        """The instant: NULL when only a date was given."""
        if "timed" in p:
            return f"(CASE WHEN {p['timed']} THEN {p['any']} END)"
        return p["any"] if "any" in p else p["instant"]

    def _any(self, p: Mapping[str, str]) -> str:
        """The instant, or midnight of a bare date when dates are allowed."""
        if "any" in p:
            return p["any"]
        return f"coalesce({p['instant']}, {p['day']})" if "day" in p else p["instant"]

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"{self._any(self._prepared(v, p))} IS NOT NULL"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._timestamp(self._prepared(v, p))

    def parts(self, v: str, p: Mapping[str, str] | None = None) -> dict[str, str]:
        p = self._prepared(v, p)
        return {
            "value": self._timestamp(p),
            "timestamp": self._timestamp(p),
            "date": f"CAST({self._any(p)} AS DATE)",
            "month": f"CAST(date_trunc('month', {self._any(p)}) AS DATE)",
        }

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

    def canonical(self, v: str) -> str | None:
        month = f"{v}[6:7] BETWEEN '01' AND '12'"
        return f"({v} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND {v} >= '1800' AND {month})"

    def canonical_value(self, v: str) -> str:
        return f"({v} || '-01')"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"CAST({v} AS DATE)"


@dataclass(frozen=True, kw_only=True)
class Flag(Check):
    """``Y`` or ``N`` (any case) → BOOLEAN. Profiles map other spellings onto Y/N."""

    blank_fails: bool = True
    sql_type: str = "BOOLEAN"
    reason: str = "not a flag (expected Y or N)"

    def prepared(self, v: str) -> dict[str, str]:
        return {
            "flag": f"(CASE {v} WHEN 'Y' THEN true WHEN 'N' THEN false "
            f"ELSE CASE upper(trim({v})) WHEN 'Y' THEN true WHEN 'N' THEN false END END)"
        }

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"{self._prepared(v, p)['flag']} IS NOT NULL"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._prepared(v, p)["flag"]


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Check):
    """``True``/``False`` as data.police.uk writes booleans → BOOLEAN."""

    blank_fails: bool = True
    sql_type: str = "BOOLEAN"
    reason: str = "not True or False"

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"lower(trim({v})) IN ('true', 'false')"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"CASE lower(trim({v})) WHEN 'true' THEN true WHEN 'false' THEN false END"


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
        object.__setattr__(self, "lookup", self._canonical)

    def _known(self) -> Iterable[str]:
        return self.values() if callable(self.values) else self.values

    def _canonical(self, raw_values: list[str]) -> Mapping[str, str | None]:
        by_key = {value.casefold(): value for value in self._known()}
        return {raw: by_key.get(raw.strip().casefold()) for raw in raw_values}

    def canonical(self, v: str) -> str | None:
        return _kept_as_written(v, self._canonical, self._known())


_LSOA = re.compile(r"[EW]01[0-9]{6}")


def _lsoa_lookup(values: list[str]) -> Mapping[str, str | None]:
    return {raw: raw.upper() if _LSOA.fullmatch(raw.upper()) else None for raw in values}


@dataclass(frozen=True, kw_only=True)
class Lsoa(Check):
    """An LSOA code: E01 or W01 and six digits (2011 or 2021); checked on DISTINCT values."""

    lookup: Lookup | None = field(default=_lsoa_lookup)
    reason: str = "not an LSOA code (expected E01 or W01 and six digits)"

    def canonical(self, v: str) -> str | None:
        return f"{v} GLOB '[EW]01{'[0-9]' * 6}'"  # _LSOA as a glob (cheaper than a regex)


def _ho_code_lookup(values: list[str]) -> Mapping[str, str | None]:
    from svduty.reference import ho_code_spellings

    return ho_code_spellings(values)


def _icd10_lookup_factory(assault_only: bool) -> Lookup:
    def lookup(values: list[str]) -> Mapping[str, str | None]:
        from svduty import reference

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


def _pseudonym_lookup(values: list[str]) -> Mapping[str, str | None]:
    from svduty.ingest.pseudonymise import pseudonymise_many

    return pseudonymise_many(values)


@dataclass(frozen=True, kw_only=True)
class HoCode(Check):
    """A Home Office offence code in any common spelling → canonical code."""

    lookup: Lookup | None = field(default=_ho_code_lookup)
    reason: str = "not a known Home Office offence code"

    def canonical(self, v: str) -> str | None:
        from svduty.reference import offence_codes

        return _kept_as_written(v, _ho_code_lookup, offence_codes())


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

    def canonical(self, v: str) -> str | None:
        """Already normalised (``X99`` or ``X99.0``); for assault only, in X85-Y09."""
        shaped = f"({v} GLOB '[A-Z][0-9][0-9]' OR {v} GLOB '[A-Z][0-9][0-9].[0-9]')"
        if not self.assault_only:
            return shaped
        from svduty.reference import icd10_assault_codes

        return f"({shaped} AND left({v}, 3) IN {_in_list(sorted(icd10_assault_codes()))})"


@dataclass(frozen=True, kw_only=True)
class Identifier(Check):
    """A person identifier: replaced by its HMAC-SHA256 pseudonym; never stored raw."""

    lookup: Lookup | None = field(default=_pseudonym_lookup)
    identifier: bool = True
    reason: str = "missing identifier"

    def canonical(self, v: str) -> str | None:
        from svduty.ingest.pseudonymise import sql_unchanged_by_strip

        return sql_unchanged_by_strip(v)

    def canonical_value(self, v: str) -> str:
        from svduty.ingest.pseudonymise import sql_pseudonym

        return sql_pseudonym(v)

    def prepare(self, con) -> None:
        from svduty.ingest.pseudonymise import register_sql_pseudonyms

        register_sql_pseudonyms(con)
