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


class SinglePassFailed(Exception):
    """The single pass met a row DuckDB could not read (e.g. one with the wrong number of
    fields). Its error aborted the transaction, so the import starts again without single
    passes; pass 1 then sets such rows aside (read past ignoring errors costs ~15% more, so
    the single pass does not)."""


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
    # A cursor is a connection of its own (0.4 ms, where a new in-memory database costs
    # 16 ms): a failed statement there cannot abort ``con``'s transaction.
    with con.cursor() as scratch:
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
    records_at_most: int | None = None,
) -> FileOutcome:
    """Load one CSV into ``contract.table``; bad rows to quarantine. Runs inside the job's
    transaction, so a failure anywhere leaves nothing behind.

    A file whose record count is bounded (the runner counted its lines while hashing it, or the
    reader that extracted it passes ``records_at_most``) and
    whose lookup columns have canonical tests is first loaded in one pass with no lookups; if
    that pass loaded every record, the file is done. Otherwise, and for every other file, pass 1
    counts the rows and reads the DISTINCT values of lookup columns, pass 2 loads the rows
    (those the single pass did not) and pass 3 quarantines the bad cells.
    """
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
    targets: dict[str, str] = {"batch_id": str(job.batch_id)}
    targets.update(contract.constants)
    targets.update(constants or {})
    for i, (column, check) in enumerate(zip(contract.columns, checks, strict=True)):
        parts = check.parts(f"v{i}", _prepared_names(i, check))
        for target, template in column.target_templates().items():
            targets[target] = template.format(**parts)

    def insert(validation: _Validation, source: str, also: str = "true") -> int:
        return _insert(con, contract, targets, validation, source, also, display)

    # Lookup columns whose clean values SQL can resolve (no profile value map to apply first).
    direct = [
        i
        for i in lookup_columns
        if checks[i].canonical("x") is not None and not profile.values.get(contract.columns[i].name)
    ]
    for i in direct:
        checks[i].prepare(con)
    bound = None
    if job.single_pass and len(direct) == len(lookup_columns):
        given = records_at_most  # the reader's bound, or the runner's for an input file
        bound = job.records_at_most(path) if given is None else lambda: given
    loaded_first = 0
    if bound is not None:
        modes = dict.fromkeys(lookup_columns, _FAST)
        with job.progress.stage(f"Loading {display} into {contract.table}"):
            try:
                loaded_first = insert(_validation(contract, checks, modes), source_sql())
            except SvdutyError as error:  # DuckDB's error has aborted the transaction
                raise SinglePassFailed(str(error)) from None
        job.checkpoint()
        if loaded_first == bound():  # every record loaded: nothing to look up or quarantine
            return _finish(job, contract, display, loaded_first, loaded_first, [])

    # Pass 1 over the file: row count and the DISTINCT values of lookup columns. Rows with
    # more or fewer fields than the header are set aside here and quarantined below.
    with job.progress.stage(f"Reading {display}"):
        # Only the values SQL cannot resolve go to Python (for identifiers, millions of them).
        distinct_lists = "".join(
            f", list(DISTINCT c{i}) FILTER (WHERE c{i} IS NOT NULL"
            + (f" AND NOT coalesce({checks[i].canonical(f'c{i}')}, false))" if i in direct else ")")
            for i in lookup_columns
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

    modes = {}
    with job.progress.stage(f"Checking codes in {display}"):
        for i, distinct in zip(lookup_columns, first[1:], strict=True):
            if i in direct:  # SQL resolves the values it accepts; a lookup table the rest
                if distinct:
                    _create_lookup(con, i, distinct, None, checks[i], always=True)
                modes[i] = _MIXED if distinct else _FAST
                continue
            value_map = profile.values.get(contract.columns[i].name)
            identity = _create_lookup(con, i, distinct or [], value_map, checks[i])
            modes[i] = _IDENTITY if identity else _JOIN  # identity: already canonical, no join
    validation = _validation(contract, checks, modes)

    # Pass 2: insert the valid rows, converted; after a single pass, only those it left out
    # for a spelling the lookups accept (when every value is canonical there are none).
    rows_loaded = loaded_first
    if bound is None:
        with job.progress.stage(f"Loading {display} into {contract.table}"):
            rows_loaded = insert(validation, source)
    elif _MIXED in modes.values() or _JOIN in modes.values():
        left_out = " AND ".join(
            _fast_pass(contract.columns[i], checks[i], f"r{i}") for i in lookup_columns
        )
        with job.progress.stage(f"Loading the rest of {display} into {contract.table}"):
            rows_loaded += insert(validation, source, also=f"NOT ({left_out})")

    # Pass 3, only when some rows failed: number the rows and quarantine each bad cell.
    rows_bad = rows_read - rows_loaded
    if rows_bad:
        with job.progress.stage(f"Validating {display}: quarantining {rows_bad:,} rows"):
            if ragged:
                _quarantine_ragged(job, display, contract)
            if rows_bad > ragged:
                _quarantine(job, display, contract, checks, source, validation, ragged)
    return _finish(job, contract, display, rows_read, rows_loaded, lookup_columns)


def _finish(
    job: ImportJob,
    contract: FileContract,
    display: str,
    rows_read: int,
    rows_loaded: int,
    lookup_columns: list[int],
) -> FileOutcome:
    """Drop the file's scratch tables and count it in the batch."""
    job.con.execute("DROP TABLE IF EXISTS _ragged_lines")
    for i in lookup_columns:
        job.con.execute(f"DROP TABLE IF EXISTS _lk{i}")
    outcome = FileOutcome(display, contract.table, rows_read, rows_loaded, rows_read - rows_loaded)
    job.record(outcome, contract)
    return outcome


#: How a lookup column is resolved in a pass. FAST: values the check's ``canonical`` test
#: accepts, converted in SQL (``canonical_value``), others fail. MIXED: the same, and the rest
#: through a join to a lookup table of the values FAST does not accept. IDENTITY: every DISTINCT
#: value was already canonical (no join). JOIN: every value through the lookup table.
_FAST, _MIXED, _IDENTITY, _JOIN = "fast", "mixed", "identity", "join"


def _prepared_names(i: int, check) -> dict[str, str]:
    """Column names, in ``_Validation.checked``, of the check's prepared typed values."""
    return {key: f"p{i}_{key}" for key in check.prepared("v")}


def _blank(x: str) -> str:
    """An empty cell: no text or only spaces (the prefix test keeps trim off most cells)."""
    return f"({x} IS NULL OR ({x} LIKE ' %' AND trim({x}) = ''))"


def _fast_pass(column: Column, check, x: str) -> str:
    """Never NULL: the single pass accepts cell ``x`` of a lookup column (SQL resolves it)."""
    test = f"coalesce({check.canonical(x)}, false)"
    return f"({x} IS NULL OR {test})" if column.allows_empty else test


@dataclass(frozen=True)
class _Validation:
    """The SQL that validates and converts the cells of one pass over a file."""

    select: list[str]  # raw text r, value v and emptiness e of every column
    joins: list[str]
    prepared: list[str]  # typed values computed once per row (see Check.prepared)
    ok: list[str]  # per column: the cell is valid (never NULL)
    passes: list[str]  # the same for the insert's WHERE, where NULL already means "not loaded"

    @property
    def all_ok(self) -> str:
        return " AND ".join(self.ok) if self.ok else "true"

    @property
    def all_pass(self) -> str:
        return " AND ".join(self.passes) if self.passes else "true"

    def checked(self, relation: str, row_number: str = "NULL") -> str:
        cells = (
            f"(SELECT {row_number} AS _row, {', '.join(self.select)} FROM {relation} s "
            f"{' '.join(self.joins)})"
        )
        if not self.prepared:
            return cells
        # Casts computed once here serve the validity tests and the stored values alike.
        return f"(SELECT q.*, {', '.join(self.prepared)} FROM {cells} q)"


def _validation(contract: FileContract, checks: list, modes: dict[int, str]) -> _Validation:
    """The cells' SQL with each lookup column (a key of ``modes``) resolved as it says."""
    select, joins, prepared, ok, passes = [], [], [], [], []
    for i, (column, check) in enumerate(zip(contract.columns, checks, strict=True)):
        mode = modes.get(i)
        raw, value = f"s.c{i}", f"s.c{i}"
        if mode == _FAST:
            value = check.canonical_value(raw)
        elif mode == _MIXED:
            accepted = f"coalesce({check.canonical(raw)}, false)"
            resolved = check.canonical_value(raw)
            value = f"(CASE WHEN {accepted} THEN {resolved} ELSE _lk{i}.value END)"
        elif mode == _JOIN:
            value = f"_lk{i}.value"
        select += [f"{raw} AS r{i}", f"{value} AS v{i}"]
        prepared += [f"{sql} AS p{i}_{key}" for key, sql in check.prepared(f"v{i}").items()]
        p = _prepared_names(i, check)
        if mode == _FAST:  # the SQL value, if the canonical test accepts the text
            select.append(f"{raw} IS NULL AS e{i}")
            test = f"coalesce({check.canonical(f'r{i}')}, false)"
        elif mode == _MIXED:
            joins.append(f"LEFT JOIN _lk{i} ON _lk{i}.raw = {raw}")
            select.append(f"({raw} IS NULL OR (NOT {accepted} AND _lk{i}.mapped IS NULL)) AS e{i}")
            test = f"v{i} IS NOT NULL"
        elif mode == _IDENTITY:  # all values valid as written: only emptiness is left to check
            select.append(f"s.c{i} IS NULL AS e{i}")
            test = "true" if check.lookup is not None else check.valid(f"v{i}", p)
        elif mode == _JOIN:
            joins.append(f"LEFT JOIN _lk{i} ON _lk{i}.raw = s.c{i}")
            select.append(f"_lk{i}.mapped IS NULL AS e{i}")  # Python already trimmed
            test = f"v{i} IS NOT NULL" if check.lookup is not None else check.valid(f"v{i}", p)
        else:
            select.append(f"{_blank(f's.c{i}')} AS e{i}")
            test = check.valid(f"v{i}", p)
        allowed = "true" if column.allows_empty else "false"
        ok.append(f"(CASE WHEN e{i} THEN {allowed} ELSE coalesce({test}, false) END)")
        if mode == _FAST:
            passes.append(_fast_pass(column, check, f"r{i}"))
        elif column.allows_empty:
            passes.append(f"(e{i} OR {test})")
        elif check.blank_fails and mode is None:
            passes.append(f"({test})")  # an empty cell fails the test itself
        else:
            passes.append(f"(NOT e{i} AND {test})")
    return _Validation(select, joins, prepared, ok, passes)


def _insert(
    con: duckdb.DuckDBPyConnection,
    contract: FileContract,
    targets: dict[str, str],
    validation: _Validation,
    source: str,
    also: str,
    display: str,
) -> int:
    """Insert the rows of ``source`` that pass ``validation`` (and ``also``); how many."""
    names = ", ".join(quote_ident(t) for t in targets)
    # Row order in the warehouse carries no meaning; letting both cores write unordered
    # is the largest single saving on a big file. Quarantine numbering does not use it.
    con.execute("SET preserve_insertion_order = false")
    # Pushed below the projection, the WHERE would inline and so repeat the typed casts that
    # ``Check.prepared`` computes once per row for the tests and the stored values alike.
    con.execute("SET disabled_optimizers = 'filter_pushdown'")
    try:
        return con.execute(
            f"INSERT INTO {quote_ident(contract.table)} ({names}) "
            f"SELECT {', '.join(targets.values())} FROM {validation.checked(source)} "
            f"WHERE {validation.all_pass} AND {also}"
        ).fetchall()[0][0]
    except duckdb.Error as error:
        if isinstance(error, duckdb.InvalidInputException):
            raise _csv_error(display, error) from None
        raise
    finally:
        try:
            con.execute("RESET preserve_insertion_order")
            con.execute("RESET disabled_optimizers")
        except duckdb.TransactionException:  # aborted by the error: the connection is dropped
            pass


def _create_lookup(
    con: duckdb.DuckDBPyConnection,
    i: int,
    distinct: list[str],
    value_map: dict[str, str] | None,
    check,
    always: bool = False,
) -> bool:
    """TEMP table ``_lk{i}(raw, mapped, value)`` for a column's DISTINCT values.

    ``mapped`` is the value after the profile's value map (NULL when mapped to empty);
    ``value`` is the check's lookup answer (or ``mapped`` when the check is plain SQL).
    Returns True, creating nothing, when every value maps to itself (the common case of a
    clean extract), so the caller can skip the join; with ``always`` the table is made anyway.
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
    if not always and all(converted[raw] == raw and mapped[raw] == raw for raw in mapped):
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


def _quarantine(
    job, display: str, contract: FileContract, checks, source: str, validation: _Validation,
    ragged: int,
) -> None:  # fmt: skip
    """Materialise the file with row numbers and write one quarantine row per bad cell."""
    con = job.con
    con.execute(f"CREATE OR REPLACE TEMP TABLE _stg AS SELECT * FROM {source}")
    # Inside a transaction DuckDB numbers new rows from a large offset, in file order: subtract it.
    first_rowid = con.execute("SELECT min(rowid) FROM _stg").fetchall()[0][0] or 0
    row_number = f"s.rowid + ({FIRST_DATA_ROW - first_rowid})"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _bad AS SELECT * FROM "
        f"{validation.checked('_stg', row_number)} WHERE NOT ({validation.all_ok})"
    )
    if ragged:
        _renumber_past_ragged_rows(con)
    for i, (column, check) in enumerate(zip(contract.columns, checks, strict=True)):
        value = "NULL" if check.identifier else f"r{i}"
        con.execute(
            "INSERT INTO quarantine SELECT ?, ?, _row, ?, "
            f"{value}, CASE WHEN e{i} THEN 'missing value' ELSE ? END "
            f"FROM _bad WHERE NOT {validation.ok[i]}",
            [job.batch_id, display, column.name, check.reason],
        )
    con.execute("DROP TABLE _bad")
    con.execute("DROP TABLE _stg")
