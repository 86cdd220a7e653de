"""A bound on the lines of a file that cannot be rows of it, checked before DuckDB stores them.

DuckDB's careful read (``store_rejects``) keeps every rejected line, and its bookkeeping lives
outside the memory limit: a 20 MB file of broken rows took 1.8 GB, 200 MB was killed by the
kernel. So before a careful read, this streams the file once with Python's ``csv`` module,
keeping only counts and the first few bad lines, and refuses a file with too many: such a file
is the wrong file, the wrong delimiter or a broken export, and quarantining it row by row would
hide that. The limits are in ``docs/ingest-framework.md``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from svduty.errors import SvdutyError

#: Refused past this many lines with the wrong number of fields, whatever the file's size.
MOST_LINES = 1000
#: ... or past this share of its rows, once there are more than ``ALWAYS_QUARANTINED``.
MOST_SHARE = 0.05
#: Up to this many are quarantined whatever the share (a short file with a few bad rows).
ALWAYS_QUARANTINED = 50
#: How many of the first bad lines the refusal names.
NAMED = 3
#: DuckDB's own longest line (``max_line_size``): a longer field is refused either way.
LONGEST_FIELD = 2_097_152


def refuse_too_many_unreadable_lines(path: Path, display: str) -> int:
    """How many records of ``path`` have a different number of fields from its header; a
    one-line refusal naming the first few (line numbers as in a spreadsheet) when there are
    more than the limits allow. Stops reading at the first line past ``MOST_LINES``."""
    csv.field_size_limit(LONGEST_FIELD)
    bad: list[tuple[int, int]] = []
    rows = count = 0
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                return 0
            width, line = len(header), reader.line_num
            for record in reader:
                start, line = line + 1, reader.line_num
                if not record:  # a blank line is not a row
                    continue
                rows += 1
                if len(record) == width:
                    continue
                count += 1
                if len(bad) < NAMED:
                    bad.append((start, len(record)))
                if count > MOST_LINES:
                    raise _too_many(display, f"more than {MOST_LINES:,} lines", bad, width)
        except csv.Error as error:
            raise SvdutyError(
                f"{display}: not a well-formed CSV at line {reader.line_num + 1} ({error})"
            ) from None
    if count > ALWAYS_QUARANTINED and count > MOST_SHARE * rows:
        share = f"{count:,} of its {rows:,} rows ({count / rows:.0%})"
        raise _too_many(display, share, bad, width)
    return count


def _too_many(display: str, how_many: str, bad: list[tuple[int, int]], width: int) -> SvdutyError:
    named = "; ".join(
        f"line {line}: {fields} field{'' if fields == 1 else 's'}" for line, fields in bad
    )
    return SvdutyError(
        f"{display}: refused, nothing loaded: {how_many} do not have the {width} fields of the "
        f"header ({named}); check that this is the right file, saved as comma-separated CSV"
    )
