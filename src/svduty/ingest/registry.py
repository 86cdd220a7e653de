"""Which reader handles which ``svduty import SOURCE``.

Readers live in ``svduty.ingest.readers``; every module there is imported on first use and
registers its readers with ``@register`` (or ``register(instance)``), so adding a source is
adding one module.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from svduty.errors import SvdutyError
from svduty.ingest.contract import FileContract
from svduty.ingest.job import ImportJob
from svduty.ingest.loader import load_csv


class Reader(Protocol):
    """A source format. ``read`` loads ``path`` through ``job`` (inside one transaction)."""

    source: str
    summary: str
    accepts_mapping: bool

    def read(self, job: ImportJob, path: Path) -> None: ...


_READERS: dict[str, Reader] = {}
_loaded = False


def register(reader: Reader) -> Reader:
    """Make ``reader`` available as ``svduty import <reader.source>``."""
    if reader.source in _READERS and _READERS[reader.source] is not reader:
        raise ValueError(f"two readers for source {reader.source!r}")
    _READERS[reader.source] = reader
    return reader


def _load_reader_modules() -> None:
    global _loaded
    if _loaded:
        return
    package = importlib.import_module("svduty.ingest.readers")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"svduty.ingest.readers.{module.name}")
    _loaded = True


def readers() -> dict[str, Reader]:
    """Every registered reader by source name, sorted."""
    _load_reader_modules()
    return dict(sorted(_READERS.items()))


def get_reader(source: str) -> Reader:
    """The reader for ``source``; an unknown name is one line listing the known ones."""
    known = readers()
    if source not in known:
        raise SvdutyError(f"unknown source '{source}'; known sources: {', '.join(known)}")
    return known[source]


@dataclass(frozen=True)
class CsvReader:
    """The common case: one CSV file under one contract, a mapping profile allowed."""

    source: str
    contract: FileContract
    summary: str
    accepts_mapping: bool = True

    def read(self, job: ImportJob, path: Path) -> None:
        if path.is_dir():
            raise SvdutyError(f"{path}: {self.source} expects one CSV file, not a folder")
        load_csv(job, self.contract, path, path.name)
