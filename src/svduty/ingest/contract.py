"""How a reader declares a file it accepts: columns, checks, target table and columns.

A ``FileContract`` is the code form of one table in docs/data-contracts.md. The loader
(``svduty.ingest.loader``) turns it into DuckDB SQL: stage, validate, quarantine, insert.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from svduty.ingest.checks import Check, Text


@dataclass(frozen=True)
class Column:
    """One column of a partner file.

    ``name`` is the contract header (matched case-insensitively, spaces trimmed); ``aliases`` are
    other headers accepted without a profile (e.g. data.police.uk's ``Crime ID``).
    ``required``: the header must be present. ``nullable``: an empty cell is allowed (defaults
    to ``not required``). ``targets`` maps target-table columns to templates over the check's
    parts (``{value}``, and for date-times ``{timestamp}``, ``{date}``, ``{month}``); the default
    stores ``{value}`` in a column of the same name; ``{}`` validates without storing.
    """

    name: str
    check: Check = field(default_factory=Text)
    required: bool = True
    nullable: bool | None = None
    aliases: tuple[str, ...] = ()
    targets: Mapping[str, str] | None = None

    @property
    def allows_empty(self) -> bool:
        return (not self.required) if self.nullable is None else self.nullable

    def target_templates(self) -> Mapping[str, str]:
        return {self.name: "{value}"} if self.targets is None else self.targets


@dataclass(frozen=True)
class FileContract:
    """A CSV layout and where its valid rows go.

    ``constants`` are SQL expressions for target columns that do not come from the file
    (e.g. ``{"source": literal("police-crimes")}`` with ``svduty.warehouse.sql.literal``).
    ``period`` is a target column (DATE/TIMESTAMP) whose months give the batch's period covered.
    ``key`` names the target columns that identify one record (a force's crime reference): a
    key twice in one file is quarantined, and a key another batch already loaded makes the
    import an overlap (``svduty.ingest.overlaps``). ``scope`` names target columns within
    which two batches' periods overlap (an ED site, a police force): two sites' returns for
    the same quarter are not an overlap.
    """

    name: str
    columns: tuple[Column, ...]
    table: str
    constants: Mapping[str, str] = field(default_factory=dict)
    period: str | None = None
    key: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()

    def key_columns(self) -> list[str]:
        """The file's columns that give ``key``, in key order (for messages)."""
        return [
            column.name
            for target in self.key
            for column in self.columns
            if target in column.target_templates()
        ]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def required_names(self) -> list[str]:
        return [c.name for c in self.columns if c.required]
