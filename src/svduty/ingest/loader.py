"""Load one CSV file under a ``FileContract``: stage, validate in SQL, quarantine, insert.

Everything here is vectorised DuckDB SQL over an all-VARCHAR staging table; Python touches only
the DISTINCT values of lookup columns (codes, identifiers). Rows with any invalid cell go to
``quarantine`` (one row per bad cell) and the rest go to the contract's table.

Row numbers in quarantine are spreadsheet rows: the header is row 1, so the first data row is 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from svduty.errors import SvdutyError
from svduty.ingest.checks import sql_literal
from svduty.ingest.contract import Column, FileContract
from svduty.ingest.mapping import MappingProfile, header_key

if TYPE_CHECKING:
    from svduty.ingest.job import ImportJob

SNIFF_BYTES = 65536
FIRST_DATA_ROW = 2  # spreadsheet numbering: header on row 1


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file (or zip member) of a batch."""

    file: str
    table: str
    rows_read: int
    rows_loaded: int
    rows_quarantined: int


def quote_ident(name: str) -> str:
    """A SQL identifier in double quotes."""
    return '"' + name.replace('"', '""') + '"'


def check_text_file(path: Path, display: str) -> None:
    """Refuse what is structurally not a UTF-8 CSV: empty, binary, zip/Excel, UTF-16."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        raise SvdutyError(f"{display}: cannot read the file ({error.strerror})") from None
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise SvdutyError(f"{display}: the file is empty; expected a CSV with a header row")
    if head.startswith(b"PK\x03\x04"):
        raise SvdutyError(
            f"{display}: this is a zip or Excel file, not a CSV; save it as 'CSV UTF-8' first"
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SvdutyError(f"{display}: the text is UTF-16; save it as 'CSV UTF-8' and retry")
    if b"\x00" in head:
        raise SvdutyError(f"{display}: binary content, not a CSV text file")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut by the sniff window
            raise SvdutyError(
                f"{display}: not UTF-8 text (undecodable byte at offset {error.start}); "
                "save it as 'CSV UTF-8'"
            ) from None


REJECTS, REJECT_SCANS = "_svduty_rejects", "_svduty_reject_scans"
#: DuckDB reject kinds that are one bad row (quarantined); any other refuses the file
RAGGED = ("MISSING COLUMNS", "TOO MANY COLUMNS")


def _read_csv_sql(path: Path, rejects: str = "") -> str:
    """``read_csv`` as every pass reads the file. ``rejects="store"`` records rows whose field
    count differs from the header in ``REJECTS`` (and skips them); ``"skip"`` only skips them."""
    options = {
        "store": f", store_rejects = true, rejects_table = '{REJECTS}', "
        f"rejects_scan = '{REJECT_SCANS}'",
        "skip": ", ignore_errors = true",
        "": "",
    }[rejects]
    return (
        f"read_csv({sql_literal(str(path))}, header = true, all_varchar = true, "
        "delim = ',', quote = '\"', escape = '\"', encoding = 'utf-8', "
        f"comment = '', skip = 0, normalize_names = false, sample_size = 20480{options})"
    )


def _csv_error(display: str, error: duckdb.Error) -> SvdutyError:
    text = str(error)
    line = re.search(r"CSV Error on Line: (\d+)", text)
    where = f" at line {line.group(1)}" if line else ""
    fields = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if "invalid unicode" in text.lower():
        return SvdutyError(f"{display}: not UTF-8 text{where}; save it as 'CSV UTF-8'")
    if fields:
        return SvdutyError(
            f"{display}: not a well-formed CSV{where}: {fields.group(2)} fields where the header "
            f"has {fields.group(1)}"
        )
    if "sniffing" in text.lower():
        return SvdutyError(
            f"{display}: not a well-formed CSV: rows do not have the same number of "
            "comma-separated fields as the header"
        )
    first = text.splitlines()[0] if text else type(error).__name__
    return SvdutyError(f"{display}: cannot read as CSV{where} ({first})")


def read_header(con: duckdb.DuckDBPyConnection, path: Path, display: str) -> list[str]:
    """The header names as written in the file."""
    # A scratch in-memory connection: a failed statement would abort ``con``'s transaction.
    with duckdb.connect() as scratch:
        try:
            rows = scratch.execute(f"DESCRIBE SELECT * FROM {_read_csv_sql(path)}").fetchall()
        except duckdb.Error as error:
            if "sniffing" not in str(error).lower():
                raise _csv_error(display, error) from None
            try:  # ragged rows (quarantined later) upset the sniffer: read past them
                tolerant = _read_csv_sql(path, "skip")
                rows = scratch.execute(f"DESCRIBE SELECT * FROM {tolerant}").fetchall()
            except duckdb.Error:
                raise _csv_error(display, error) from None
    return [row[0] for row in rows]


def match_columns(
    header: list[str], contract: FileContract, profile: MappingProfile, display: str
) -> dict[str, str]:
    """Contract column -> file header, via the profile's renames, names and aliases."""
    by_key: dict[str, str] = {}
    for column in contract.columns:
        for name in (column.name, *column.aliases):
            by_key[header_key(name)] = column.name
    found: dict[str, str] = {}
    for written in header:
        key = header_key(written)
        target = profile.columns.get(key) or by_key.get(key)
        if target is None or target in profile.constants:
            continue
        if target in found:
            raise SvdutyError(
                f"{display}: columns '{found[target]}' and '{written}' both give '{target}'"
            )
        found[target] = written
    missing = [
        name
        for name in contract.required_names
        if name not in found and name not in profile.constants
    ]
    if missing:
        expected = ", ".join(c.name for c in contract.columns if c.required)
        raise SvdutyError(
            f"{display}: not a {contract.name} file: missing required column(s) "
            f"{', '.join(missing)} (expected {expected})"
        )
    return found


def _effective_check(column: Column, profile: MappingProfile):
    formats = profile.date_formats.get(column.name)
    if formats and hasattr(column.check, "with_formats"):
        return column.check.with_formats(formats)
    return column.check


def load_csv(
    job: ImportJob,
    contract: FileContract,
    path: Path,
    display: str | None = None,
    constants: dict[str, str] | None = None,
) -> FileOutcome:
    """Load one CSV into ``contract.table``; bad rows to quarantine. Runs inside the job's
    transaction, so a failure anywhere leaves nothing behind."""
    con = job.con
    display = display or path.name
    profile = job.profile
    check_text_file(path, display)
    header = read_header(con, path, display)
    found = match_columns(header, contract, profile, display)

    staged = []
    for i, column in enumerate(contract.columns):
        if column.name in profile.constants:
            staged.append(f"{sql_literal(profile.constants[column.name])} AS c{i}")
        elif column.name in found:
            staged.append(f"{quote_ident(found[column.name])} AS c{i}")
        else:
            staged.append(f"NULL::VARCHAR AS c{i}")

    def source_sql(rejects: str = "") -> str:
        return f"(SELECT {', '.join(staged)} FROM {_read_csv_sql(path, rejects)})"

    checks = [_effective_check(column, profile) for column in contract.columns]
    lookup_columns = [
        i
        for i, (column, check) in enumerate(zip(contract.columns, checks, strict=True))
        if check.lookup is not None or profile.values.get(column.name)
    ]

    # Pass 1 over the file: row count and the DISTINCT values of lookup columns. Rows with
    # more or fewer fields than the header are set aside here and quarantined below.
    with job.progress.stage(f"Reading {display}"):
        distinct_lists = "".join(
            f", list(DISTINCT c{i}) FILTER (WHERE c{i} IS NOT NULL)" for i in lookup_columns
        )
        try:
            first = con.execute(
                f"SELECT count(*){distinct_lists} FROM {source_sql('store')}"
            ).fetchall()[0]
        except duckdb.Error as error:
            raise _csv_error(display, error) from None
        ragged = _ragged_rows(con, display)
    rows_read = first[0] + ragged
    source = source_sql("skip" if ragged else "")
    job.checkpoint()

    joins = []
    identity: set[int] = set()
    cleaned = [f"s.c{i}" for i in range(len(contract.columns))]
    values = list(cleaned)
    with job.progress.stage(f"Checking codes in {display}"):
        for i, distinct in zip(lookup_columns, first[1:], strict=True):
            value_map = profile.values.get(contract.columns[i].name)
            if _create_lookup(con, i, distinct or [], value_map, checks[i]):
                identity.add(i)  # every value already canonical: no join needed
                continue
            joins.append(f"LEFT JOIN _lk{i} ON _lk{i}.raw = s.c{i}")
            cleaned[i] = f"_lk{i}.mapped"
            values[i] = f"_lk{i}.value"

    select, ok, passes, prepared = [], [], [], []
    named: list[dict[str, str]] = []  # per column: prepared value -> its column in checked()
    for i, (column, check) in enumerate(zip(contract.columns, checks, strict=True)):
        select += [f"s.c{i} AS r{i}", f"{values[i]} AS v{i}"]
        expressions = check.prepared(f"v{i}")
        named.append({key: f"p{i}_{key}" for key in expressions})
        prepared += [f"{sql} AS p{i}_{key}" for key, sql in expressions.items()]
        p = named[i]
        if i in identity:  # all values valid as written: only emptiness is left to check
            select.append(f"s.c{i} IS NULL AS e{i}")
            test = "true" if check.lookup is not None else check.valid(f"v{i}", p)
        elif i in lookup_columns:
            select.append(f"{cleaned[i]} IS NULL AS e{i}")  # Python already trimmed
            test = f"v{i} IS NOT NULL" if check.lookup is not None else check.valid(f"v{i}", p)
        else:  # empty: no text or only spaces (the prefix test keeps trim off most cells)
            select.append(f"(s.c{i} IS NULL OR (s.c{i} LIKE ' %' AND trim(s.c{i}) = '')) AS e{i}")
            test = check.valid(f"v{i}", p)
        allowed = "true" if column.allows_empty else "false"
        ok.append(f"(CASE WHEN e{i} THEN {allowed} ELSE coalesce({test}, false) END)")
        # The same test for the insert's WHERE, where NULL already means "not loaded".
        if column.allows_empty:
            passes.append(f"(e{i} OR {test})")
        elif check.blank_fails and i not in lookup_columns:
            passes.append(f"({test})")  # an empty cell fails the test itself
        else:
            passes.append(f"(NOT e{i} AND {test})")
    all_ok = " AND ".join(ok) if ok else "true"
    all_pass = " AND ".join(passes) if passes else "true"

    def checked(relation: str, row_number: str = "NULL") -> str:
        cells = (
            f"(SELECT {row_number} AS _row, {', '.join(select)} FROM {relation} s "
            f"{' '.join(joins)})"
        )
        if not prepared:
            return cells
        # Casts computed once here serve the validity tests and the stored values alike.
        return f"(SELECT q.*, {', '.join(prepared)} FROM {cells} q)"

    # Pass 2: insert the valid rows, converted.
    targets: dict[str, str] = {"batch_id": str(job.batch_id)}
    targets.update(contract.constants)
    targets.update(constants or {})
    for i, (column, check) in enumerate(zip(contract.columns, checks, strict=True)):
        parts = check.parts(f"v{i}", named[i])
        for target, template in column.target_templates().items():
            targets[target] = template.format(**parts)
    names = ", ".join(quote_ident(t) for t in targets)
    with job.progress.stage(f"Loading {display} into {contract.table}"):
        # Row order in the warehouse carries no meaning; letting both cores write unordered
        # is the largest single saving on a big file. Quarantine numbering does not use it.
        con.execute("SET preserve_insertion_order = false")
        try:
            rows_loaded = con.execute(
                f"INSERT INTO {quote_ident(contract.table)} ({names}) "
                f"SELECT {', '.join(targets.values())} FROM {checked(source)} WHERE {all_pass}"
            ).fetchall()[0][0]
        except duckdb.Error as error:
            if isinstance(error, duckdb.InvalidInputException):
                raise _csv_error(display, error) from None
            raise
        finally:
            con.execute("RESET preserve_insertion_order")

    # Pass 3, only when some rows failed: number the rows and quarantine each bad cell.
    rows_bad = rows_read - rows_loaded
    if rows_bad:
        with job.progress.stage(f"Validating {display}: quarantining {rows_bad:,} rows"):
            if ragged:
                _quarantine_ragged(job, display, contract)
            if rows_bad > ragged:
                _quarantine(job, display, contract, checks, source, checked, ok, all_ok, ragged)
    con.execute("DROP TABLE IF EXISTS _ragged_lines")
    for i in lookup_columns:
        con.execute(f"DROP TABLE IF EXISTS _lk{i}")
    outcome = FileOutcome(display, contract.table, rows_read, rows_loaded, rows_bad)
    job.record(outcome, contract)
    return outcome


def _create_lookup(
    con: duckdb.DuckDBPyConnection,
    i: int,
    distinct: list[str],
    value_map: dict[str, str] | None,
    check,
) -> bool:
    """TEMP table ``_lk{i}(raw, mapped, value)`` for a column's DISTINCT values.

    ``mapped`` is the value after the profile's value map (NULL when mapped to empty);
    ``value`` is the check's lookup answer (or ``mapped`` when the check is plain SQL).
    Returns True, creating nothing, when every value maps to itself (the common case of a
    clean extract), so the caller can skip the join.
    """
    mapped = {
        raw: (value_map.get(raw.strip().casefold(), raw) if value_map else raw).strip() or None
        for raw in distinct
    }
    converted: dict[str, str | None] = dict(mapped)
    if check.lookup is not None:
        present = sorted({m for m in mapped.values() if m is not None})
        answers = check.lookup(present) if present else {}
        converted = {raw: answers.get(m) if m else None for raw, m in mapped.items()}
    if all(converted[raw] == raw and mapped[raw] == raw for raw in mapped):
        return True
    table = pa.table(
        {
            "raw": pa.array(list(mapped), pa.string()),
            "mapped": pa.array(list(mapped.values()), pa.string()),
            "value": pa.array([converted[raw] for raw in mapped], pa.string()),
        }
    )
    con.register("_lookup_arrow", table)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _lk{i} AS SELECT * FROM _lookup_arrow")
    con.unregister("_lookup_arrow")
    return False


def _ragged_rows(con: duckdb.DuckDBPyConnection, display: str) -> int:
    """Move pass 1's rejected rows into ``_ragged_lines(line, message, text)``; how many.

    Only a wrong number of fields is a row problem; anything else DuckDB rejected (a broken
    quote, invalid UTF-8) refuses the file as before. ``line`` is the spreadsheet row.
    """
    try:
        other = con.execute(
            f"SELECT line, error_type::VARCHAR, error_message FROM {REJECTS} "
            f"WHERE error_type::VARCHAR NOT IN {tuple(RAGGED)} ORDER BY line LIMIT 1"
        ).fetchall()
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ragged_lines AS SELECT line, "
            "any_value(error_message) AS message, any_value(csv_line) AS text "
            f"FROM {REJECTS} GROUP BY line"
        )
    finally:
        con.execute(f"DROP TABLE IF EXISTS {REJECTS}")
        con.execute(f"DROP TABLE IF EXISTS {REJECT_SCANS}")
    if other:
        line, kind, message = other[0]
        if kind == "INVALID ENCODING":
            raise SvdutyError(f"{display}: not UTF-8 text at line {line}; save it as 'CSV UTF-8'")
        raise SvdutyError(f"{display}: not a well-formed CSV at line {line} ({message})")
    return con.execute("SELECT count(*) FROM _ragged_lines").fetchall()[0][0]


def _quarantine_ragged(job, display: str, contract: FileContract) -> None:
    """One quarantine row per row with the wrong number of fields: its text (NULL when the
    file carries person identifiers) and e.g. '2 fields where the header has 8'."""
    identifiers = any(column.check.identifier for column in contract.columns)
    text = "NULL" if identifiers else "left(text, 1000)"
    job.con.execute(
        f"INSERT INTO quarantine SELECT ?, ?, line, NULL, {text}, "
        "coalesce(regexp_extract(message, 'Found: (\\d+)', 1) || ' fields where the header has ' "
        "|| nullif(regexp_extract(message, 'Columns: (\\d+)', 1), ''), "
        "'a different number of fields from the header') FROM _ragged_lines ORDER BY line",
        [job.batch_id, display],
    )


def _renumber_past_ragged_rows(con: duckdb.DuckDBPyConnection) -> None:
    """``_bad._row`` counted only the rows that had the right number of fields; add the
    ragged rows above each one. The j-th ragged row (1-based, by line) sits after
    ``line - FIRST_DATA_ROW - (j - 1)`` good rows, so a good row at position p has as many
    ragged rows above it as the largest j whose position is <= p."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ragged_pos AS SELECT pos, max(k) AS k FROM ("
        f"SELECT line - {FIRST_DATA_ROW} - (row_number() OVER (ORDER BY line) - 1) AS pos, "
        "row_number() OVER (ORDER BY line) AS k FROM _ragged_lines) GROUP BY pos"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _bad_numbered AS "
        "SELECT b.* REPLACE (b._row + coalesce(p.k, 0) AS _row) FROM _bad b "
        f"ASOF LEFT JOIN _ragged_pos p ON b._row - {FIRST_DATA_ROW} >= p.pos"
    )
    con.execute("DROP TABLE _bad")
    con.execute("ALTER TABLE _bad_numbered RENAME TO _bad")
    con.execute("DROP TABLE _ragged_pos")


def _quarantine(job, display, contract, checks, source, checked, ok, all_ok, ragged: int) -> None:
    """Materialise the file with row numbers and write one quarantine row per bad cell."""
    con = job.con
    con.execute(f"CREATE OR REPLACE TEMP TABLE _stg AS SELECT * FROM {source}")
    # Inside a transaction DuckDB numbers new rows from a large offset, in file order: subtract it.
    first_rowid = con.execute("SELECT min(rowid) FROM _stg").fetchall()[0][0] or 0
    row_number = f"s.rowid + ({FIRST_DATA_ROW - first_rowid})"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _bad AS SELECT * FROM {checked('_stg', row_number)} "
        f"WHERE NOT ({all_ok})"
    )
    if ragged:
        _renumber_past_ragged_rows(con)
    for i, (column, check) in enumerate(zip(contract.columns, checks, strict=True)):
        value = "NULL" if check.identifier else f"r{i}"
        con.execute(
            "INSERT INTO quarantine SELECT ?, ?, _row, ?, "
            f"{value}, CASE WHEN e{i} THEN 'missing value' ELSE ? END "
            f"FROM _bad WHERE NOT {ok[i]}",
            [job.batch_id, display, column.name, check.reason],
        )
    con.execute("DROP TABLE _bad")
    con.execute("DROP TABLE _stg")
