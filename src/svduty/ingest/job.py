"""One import in progress: the connection (inside the batch's transaction) and its tally."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from svduty.ingest.contract import FileContract
from svduty.ingest.mapping import MappingProfile
from svduty.ingest.progress import NullProgress, Progress


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file (or zip member) of a batch."""

    file: str
    table: str
    rows_read: int
    rows_loaded: int
    rows_quarantined: int


@dataclass
class ImportJob:
    """What a reader gets: ``con`` is inside the batch's transaction; ``batch_id`` is new.

    Readers load CSV files with ``svduty.ingest.loader.load_csv(job, ...)``. Readers of other
    formats (GeoJSON...) insert with ``con`` themselves, quarantine with ``quarantine`` and
    report each file with ``record``.
    """

    con: duckdb.DuckDBPyConnection
    batch_id: int
    source: str
    profile: MappingProfile = field(default_factory=MappingProfile)
    progress: Progress = field(default_factory=NullProgress)
    outcomes: list[FileOutcome] = field(default_factory=list)
    period_columns: set[tuple[str, str]] = field(default_factory=set)
    #: the contracts of the tables loaded that name a record key or an overlap scope, by table
    identities: dict[str, FileContract] = field(default_factory=dict)
    #: called by the loader between passes; the runner uses it to stop a duplicate import early
    checkpoint: Callable[[], None] = lambda: None
    #: for a file hashed by the runner, a function giving an upper bound on its CSV records
    #: (it waits for the hash); with it the loader can try a single pass and skip counting the
    #: file first. None for other files.
    records_at_most: Callable[[Path], Callable[[], int] | None] = lambda path: None
    #: False on the runner's second attempt, after a single pass met a row DuckDB cannot read
    single_pass: bool = True

    def record(self, outcome: FileOutcome, contract: FileContract | None = None) -> None:
        """Count a file's rows in the batch; its contract's period column gives the period."""
        self.outcomes.append(outcome)
        if contract is not None and contract.period:
            self.period_columns.add((contract.table, contract.period))
        if contract is not None and (contract.key or contract.scope):
            self.identities[contract.table] = contract

    def add_period_column(self, table: str, column: str) -> None:
        """Let a non-CSV reader say which DATE/TIMESTAMP column gives the period covered."""
        self.period_columns.add((table, column))

    def quarantine(
        self, file: str, row_number: int | None, column: str | None, value: str | None, reason: str
    ) -> None:
        """Quarantine one cell (for readers that validate outside ``load_csv``)."""
        self.con.execute(
            "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?)",
            [self.batch_id, file, row_number, column, value, reason],
        )
