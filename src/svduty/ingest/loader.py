"""Load one CSV file under a ``FileContract``: stage, validate in SQL, quarantine, insert.

Everything here is vectorised DuckDB SQL over an all-VARCHAR staging projection; Python touches
only the DISTINCT values of lookup columns (codes, identifiers). Rows with any invalid cell go to
``quarantine`` (one row per bad cell) and the rest go to the contract's table.

``load_csv`` runs the passes in order: the single pass (when it may), pass 1 (count the rows,
read the DISTINCT values of lookup columns), checking codes, pass 2 (load, or load the rest) and
pass 3 (quarantine). Each is a function below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from svduty.errors import SvdutyError
from svduty.ingest.batches import records_at_most
from svduty.ingest.check_sql import CheckSql, check_sql
from svduty.ingest.checks import Check
from svduty.ingest.contract import Column, FileContract
from svduty.ingest.csv_file import (
    check_text_file,
    csv_source,
    read_header,
    set_aside_ragged_rows,
    unreadable,
)
from svduty.ingest.duplicate_keys import settle_duplicate_keys
from svduty.ingest.job import FileOutcome, ImportJob
from svduty.ingest.lookups import FAST, IDENTITY, JOIN, MIXED, create_lookup
from svduty.ingest.mapping import MappingProfile, header_key
from svduty.ingest.quarantine import quarantine_cells, quarantine_ragged
from svduty.ingest.unreadable_lines import refuse_too_many_unreadable_lines
from svduty.ingest.validation import Validation, fast_pass, prepared_names, validation
from svduty.warehouse.sql import identifier, literal


class SinglePassFailed(Exception):
    """The single pass met a row DuckDB could not read (e.g. one with the wrong number of
    fields). Its error aborted the transaction, so the import starts again without single
    passes; pass 1 then sets such rows aside (read past ignoring errors costs ~15% more, so
    the single pass does not)."""


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


def _effective_check(column: Column, profile: MappingProfile) -> Check:
    formats = profile.date_formats.get(column.name)
    if formats and hasattr(column.check, "with_formats"):
        return column.check.with_formats(formats)
    return column.check


@dataclass(frozen=True)
class _FileLoad:
    """What every pass over one file shares: the staged cells, the checks' SQL, the targets."""

    job: ImportJob
    contract: FileContract
    path: Path
    display: str
    header: list[str]
    staged: list[str]  # the file's cells as c0, c1, ... in contract column order
    compiled: list[CheckSql]
    lookup_columns: list[int]
    direct: list[int]  # lookup columns whose clean values SQL resolves (no value map)
    targets: dict[str, str]  # target column -> SQL over the checked cells

    def source(self, rejects: str = "") -> str:
        """The staged cells of one read of the file (see ``csv_source`` for ``rejects``)."""
        return f"(SELECT {', '.join(self.staged)} FROM {csv_source(self.path, rejects)})"

    @property
    def into(self) -> str:
        return f"{self.display} into {self.contract.table}"


def _plan(
    job: ImportJob,
    contract: FileContract,
    path: Path,
    display: str,
    constants: dict[str, str] | None,
) -> _FileLoad:
    """Refuse a structurally bad file; otherwise compile what the passes over it share."""
    profile = job.profile
    check_text_file(path, display)
    header = read_header(job.con, path, display)
    found = match_columns(header, contract, profile, display)
    staged = []
    for i, column in enumerate(contract.columns):
        if column.name in profile.constants:
            staged.append(f"{literal(profile.constants[column.name])} AS c{i}")
        elif column.name in found:
            staged.append(f"{identifier(found[column.name])} AS c{i}")
        else:
            staged.append(f"NULL::VARCHAR AS c{i}")
    compiled = [check_sql(_effective_check(column, profile)) for column in contract.columns]
    lookup_columns = [
        i
        for i, (column, sql) in enumerate(zip(contract.columns, compiled, strict=True))
        if sql.check.lookup is not None or profile.values.get(column.name)
    ]
    targets: dict[str, str] = {"batch_id": str(job.batch_id)}
    targets.update(contract.constants)
    targets.update(constants or {})
    for i, (column, sql) in enumerate(zip(contract.columns, compiled, strict=True)):
        parts = sql.parts(f"v{i}", prepared_names(i, sql))
        for target, template in column.target_templates().items():
            targets[target] = template.format(**parts)
    direct = [
        i
        for i in lookup_columns
        if compiled[i].canonical("x") is not None
        and not profile.values.get(contract.columns[i].name)
    ]
    for i in direct:
        compiled[i].prepare(job.con)
    return _FileLoad(
        job, contract, path, display, header, staged, compiled, lookup_columns, direct, targets
    )


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
    reader that extracted it passes ``records_at_most``) and whose lookup columns have
    canonical tests is first loaded in one pass with no lookups; if that pass loaded every
    record, the file is done. Otherwise, and for every other file, pass 1 counts the rows and
    reads the DISTINCT values of lookup columns, pass 2 loads the rows (those the single pass
    did not) and pass 3 quarantines the bad cells.
    """
    load = _plan(job, contract, path, display or path.name, constants)
    bound = _single_pass_bound(load, records_at_most)
    loaded_first = 0
    if bound is not None:
        loaded_first = _single_pass(load)
        if loaded_first == bound():  # every record loaded: nothing to look up or quarantine
            fast = validation(contract, load.compiled, dict.fromkeys(load.lookup_columns, FAST))
            repeated = _settle_duplicate_keys(load, fast, load.source(), 0)
            return _finish(load, loaded_first, loaded_first - repeated, [])
    rows_read, ragged, distinct = _read_pass(load)
    source = load.source("skip" if ragged else "")
    modes = _check_codes(load, distinct)
    checked = validation(contract, load.compiled, modes)
    if bound is None:
        rows_loaded = _load_pass(load, checked, source)
    else:
        rows_loaded = loaded_first + _load_the_rest(load, checked, source, modes)
    if rows_read > rows_loaded:
        _quarantine_pass(load, checked, source, rows_read - rows_loaded, ragged)
    rows_loaded -= _settle_duplicate_keys(load, checked, source, ragged)
    return _finish(load, rows_read, rows_loaded, load.lookup_columns)


def _settle_duplicate_keys(load: _FileLoad, checked: Validation, source: str, ragged: int) -> int:
    """Quarantine rows repeating an earlier row's record key (``duplicate_keys``); how many."""
    return settle_duplicate_keys(
        load.job, load.display, load.contract, load.targets, checked, source, ragged
    )


def _single_pass_bound(load: _FileLoad, records_at_most: int | None) -> Callable[[], int] | None:
    """How to get the file's record bound when a single pass may load it, else None."""
    job = load.job
    if not job.single_pass or len(load.direct) != len(load.lookup_columns):
        return None
    if records_at_most is None:  # the runner's bound for an input file, if any
        return job.records_at_most(load.path)
    return lambda: records_at_most


def _single_pass(load: _FileLoad) -> int:
    """Insert the valid rows with every lookup column resolved in SQL; how many."""
    modes = dict.fromkeys(load.lookup_columns, FAST)
    with load.job.progress.stage(f"Loading {load.into}"):
        try:
            loaded = _insert(load, validation(load.contract, load.compiled, modes), load.source())
        except duckdb.InvalidInputException:  # DuckDB's error has aborted the transaction
            raise SinglePassFailed(load.display) from None
    load.job.checkpoint()
    return loaded


def _read_pass(load: _FileLoad) -> tuple[int, int, tuple[list[str] | None, ...]]:
    """Pass 1: the rows read, how many were ragged, and per lookup column the DISTINCT values
    SQL cannot resolve. Rows with more or fewer fields than the header are set aside here and
    quarantined in pass 3.

    The first read skips such rows. Only when it read fewer rows than the file has records (or
    the file's size is unknown) is the file checked for too many of them, then read carefully
    to set them aside: a careful read costs memory for each line it rejects."""
    con, compiled = load.job.con, load.compiled
    with load.job.progress.stage(f"Reading {load.display}"):
        # Only the values SQL cannot resolve go to Python (for identifiers, millions of them).
        distinct_lists = "".join(
            f", list(DISTINCT c{i}) FILTER (WHERE c{i} IS NOT NULL"
            + (
                f" AND NOT coalesce({compiled[i].canonical(f'c{i}')}, false))"
                if i in load.direct
                else ")"
            )
            for i in load.lookup_columns
        )
        try:
            first = con.execute(
                f"SELECT count(*){distinct_lists} FROM {load.source('skip')}"
            ).fetchall()[0]
        except duckdb.Error as error:
            raise unreadable(con, load.path, load.display, error) from None
        ragged = 0
        if first[0] < _records_at_most(load):  # a row skipped, or records that span lines
            refuse_too_many_unreadable_lines(load.path, load.display)
            try:
                con.execute(f"SELECT count(*) FROM {load.source('store')}").fetchall()
            except duckdb.Error as error:
                raise unreadable(con, load.path, load.display, error) from None
            ragged = set_aside_ragged_rows(con, load.display)
    load.job.checkpoint()
    return first[0] + ragged, ragged, first[1:]


def _records_at_most(load: _FileLoad) -> int:
    """A bound on the file's records: its line endings, less the header's."""
    bound = load.job.records_at_most(load.path)
    return bound() if bound is not None else records_at_most(load.path)


def _check_codes(load: _FileLoad, distinct: tuple[list[str] | None, ...]) -> dict[int, str]:
    """Look up the DISTINCT values of each lookup column; how each is resolved in pass 2."""
    con, profile = load.job.con, load.job.profile
    modes = {}
    with load.job.progress.stage(f"Checking codes in {load.display}"):
        for i, values in zip(load.lookup_columns, distinct, strict=True):
            sql = load.compiled[i]
            if i in load.direct:  # SQL resolves the values it accepts; a lookup table the rest
                if values:
                    create_lookup(con, i, values, None, sql, always=True)
                modes[i] = MIXED if values else FAST
                continue
            value_map = profile.values.get(load.contract.columns[i].name)
            identity = create_lookup(con, i, values or [], value_map, sql)
            modes[i] = IDENTITY if identity else JOIN  # identity: already canonical, no join
    return modes


def _load_pass(load: _FileLoad, checked: Validation, source: str) -> int:
    """Pass 2: insert the valid rows, converted; how many."""
    with load.job.progress.stage(f"Loading {load.into}"), _explained(load):
        return _insert(load, checked, source)


def _load_the_rest(load: _FileLoad, checked: Validation, source: str, modes: dict[int, str]) -> int:
    """Pass 2 after a single pass: only the rows it left out for a spelling the lookups
    accept (when every value is canonical there are none); how many."""
    if MIXED not in modes.values() and JOIN not in modes.values():
        return 0
    left_out = " AND ".join(
        fast_pass(load.contract.columns[i], load.compiled[i], f"r{i}") for i in load.lookup_columns
    )
    with load.job.progress.stage(f"Loading the rest of {load.into}"), _explained(load):
        return _insert(load, checked, source, also=f"NOT ({left_out})")


def _quarantine_pass(
    load: _FileLoad, checked: Validation, source: str, rows_bad: int, ragged: int
) -> None:
    """Pass 3, only when some rows failed: number the rows and quarantine each bad cell."""
    job = load.job
    with job.progress.stage(f"Validating {load.display}: quarantining {rows_bad:,} rows"):
        if ragged:
            quarantine_ragged(job, load.display, load.contract, len(load.header))
        if rows_bad > ragged:
            quarantine_cells(
                job, load.display, load.contract, load.compiled, source, checked, ragged
            )


@contextmanager
def _explained(load: _FileLoad) -> Iterator[None]:
    """Refuse the file in one line when DuckDB cannot read a row of it."""
    try:
        yield
    except duckdb.InvalidInputException as error:
        raise unreadable(load.job.con, load.path, load.display, error) from None


def _insert(load: _FileLoad, checked: Validation, source: str, also: str = "true") -> int:
    """Insert the rows of ``source`` that pass ``checked`` (and ``also``); how many.

    A row DuckDB cannot read raises ``duckdb.InvalidInputException`` (the single pass turns
    it into ``SinglePassFailed``; other passes explain it with ``unreadable``)."""
    con = load.job.con
    names = ", ".join(identifier(t) for t in load.targets)
    # Row order in the warehouse carries no meaning; letting both cores write unordered
    # is the largest single saving on a big file. Quarantine numbering does not use it.
    con.execute("SET preserve_insertion_order = false")
    # Pushed below the projection, the WHERE would inline and so repeat the typed casts that
    # ``CheckSql.prepared`` computes once per row for the tests and the stored values alike.
    con.execute("SET disabled_optimizers = 'filter_pushdown'")
    try:
        return con.execute(
            f"INSERT INTO {identifier(load.contract.table)} ({names}) "
            f"SELECT {', '.join(load.targets.values())} FROM {checked.checked(source)} "
            f"WHERE {checked.all_pass} AND {also}"
        ).fetchall()[0][0]
    finally:
        try:
            con.execute("RESET preserve_insertion_order")
            con.execute("RESET disabled_optimizers")
        except duckdb.TransactionException:  # aborted by the error: the connection is dropped
            pass


def _finish(
    load: _FileLoad, rows_read: int, rows_loaded: int, lookup_columns: list[int]
) -> FileOutcome:
    """Drop the file's scratch tables and count it in the batch."""
    con = load.job.con
    con.execute("DROP TABLE IF EXISTS _ragged_lines")
    for i in lookup_columns:
        con.execute(f"DROP TABLE IF EXISTS _lk{i}")
    outcome = FileOutcome(
        load.display, load.contract.table, rows_read, rows_loaded, rows_read - rows_loaded
    )
    load.job.record(outcome, load.contract)
    return outcome
