"""Classify a crimes CSV file through DuckDB, so files of millions of rows stream and scale.

INPUT columns: only those the definition's rules read are required (``required_columns``: for
the default definition ``ho_code, knife, firearm, domestic_abuse``); a rule may read any of
``RULE_COLUMNS``. ``crime_ref`` is optional and named in refusals when present. Headers match
case-insensitively after trimming; extra columns are kept. The values of the columns the rules
read are checked as the importer checks them: ``location_type`` (and ``police_uk_crime_type``)
must be in the shared vocabulary, so an unknown value is refused rather than silently read as
"not public space". OUTPUT repeats every input column as written and adds
``is_serious_violence`` (``Y``/``N``) and ``sv_categories`` (tags joined by ``;``, in vocabulary
order).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from svduty import reference
from svduty.definitions.classifier import (
    IS_SERIOUS_VIOLENCE,
    OUTPUT_COLUMNS,
    RULE_COLUMNS,
    SV_CATEGORIES,
    TAG_COLUMNS,
    classify,
    required_columns,
    unknown_code_spellings,
)
from svduty.definitions.schema import CATEGORIES, Definition
from svduty.errors import SvdutyError
from svduty.warehouse import scratch_connection
from svduty.warehouse.sql import read_csv

#: Every column ``classify_csv`` reads when present: ``crime_ref`` (named in refusals) and the
#: columns rules may read. Only ``required_columns(definition)`` must be in the file.
INPUT_COLUMNS: tuple[str, ...] = ("crime_ref", *RULE_COLUMNS)
_FLAGS = ("knife", "firearm", "domestic_abuse")
_AGES = ("youngest_victim_age", "youngest_suspect_age")
_ROW = "_sv_line"
_AS_WRITTEN = "_sv_as_written_"


@dataclass(frozen=True)
class _Vocabulary:
    """A column checked against a ``svduty.reference`` list, as the importer checks it."""

    name: str  # in words, as the importer's quarantine reason names it
    values: tuple[str, ...]
    empty_allowed: bool


#: The controlled vocabularies of the columns a rule may read. ``location_type`` is required and
#: never empty in a force extract (police-crimes); ``police_uk_crime_type`` only a police.uk row
#: has, so a force row may leave it empty (it then matches no police.uk crime type).
_VOCABULARIES: dict[str, _Vocabulary] = {
    "location_type": _Vocabulary("location type", reference.LOCATION_TYPES, empty_allowed=False),
    "police_uk_crime_type": _Vocabulary(
        "data.police.uk crime type", reference.POLICE_UK_CRIME_TYPES, empty_allowed=True
    ),
}


@dataclass(frozen=True)
class ClassificationSummary:
    """What ``classify_csv`` did: rows read, rows that are serious violence, rows per tag."""

    definition: str
    rows: int
    serious_violence: int
    by_category: Mapping[str, int] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return self.serious_violence / self.rows if self.rows else 0.0

    def one_line(self) -> str:
        return (
            f"{self.serious_violence:,} of {self.rows:,} crimes ({self.share:.1%}) are serious "
            f"violence under {self.definition}"
        )


def classify_csv(
    definition: Definition, input_path: str | Path, out_path: str | Path
) -> ClassificationSummary:
    """Classify every row of ``input_path`` and write ``out_path``; refuse bad input in one line.

    Only the columns the definition's rules read must be present. Refusals (``SvdutyError``,
    nothing written): a missing column a rule reads (named), and in a column a rule reads a flag
    that is not Y/N/empty, an age that is not a whole number, an unknown offence code, or a value
    outside the column's vocabulary (``location_type`` also may not be empty) — each naming the
    first bad line (the header is line 1), the value and, for a vocabulary, the allowed values.
    """
    source = Path(input_path)
    if not source.is_file():
        raise SvdutyError(f"{source}: no such file")
    with tempfile.TemporaryDirectory(prefix="svduty-classify-") as scratch:
        # An on-disk scratch database lets DuckDB spill, so memory stays bounded for big files.
        con = scratch_connection(Path(scratch) / "classify.duckdb")
        try:
            return _classify_file(con, definition, source, Path(out_path))
        finally:
            con.disconnect()


def _classify_file(
    con, definition: Definition, source: Path, target: Path
) -> ClassificationSummary:
    raw = con.con
    csv = read_csv(source, header=True, all_varchar=True, auto_detect=True)
    try:
        raw.execute(
            f"CREATE TABLE crimes_in AS SELECT *, (row_number() OVER ()) + 1 AS {_ROW} FROM {csv}"
        )
    except duckdb.Error as error:
        first = str(error).strip().splitlines()[0]
        raise SvdutyError(f"{source}: cannot read as CSV: {first}") from None
    columns = [name for name in raw.table("crimes_in").columns if name != _ROW]
    by_name = {name.strip().lower().lstrip("\ufeff"): name for name in columns}
    needed = required_columns(definition)
    for wanted in needed:
        if wanted not in by_name:
            raise SvdutyError(
                f"{source}: missing column {wanted!r}, which definition {definition.name} reads "
                f"(it reads {', '.join(needed)})"
            )

    table = con.table("crimes_in")
    renames = {
        wanted: by_name[wanted]
        for wanted in INPUT_COLUMNS
        if wanted in by_name and by_name[wanted] != wanted
    }
    if renames:
        table = table.rename(renames)
    _check_values(table, source, needed)
    written_columns = [name for name in table.columns if name != _ROW]
    table = _canonical_vocabularies(table, needed)

    classified = classify(definition, table)
    out_columns = [
        _as_written(classified, name).name(renames.get(name, name))
        for name in written_columns
        if name not in OUTPUT_COLUMNS
    ]
    written = classified.select(
        *out_columns,
        classified[_ROW],
        classified[IS_SERIOUS_VIOLENCE].ifelse("Y", "N").name(IS_SERIOUS_VIOLENCE),
        classified[SV_CATEGORIES].join(";").nullif("").name(SV_CATEGORIES),
        *[classified[column] for column in TAG_COLUMNS],
    )
    con.create_table("crimes_out", written)
    done = con.table("crimes_out")
    target.parent.mkdir(parents=True, exist_ok=True)
    keep = [name for name in done.columns if name != _ROW and name not in TAG_COLUMNS]
    done.order_by(_ROW).select(*keep).to_csv(target)
    counts = done.aggregate(
        rows=done.count(),
        serious=(done[IS_SERIOUS_VIOLENCE] == "Y").sum(),
        **{tag: done[f"sv_{tag}"].sum() for tag in CATEGORIES},
    ).to_pyarrow()
    row = {name: counts[name][0].as_py() or 0 for name in counts.column_names}
    return ClassificationSummary(
        definition=definition.name,
        rows=row["rows"],
        serious_violence=row["serious"],
        by_category={tag: row[tag] for tag in CATEGORIES if row[tag]},
    )


def _check_values(table, source: Path, needed: tuple[str, ...]) -> None:
    """Refuse the first bad flag, age, offence code or vocabulary value among the columns the
    rules read, naming its line and value."""
    for flag in _FLAGS:
        if flag not in needed:
            continue
        value = table[flag].strip().upper()
        bad = table.filter(value.notnull() & (value != "") & ~value.isin(["Y", "N"]))
        _refuse_first(bad, flag, source, "must be Y, N or empty")
    for age in _AGES:
        if age not in needed:
            continue
        value = table[age].strip()
        number = value.try_cast("int64")
        bad = table.filter(
            value.notnull() & (value != "") & (number.isnull() | (number < 0) | (number > 130))
        )
        _refuse_first(bad, age, source, "must be a whole number of years (0-130) or empty")
    if "ho_code" in needed:
        unknown = unknown_code_spellings(table)
        if unknown:
            bad = table.filter(table.ho_code.isin(unknown))
            _refuse_first(bad, "ho_code", source, "is not a Home Office offence code")
    for column, vocabulary in _VOCABULARIES.items():
        if column in needed:
            _check_vocabulary(table, source, column, vocabulary)


def _distinct(table, column: str) -> list[str | None]:
    return table.select(column).distinct().to_pyarrow()[column].to_pylist()


def _check_vocabulary(table, source: Path, column: str, vocabulary: _Vocabulary) -> None:
    """Refuse the first value outside the vocabulary (matched as the importer matches it) and,
    unless the vocabulary allows it, the first empty cell."""
    filled = [value for value in _distinct(table, column) if value is not None and value.strip()]
    spellings = reference.canonical_spellings(vocabulary.values, filled)
    unknown = [value for value, known in spellings.items() if known is None]
    value = table[column]
    wrong = value.isin(unknown) if unknown else None
    if not vocabulary.empty_allowed:
        empty = value.isnull() | (value.strip() == "")
        wrong = empty if wrong is None else wrong | empty
    if wrong is None:
        return
    allowed = f"allowed: {', '.join(vocabulary.values)}"
    _refuse_first(
        table.filter(wrong),
        column,
        source,
        f"is not a known {vocabulary.name} ({allowed})",
        empty_why=f"is empty; a {vocabulary.name} is required ({allowed})",
    )


def _canonical_vocabularies(table, needed: tuple[str, ...]):
    """Vocabulary columns in the list's own spelling (``Street `` → ``street``), as the importer
    stores them, so the rules match; the value as written is kept for the output."""
    for column, vocabulary in _VOCABULARIES.items():
        if column not in needed:
            continue
        filled = [value for value in _distinct(table, column) if value is not None]
        spellings = reference.canonical_spellings(vocabulary.values, filled)
        changed = {raw: known for raw, known in spellings.items() if known not in (None, raw)}
        if changed:
            table = table.mutate(
                **{
                    f"{_AS_WRITTEN}{column}": table[column],
                    column: table[column].substitute(changed),
                }
            )
    return table


def _as_written(table, name: str):
    kept = f"{_AS_WRITTEN}{name}"
    return table[kept] if kept in table.columns else table[name]


def _refuse_first(
    bad, column: str, source: Path, why: str, *, empty_why: str | None = None
) -> None:
    shown = [_ROW, column, *(["crime_ref"] if "crime_ref" in bad.columns else [])]
    first = bad.order_by(_ROW).select(*shown).limit(1).to_pyarrow().to_pylist()
    if first:
        line, value = first[0][_ROW], first[0][column]
        crime_ref = first[0].get("crime_ref")
        where = f"{source} line {line}" + (f" (crime_ref {crime_ref})" if crime_ref else "")
        if empty_why is not None and (value is None or not value.strip()):
            raise SvdutyError(f"{where}: {column} {empty_why}")
        raise SvdutyError(f"{where}: {column} {value!r} {why}")
