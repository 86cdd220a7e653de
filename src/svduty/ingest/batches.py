"""Batch provenance: file hashes, duplicate detection, the batch record and --replace."""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import numpy as np

from svduty.warehouse.info import data_tables
from svduty.warehouse.sql import identifier

CHUNK = 1 << 20


@dataclass(frozen=True)
class FileDigest:
    """A file's SHA-256 and an upper bound on its CSV records, from one read of its bytes.

    ``records_at_most`` counts line endings (LF, CRLF or a lone CR, plus an unterminated last
    line) less one for the header. A record can span lines (a quoted line break) but never
    shares one, so a loader that loaded exactly this many rows has read every record.
    """

    sha256: str
    records_at_most: int


def digest_file(path: Path) -> FileDigest:
    """Hash ``path`` and bound its records, in one read of its bytes."""
    digest = hashlib.sha256()
    endings = _LineEndings()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            endings.add(chunk)
    return FileDigest(digest.hexdigest(), endings.records_at_most())


def records_at_most(path: Path) -> int:
    """``FileDigest.records_at_most`` without the hash (for files extracted from an archive)."""
    endings = _LineEndings()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            endings.add(chunk)
    return endings.records_at_most()


class _LineEndings:
    """Counts LF, CRLF and lone-CR line endings over a file's chunks (numpy: ~0.2 s per GB)."""

    def __init__(self) -> None:
        self.lines = 0
        self.last = b""

    def add(self, chunk: bytes) -> None:
        data = np.frombuffer(chunk, np.uint8)
        self.lines += int(np.count_nonzero(data == 10))
        returns = int(np.count_nonzero(data == 13))
        if returns:  # a CR followed by LF ends one line, not two
            self.lines += returns - int(np.count_nonzero((data[:-1] == 13) & (data[1:] == 10)))
        self.lines -= self.last == b"\r" and chunk[:1] == b"\n"  # a CRLF split between reads
        self.last = chunk[-1:]

    def records_at_most(self) -> int:
        unterminated = self.last not in (b"", b"\n", b"\r")
        return max(self.lines + unterminated - 1, 0)  # less the header


def input_files(path: Path) -> list[Path]:
    """The files an import reads: the file itself, or every non-hidden file under a folder."""
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    return [path]


def find_duplicate(con: duckdb.DuckDBPyConnection, source: str, hashes: list[str]) -> int | None:
    """The live batch of ``source`` that loaded exactly these files, if any."""
    row = con.execute(
        "SELECT min(batch_id) FROM batches WHERE source = ? AND replaced_by IS NULL "
        "AND list_sort(sha256) = list_sort(?::VARCHAR[])",
        [source, hashes],
    ).fetchall()[0]
    return row[0]


def next_batch_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batches").fetchall()[0][0]


def batch_period(
    con: duckdb.DuckDBPyConnection, batch_id: int, columns: set[tuple[str, str]]
) -> tuple[date | None, date | None]:
    """First and last month (first of month) of the batch's rows in the period columns."""
    if not columns:
        return None, None
    parts = " UNION ALL ".join(
        f"SELECT min({identifier(c)}) AS lo, max({identifier(c)}) AS hi FROM {identifier(t)} "
        f"WHERE batch_id = {int(batch_id)}"
        for t, c in sorted(columns)
    )
    lo, hi = con.execute(
        f"SELECT CAST(date_trunc('month', min(lo)) AS DATE), "
        f"CAST(date_trunc('month', max(hi)) AS DATE) FROM ({parts})"
    ).fetchall()[0]
    return lo, hi


def replace_batches(con: duckdb.DuckDBPyConnection, batch_id: int, old: list[int]) -> list[int]:
    """``--replace``: delete the rows of the ``old`` batches (an import's overlaps, see
    ``overlaps.find_overlaps``) and mark them replaced by ``batch_id``."""
    if not old:
        return []
    for table in [*data_tables(con), "quarantine"]:
        con.execute(
            f"DELETE FROM {identifier(table)} WHERE list_contains(?::INTEGER[], batch_id)", [old]
        )
    con.execute(
        "UPDATE batches SET replaced_by = ? WHERE list_contains(?::INTEGER[], batch_id)",
        [batch_id, old],
    )
    return sorted(old)


def current_user() -> str:
    """Who ran the import (the OS user)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
