"""Reading a partner's CSV file: structural refusals, the ``read_csv`` every pass uses, the header,
and what DuckDB's reject tables say about rows it could not read.

A file DuckDB cannot read is explained by its encoding (checked here, in Python) or a careful
read's reject table (``store_rejects``: the line, the kind of error, the field), never by the
wording of DuckDB's error message.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from svduty.errors import SvdutyError
from svduty.ingest.unreadable_lines import refuse_too_many_unreadable_lines
from svduty.warehouse.sql import in_list, read_csv

SNIFF_BYTES = 65536
_CHUNK = 1 << 20

REJECTS, REJECT_SCANS = "_svduty_rejects", "_svduty_reject_scans"
#: DuckDB reject kinds that are one bad row (quarantined); any other refuses the file
RAGGED = ("MISSING COLUMNS", "TOO MANY COLUMNS")
#: The fields a ragged row has, from its rejects: DuckDB reports each missing column at its
#: index (the first is the count found) and each extra field at its position (the last is it).
_FIELDS_FOUND = (
    "CASE WHEN bool_or(error_type::VARCHAR = 'MISSING COLUMNS') THEN min(column_idx) "
    "ELSE max(column_idx) END"
)


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


def csv_source(path: Path, rejects: str = "") -> str:
    """``read_csv`` as every pass reads the file. ``rejects="store"`` records rows whose field
    count differs from the header in ``REJECTS`` (and skips them); ``"skip"`` only skips them."""
    options = {
        "store": {"store_rejects": True, "rejects_table": REJECTS, "rejects_scan": REJECT_SCANS},
        "skip": {"ignore_errors": True},
        "": {},
    }[rejects]
    return read_csv(
        path,
        header=True,
        all_varchar=True,
        delim=",",
        quote='"',
        escape='"',
        encoding="utf-8",
        comment="",
        skip=0,
        normalize_names=False,
        sample_size=20480,
        **options,
    )


def refuse_undecodable(path: Path, display: str) -> None:
    """Refuse a file that is not UTF-8 past ``check_text_file``'s first bytes, naming the line
    (DuckDB rejects such a row only when it reads strictly; its careful reads take it in)."""
    line, carry = 1, b""
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            data = carry + chunk
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line += data.count(b"\n", 0, error.start)
                if not chunk or error.reason != "unexpected end of data":
                    raise SvdutyError(
                        f"{display}: not UTF-8 text at line {line}; save it as 'CSV UTF-8'"
                    ) from None
                carry = data[error.start :]  # a character cut by the chunk: read on
                continue
            if not chunk:
                return
            line += data.count(b"\n")
            carry = b""


def read_header(con: duckdb.DuckDBPyConnection, path: Path, display: str) -> list[str]:
    """The header names as written in the file."""
    # A cursor is a connection of its own (0.4 ms, where a new in-memory database costs
    # 16 ms): a failed statement there cannot abort ``con``'s transaction.
    with con.cursor() as scratch:
        try:
            rows = scratch.execute(f"DESCRIBE SELECT * FROM {csv_source(path)}").fetchall()
        except duckdb.Error:
            refuse_undecodable(path, display)  # DuckDB's tolerant reads would accept it
            try:  # ragged rows (quarantined later) upset the sniffer: read past them
                tolerant = csv_source(path, "skip")
                rows = scratch.execute(f"DESCRIBE SELECT * FROM {tolerant}").fetchall()
            except duckdb.Error as error:
                raise unreadable(con, path, display, error) from None
    return [row[0] for row in rows]


def unreadable(
    con: duckdb.DuckDBPyConnection, path: Path, display: str, error: duckdb.Error
) -> SvdutyError:
    """Why DuckDB failed (``error``) to read the file: the first row a careful read rejects.

    The careful read runs on a cursor, so it works after ``error`` aborted ``con``'s
    transaction, and leaves no reject tables there.
    """
    refuse_undecodable(path, display)
    refuse_too_many_unreadable_lines(path, display)  # before a careful read stores them all
    with con.cursor() as scratch:
        try:
            scratch.execute(f"SELECT count(*) FROM {csv_source(path, 'store')}").fetchall()
            first = scratch.execute(
                f"SELECT line, min(error_type::VARCHAR), any_value(error_message), "
                f"{_FIELDS_FOUND} FROM {REJECTS} GROUP BY line ORDER BY line LIMIT 1"
            ).fetchall()
            if first:
                line, kind, message, found = first[0]
                if kind not in RAGGED:
                    return _refusal(display, line, kind, message)
                tolerant = csv_source(path, "skip")
                header = len(scratch.execute(f"DESCRIBE SELECT * FROM {tolerant}").fetchall())
                return SvdutyError(
                    f"{display}: not a well-formed CSV at line {line}: {found} fields where "
                    f"the header has {header}"
                )
        except duckdb.InvalidInputException:  # the sniffer found no consistent layout
            return SvdutyError(
                f"{display}: not a well-formed CSV: rows do not have the same number of "
                "comma-separated fields as the header"
            )
        except duckdb.Error:
            pass  # the careful read fails otherwise: say what the first read met
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return SvdutyError(f"{display}: cannot read as CSV ({text})")


def _refusal(display: str, line: int, kind: str, message: str) -> SvdutyError:
    """The one line refusing a file whose row at ``line`` DuckDB rejected as ``kind`` (not a
    wrong number of fields)."""
    if kind == "INVALID ENCODING":
        return SvdutyError(f"{display}: not UTF-8 text at line {line}; save it as 'CSV UTF-8'")
    return SvdutyError(f"{display}: not a well-formed CSV at line {line} ({message})")


def set_aside_ragged_rows(con: duckdb.DuckDBPyConnection, display: str) -> int:
    """Move a ``store`` read's rejected rows into ``_ragged_lines(line, fields, text)``; how
    many (``fields``: how many the row has).

    Only a wrong number of fields is a row problem; anything else DuckDB rejected (a broken
    quote, invalid UTF-8) refuses the file. ``line`` is the spreadsheet row.
    """
    try:
        other = con.execute(
            f"SELECT line, error_type::VARCHAR, error_message FROM {REJECTS} "
            f"WHERE error_type::VARCHAR NOT IN {in_list(RAGGED)} ORDER BY line LIMIT 1"
        ).fetchall()
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _ragged_lines AS SELECT line, {_FIELDS_FOUND} AS "
            f"fields, any_value(csv_line) AS text FROM {REJECTS} GROUP BY line"
        )
    finally:
        con.execute(f"DROP TABLE IF EXISTS {REJECTS}")
        con.execute(f"DROP TABLE IF EXISTS {REJECT_SCANS}")
    if other:
        line, kind, message = other[0]
        raise _refusal(display, line, kind, message)
    return con.execute("SELECT count(*) FROM _ragged_lines").fetchall()[0][0]
