"""How each column check compiles to DuckDB SQL: a validity test and a typed value per cell.

``check_sql(check)`` gives the ``CheckSql`` registered (``@compiles``) for the check's class or
its nearest base. The loader puts the expressions into the SQL of each pass over a file.

Expressions receive ``v``, a SQL expression that is never NULL where they are evaluated. For
plain SQL checks ``v`` is the cell as read (it may have surrounding spaces: DuckDB's casts
ignore them; checks that compare text trim it). For lookup checks ``v`` is the lookup's answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Generic, TypeVar

import duckdb

from svduty import reference
from svduty.ingest.checks import (
    DATE_FORMATS,
    Check,
    Date,
    DateTime,
    Decimal,
    Flag,
    HoCode,
    Icd10,
    Identifier,
    Integer,
    Lookup,
    Lsoa,
    Month,
    Text,
    TrueFalse,
    Vocabulary,
)
from svduty.ingest.pseudonymise import (
    register_sql_pseudonyms,
    sql_pseudonym,
    sql_unchanged_by_strip,
)
from svduty.warehouse.sql import in_list, literal

C = TypeVar("C", bound=Check)


class CheckSql(Generic[C]):
    """The SQL of a check; this base is ``Check``'s own: any non-empty text, kept as written."""

    def __init__(self, check: C) -> None:
        self.check = check

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

    def prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create on the load's connection what ``canonical_value`` reads (a TEMP table)."""
        return None

    def _prepared(self, v: str, p: Mapping[str, str] | None) -> Mapping[str, str]:
        return self.prepared(v) if p is None else p


_COMPILERS: dict[type[Check], type[CheckSql]] = {Check: CheckSql}


def compiles(kind: type[Check]) -> Callable[[type[CheckSql]], type[CheckSql]]:
    """Class decorator: this ``CheckSql`` is the SQL of checks of class ``kind``."""

    def register(compiler: type[CheckSql]) -> type[CheckSql]:
        _COMPILERS[kind] = compiler
        return compiler

    return register


def check_sql(check: Check) -> CheckSql:
    """The SQL of ``check``: the compiler of its class, or of its nearest registered base."""
    compiler = next(_COMPILERS[kind] for kind in type(check).__mro__ if kind in _COMPILERS)
    return compiler(check)


def trimmed(v: str) -> str:
    """``trim(v)``, but only paid for by cells that start or end with a space (most do not)."""
    return f"(CASE WHEN {v} LIKE ' %' OR {v} LIKE '% ' THEN trim({v}) ELSE {v} END)"


def _kept_as_written(v: str, lookup: Lookup, candidates: Iterable[str]) -> str:
    """``v IN (...)`` over the candidates that ``lookup`` maps to themselves."""
    candidates = list(candidates)
    kept = [value for value, answer in lookup(candidates).items() if answer == value]
    return f"{v} IN {in_list(sorted(kept))}" if kept else "false"


@compiles(Text)
class TextSql(CheckSql[Text]):
    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        most = self.check.max_length
        if most is None:
            return "true"
        return f"(length({v}) <= {most} OR length(trim({v})) <= {most})"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"nullif({trimmed(v)}, '')"


@compiles(Integer)
class IntegerSql(CheckSql[Integer]):
    def prepared(self, v: str) -> dict[str, str]:
        return {"int": f"TRY_CAST({v} AS BIGINT)"}

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        cast = self._prepared(v, p)["int"]
        test = [f"{cast} = TRY_CAST({v} AS DOUBLE)"]  # whole numbers only, no 17.5
        if self.check.minimum is not None:
            test.append(f"{cast} >= {self.check.minimum}")
        if self.check.maximum is not None:
            test.append(f"{cast} <= {self.check.maximum}")
        return " AND ".join(test)

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._prepared(v, p)["int"]


@compiles(Decimal)
class DecimalSql(CheckSql[Decimal]):
    def prepared(self, v: str) -> dict[str, str]:
        return {"number": f"TRY_CAST({v} AS DOUBLE)"}

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        cast = self._prepared(v, p)["number"]
        low, high = self.check.minimum, self.check.maximum
        if low is not None and high is not None:  # NaN and inf fall outside
            return f"{cast} BETWEEN {low} AND {high}"
        test = [f"isfinite({cast})"]
        if low is not None:
            test.append(f"{cast} >= {low}")
        if high is not None:
            test.append(f"{cast} <= {high}")
        return " AND ".join(test)

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._prepared(v, p)["number"]


def _strptime(v: str, formats: Iterable[str]) -> str:
    return f"try_strptime({v}, {literal(list(formats))})"


@compiles(Date)
class DateSql(CheckSql[Date]):
    """ISO dates use DuckDB's fast cast; other formats use ``try_strptime``."""

    def _date(self, v: str) -> str:
        if self.check.formats == DATE_FORMATS:
            return f"(CASE WHEN NOT contains({v}, ':') THEN TRY_CAST(trim({v}) AS DATE) END)"
        return f"CAST({_strptime(f'trim({v})', self.check.formats)} AS DATE)"

    def prepared(self, v: str) -> dict[str, str]:
        return {"date": self._date(v)}

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"{self._prepared(v, p)['date']} IS NOT NULL"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._prepared(v, p)["date"]

    def parts(self, v: str, p: Mapping[str, str] | None = None) -> dict[str, str]:
        date = self._prepared(v, p)["date"]
        return {"value": date, "month": f"CAST(date_trunc('month', {date}) AS DATE)"}


def _iso_timestamp(v: str) -> str:
    # A bare date with a trailing space does not cast: trim only the cells that need it.
    return f"coalesce(TRY_CAST({v} AS TIMESTAMP), TRY_CAST(trim({v}) AS TIMESTAMP))"


@compiles(DateTime)
class DateTimeSql(CheckSql[DateTime]):
    """ISO input uses DuckDB's fast cast; a profile's formats use ``try_strptime``."""

    def prepared(self, v: str) -> dict[str, str]:
        check = self.check
        if check.iso and check.date_allowed:  # one cast serves both the instant and the day
            return {"any": _iso_timestamp(v), "timed": f"contains({v}, ':')"}
        if check.iso:
            return {"any": f"(CASE WHEN contains({v}, ':') THEN {_iso_timestamp(v)} END)"}
        prepared = {"instant": _strptime(f"trim({v})", check.formats)}
        if check.date_allowed:
            prepared["day"] = _strptime(f"trim({v})", check.date_formats)
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


@compiles(Month)
class MonthSql(CheckSql[Month]):
    def canonical(self, v: str) -> str | None:
        month = f"{v}[6:7] BETWEEN '01' AND '12'"
        return f"({v} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND {v} >= '1800' AND {month})"

    def canonical_value(self, v: str) -> str:
        return f"({v} || '-01')"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"CAST({v} AS DATE)"


@compiles(Flag)
class FlagSql(CheckSql[Flag]):
    def prepared(self, v: str) -> dict[str, str]:
        return {
            "flag": f"(CASE {v} WHEN 'Y' THEN true WHEN 'N' THEN false "
            f"ELSE CASE upper(trim({v})) WHEN 'Y' THEN true WHEN 'N' THEN false END END)"
        }

    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"{self._prepared(v, p)['flag']} IS NOT NULL"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return self._prepared(v, p)["flag"]


@compiles(TrueFalse)
class TrueFalseSql(CheckSql[TrueFalse]):
    def valid(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"lower(trim({v})) IN ('true', 'false')"

    def value(self, v: str, p: Mapping[str, str] | None = None) -> str:
        return f"CASE lower(trim({v})) WHEN 'true' THEN true WHEN 'false' THEN false END"


@compiles(Vocabulary)
class VocabularySql(CheckSql[Vocabulary]):
    def canonical(self, v: str) -> str | None:
        return _kept_as_written(v, self.check.canonical_spellings, self.check.known())


@compiles(Lsoa)
class LsoaSql(CheckSql[Lsoa]):
    def canonical(self, v: str) -> str | None:
        return f"{v} GLOB '[EW]01{'[0-9]' * 6}'"  # the lookup's pattern as a glob (no regex)


@compiles(HoCode)
class HoCodeSql(CheckSql[HoCode]):
    def canonical(self, v: str) -> str | None:
        return _kept_as_written(v, reference.ho_code_spellings, reference.offence_codes())


@compiles(Icd10)
class Icd10Sql(CheckSql[Icd10]):
    def canonical(self, v: str) -> str | None:
        """Already normalised (``X99`` or ``X99.0``); for assault only, in X85-Y09."""
        shaped = f"({v} GLOB '[A-Z][0-9][0-9]' OR {v} GLOB '[A-Z][0-9][0-9].[0-9]')"
        if not self.check.assault_only:
            return shaped
        assault = in_list(sorted(reference.icd10_assault_codes()))
        return f"({shaped} AND left({v}, 3) IN {assault})"


@compiles(Identifier)
class IdentifierSql(CheckSql[Identifier]):
    def canonical(self, v: str) -> str | None:
        return sql_unchanged_by_strip(v)

    def canonical_value(self, v: str) -> str:
        return sql_pseudonym(v)

    def prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        register_sql_pseudonyms(con)
