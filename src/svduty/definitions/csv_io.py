"""Classify a crimes CSV file through DuckDB, so files of millions of rows stream and scale.

INPUT columns: ``crime_ref, ho_code, knife, firearm, domestic_abuse, location_type,
youngest_victim_age, youngest_suspect_age, police_uk_crime_type`` (headers matched
case-insensitively after trimming; extra columns are kept). OUTPUT repeats every input column as
written and adds ``is_serious_violence`` (``Y``/``N``) and ``sv_categories`` (tags joined by
``;``, in vocabulary order).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from svduty.definitions.classifier import (
    IS_SERIOUS_VIOLENCE,
    OUTPUT_COLUMNS,
    SV_CATEGORIES,
    TAG_COLUMNS,
    classify,
    unknown_code_spellings,
)
from svduty.definitions.schema import CATEGORIES, Definition
from svduty.errors import SvdutyError
from svduty.warehouse import scratch_connection
from svduty.warehouse.sql import read_csv

INPUT_COLUMNS: tuple[str, ...] = (
    "crime_ref",
    "ho_code",
    "knife",
    "firearm",
    "domestic_abuse",
    "location_type",
    "youngest_victim_age",
    "youngest_suspect_age",
    "police_uk_crime_type",
)
_FLAGS = ("knife", "firearm", "domestic_abuse")
_AGES = ("youngest_victim_age", "youngest_suspect_age")
_ROW = "_sv_line"


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

    Refusals (``SvdutyError``): a missing required column (named), a flag that is not Y/N/empty,
    an age that is not a whole number, an unknown offence code — each naming the first bad line
    (the header is line 1) and the value.
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
    for wanted in INPUT_COLUMNS:
        if wanted not in by_name:
            raise SvdutyError(f"{source}: missing column {wanted!r}")

    table = con.table("crimes_in")
    renames = {wanted: by_name[wanted] for wanted in INPUT_COLUMNS if by_name[wanted] != wanted}
    if renames:
        table = table.rename(renames)
    _check_values(table, source)

    classified = classify(definition, table)
    out_columns = [
        classified[name].name(renames.get(name, name))
        for name in table.columns
        if name != _ROW and name not in OUTPUT_COLUMNS
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


def _check_values(table, source: Path) -> None:
    """Refuse the first bad flag, age or offence code, naming its line and value."""
    for flag in _FLAGS:
        value = table[flag].strip().upper()
        bad = table.filter(value.notnull() & (value != "") & ~value.isin(["Y", "N"]))
        _refuse_first(bad, flag, source, "must be Y, N or empty")
    for age in _AGES:
        value = table[age].strip()
        number = value.try_cast("int64")
        bad = table.filter(
            value.notnull() & (value != "") & (number.isnull() | (number < 0) | (number > 130))
        )
        _refuse_first(bad, age, source, "must be a whole number of years (0-130) or empty")
    unknown = unknown_code_spellings(table)
    if unknown:
        bad = table.filter(table.ho_code.isin(unknown))
        _refuse_first(bad, "ho_code", source, "is not a Home Office offence code")


def _refuse_first(bad, column: str, source: Path, why: str) -> None:
    first = bad.order_by(_ROW).select(_ROW, "crime_ref", column).limit(1).to_pyarrow().to_pylist()
    if first:
        line, crime_ref, value = first[0][_ROW], first[0]["crime_ref"], first[0][column]
        raise SvdutyError(f"{source} line {line} (crime_ref {crime_ref}): {column} {value!r} {why}")
