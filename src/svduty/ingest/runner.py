"""``import_source``: one import = one batch = one DuckDB transaction.

The batch either commits whole (rows, quarantine, batch record, replaced batches) or leaves the
warehouse exactly as it was: a bad file, a crash, Ctrl-C or ``kill -9`` part-way change nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from svduty import config
from svduty.errors import SvdutyError
from svduty.ingest import batches
from svduty.ingest.job import FileOutcome, ImportJob
from svduty.ingest.loader import SinglePassFailed
from svduty.ingest.mapping import MappingProfile, load_profile
from svduty.ingest.overlaps import OverlapError, find_overlaps, skip_loaded_keys
from svduty.ingest.progress import NullProgress, Progress
from svduty.ingest.registry import get_reader
from svduty.warehouse import connect


@dataclass(frozen=True)
class QuarantineReason:
    column: str | None
    reason: str
    cells: int


@dataclass(frozen=True)
class ImportResult:
    """What an import did; ``duplicate_of`` is set (and nothing loaded) for a re-import."""

    source: str
    warehouse: Path
    batch_id: int | None
    files: list[str]
    outcomes: list[FileOutcome] = field(default_factory=list)
    period_start: date | None = None
    period_end: date | None = None
    top_reasons: list[QuarantineReason] = field(default_factory=list)
    replaced_batches: list[int] = field(default_factory=list)
    duplicate_of: int | None = None
    #: rows dropped by ``--append`` because an overlapped batch holds their record key
    rows_skipped: int = 0
    #: with ``--append``, every record was already loaded (``duplicate_of`` holds them)
    nothing_new: bool = False

    @property
    def rows_read(self) -> int:
        return sum(o.rows_read for o in self.outcomes)

    @property
    def rows_loaded(self) -> int:
        return sum(o.rows_loaded for o in self.outcomes) - self.rows_skipped

    @property
    def rows_quarantined(self) -> int:
        return sum(o.rows_quarantined for o in self.outcomes)


def import_source(
    source: str,
    path: str | os.PathLike[str],
    warehouse: str | os.PathLike[str] | None = None,
    mapping: str | os.PathLike[str] | None = None,
    replace: bool = False,
    progress: Progress | None = None,
    append: bool = False,
) -> ImportResult:
    """Import ``path`` with the reader for ``source`` as one atomic, de-duplicated batch.

    A batch overlapping a live batch of the same source (``overlaps``) is refused unless
    ``replace`` (the overlapped batches go) or ``append`` (only records not yet loaded load).
    """
    if replace and append:
        raise SvdutyError("choose --replace or --append, not both")
    progress = progress or NullProgress()
    reader = get_reader(source)
    path = Path(path)
    if not path.exists():
        raise SvdutyError(f"{path}: no such file or folder")
    profile = MappingProfile()
    if mapping is not None:
        if not reader.accepts_mapping:
            raise SvdutyError(f"{source} does not take a mapping profile (its layout is fixed)")
        profile = load_profile(mapping)
        _check_profile(profile, reader, source, Path(mapping))

    files = batches.input_files(path)
    if not files:
        raise SvdutyError(f"{path}: the folder holds no files")
    names = [str(f.relative_to(path)) if path.is_dir() else f.name for f in files]
    target = config.warehouse_path(warehouse)

    # The files are hashed (and their line endings counted, for the loader's single pass) on
    # another thread while the reader's first pass runs; a duplicate is caught at the loader's
    # first checkpoint or, at the latest, before anything commits.
    with ThreadPoolExecutor(1, thread_name_prefix="svduty-hash") as pool:
        hashing = pool.submit(_hash_all, files)

        def attempt(single_pass: bool) -> ImportResult:
            con = import_connection(warehouse)  # new: an aborted one keeps its settings
            try:
                return _import(
                    con, source, path, target, files, names, hashing, reader, profile,
                    progress, replace, append, single_pass,
                )  # fmt: skip
            finally:
                con.close()

        try:
            return attempt(single_pass=True)
        except SinglePassFailed:  # rolled back: start again, reading files the careful way
            return attempt(single_pass=False)


def import_connection(warehouse: str | os.PathLike[str] | None) -> duckdb.DuckDBPyConnection:
    """A warehouse connection for one import attempt, its memory bounded (``config``)."""
    con = connect(warehouse)
    con.execute(f"SET memory_limit = '{config.import_memory_limit_mb()}MB'")
    con.execute("SET enable_progress_bar = false")  # our own progress is shown instead
    return con


class _AlreadyImported(Exception):
    """Control flow inside ``_import``: these files (or, with ``--append``, every record of
    them: ``nothing_new``) are already loaded; never shown."""

    def __init__(self, batch_id: int, nothing_new: bool = False) -> None:
        self.batch_id = batch_id
        self.nothing_new = nothing_new


def _hash_all(files: list[Path]) -> list[batches.FileDigest]:
    try:
        return [batches.digest_file(file) for file in files]
    except OSError as error:
        raise SvdutyError(f"{error.filename}: cannot read the file ({error.strerror})") from None


def _import(
    con,
    source,
    path,
    target,
    files,
    names,
    hashing: Future,
    reader,
    profile,
    progress,
    replace: bool,
    append: bool,
    single_pass: bool,
) -> ImportResult:
    """The batch's transaction: read, refuse a duplicate, record the batch, commit."""
    hashes: list[str] = []  # filled once hashing is done
    position = {file.resolve(): i for i, file in enumerate(files)}

    def refuse_duplicate(wait: bool = False) -> None:
        """Stop (rolling back) once the hashes show these exact files already loaded."""
        if hashes or not (wait or hashing.done()):
            return
        hashes.extend(digest.sha256 for digest in hashing.result())
        duplicate = batches.find_duplicate(con, source, hashes)
        if duplicate is not None:
            raise _AlreadyImported(duplicate)

    def records_at_most(file: Path) -> Callable[[], int] | None:
        """How to get the record bound of an input file as given, waiting for its hash (None
        for a zip member or an extract)."""
        i = position.get(file.resolve())
        return None if i is None else lambda: hashing.result()[i].records_at_most

    con.execute("BEGIN TRANSACTION")
    try:
        refuse_duplicate()
        batch_id = batches.next_batch_id(con)
        job = ImportJob(
            con, batch_id, source, profile, progress, checkpoint=refuse_duplicate,
            records_at_most=records_at_most, single_pass=single_pass,
        )  # fmt: skip
        reader.read(job, path)
        refuse_duplicate(wait=True)
        _refuse_empty(con, batch_id, path, job.outcomes)
        period = batches.batch_period(con, batch_id, job.period_columns)
        replaced, skipped = _settle_overlaps(con, job, path, period, replace, append)
        if skipped:
            period = batches.batch_period(con, batch_id, job.period_columns)
        con.execute(
            "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [
                batch_id,
                source,
                names,
                hashes,
                sum(o.rows_read for o in job.outcomes),
                sum(o.rows_loaded for o in job.outcomes) - skipped,
                sum(o.rows_quarantined for o in job.outcomes),
                period[0],
                period[1],
                batches.current_user(),
                batches.utc_now(),
                profile.name or None,
                replaced or None,
            ],
        )
        reasons = [
            QuarantineReason(*row)
            for row in con.execute(
                'SELECT "column", reason, count(*) AS n FROM quarantine WHERE batch_id = ? '
                'GROUP BY ALL ORDER BY n DESC, "column" LIMIT 10',
                [batch_id],
            ).fetchall()
        ]
        with progress.stage("Committing"):
            con.execute("COMMIT")
    except _AlreadyImported as duplicate:
        con.execute("ROLLBACK")
        return ImportResult(
            source, target, None, names, duplicate_of=duplicate.batch_id,
            nothing_new=duplicate.nothing_new,
        )  # fmt: skip
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return ImportResult(
        source,
        target,
        batch_id,
        names,
        list(job.outcomes),
        period[0],
        period[1],
        reasons,
        replaced,
        rows_skipped=skipped,
    )


def _settle_overlaps(
    con, job: ImportJob, path: Path, period, replace: bool, append: bool
) -> tuple[list[int], int]:
    """Refuse, replace or append to the live batches the new one overlaps (``overlaps``):
    the batches replaced and the rows skipped as already loaded."""
    tables = {outcome.table for outcome in job.outcomes}
    found = find_overlaps(con, job.source, job.batch_id, period, job.identities, tables)
    if not found:
        return [], 0
    if replace:
        return batches.replace_batches(con, job.batch_id, [o.batch_id for o in found]), 0
    if append:
        skipped = skip_loaded_keys(con, job.batch_id, job.identities, found)
        if skipped and skipped == sum(o.rows_loaded for o in job.outcomes):
            raise _AlreadyImported(found[0].batch_id, nothing_new=True)
        return [], skipped
    keys = sorted({column for c in job.identities.values() for column in c.key_columns()})
    raise OverlapError(path.name, found, "same " + " and ".join(keys) if keys else "")


def _refuse_empty(con, batch_id: int, path: Path, outcomes: list[FileOutcome]) -> None:
    """A batch that would load nothing is refused (rolled back), not recorded as an import."""
    read = sum(o.rows_read for o in outcomes)
    if read == 0:
        raise SvdutyError(f"{path.name}: no data rows; nothing loaded")
    if sum(o.rows_loaded for o in outcomes) > 0:
        return
    first = con.execute(
        'SELECT file, row_number, "column", reason FROM quarantine WHERE batch_id = ? '
        "ORDER BY file, row_number NULLS LAST LIMIT 1",
        [batch_id],
    ).fetchone()
    where = ""
    if first is not None:
        file, row, column, reason = first
        at = f"{file} row {row}" if row is not None else file
        where = f"; first: {at}, {column or 'file'}: {reason}"
    raise SvdutyError(
        f"{path.name}: no row could be read; nothing loaded ({read:,} rows quarantined{where})"
    )


def _check_profile(profile: MappingProfile, reader, source: str, path: Path) -> None:
    if profile.source and profile.source != source:
        raise SvdutyError(f"{path}: this profile is for '{profile.source}', not '{source}'")
    contract = getattr(reader, "contract", None)
    if contract is None:
        return
    known = {c.name for c in contract.columns}
    named = (
        set(profile.columns.values())
        | set(profile.date_formats)
        | set(profile.values)
        | set(profile.constants)
    )
    unknown = sorted(named - known)
    if unknown:
        raise SvdutyError(
            f"{path}: unknown {source} column(s) {', '.join(unknown)}; "
            f"expected one of {', '.join(c.name for c in contract.columns)}"
        )
