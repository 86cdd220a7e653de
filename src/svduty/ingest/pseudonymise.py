"""Keyed pseudonyms for person identifiers: HMAC-SHA256 under the partnership's secret.

The same raw id always maps to the same key (so repeat victims and offenders stay linked across
files and sources) but cannot be reversed or recomputed without the key. The key comes from
``SVDUTY_PSEUDONYM_KEY`` or the key file in ``SVDUTY_HOME``, created on first use.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from svduty import config
from svduty.errors import SvdutyError

if TYPE_CHECKING:
    import duckdb

#: TEMP table holding the key's HMAC pads, so SQL computes pseudonyms without the key in its text
PADS_TABLE = "_svduty_pseudonym_pads"
#: the characters ``str.strip()`` removes (every ``str.isspace()`` character; a test checks it)
STRIPPED = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def pseudonym_key() -> bytes:
    """The HMAC key: the environment variable's UTF-8 bytes, else the key file's (hex) bytes."""
    from_env = config.pseudonym_key_text()
    if from_env:
        return from_env.encode("utf-8")
    path = config.pseudonym_key_path()
    secret = config.secret_file(path, _new_key, on_create=_warn_to_back_up)
    try:
        key = bytes.fromhex(secret.decode("ascii").strip())
    except ValueError:  # UnicodeDecodeError too
        raise SvdutyError(f"{path}: pseudonymisation key file is not hexadecimal") from None
    if len(key) < 16:
        raise SvdutyError(f"{path}: pseudonymisation key is shorter than 16 bytes")
    return key


def _new_key() -> bytes:
    """The key file's format: 32 random bytes in hexadecimal, one line."""
    return (secrets.token_hex(32) + "\n").encode("ascii")


def _warn_to_back_up(path: Path) -> None:
    """A lost key unlinks every later import from the people already known: say so once."""
    print(
        f"Warning: created a new pseudonymisation key at {path}. Back it up somewhere safe: "
        "without it, later imports cannot be linked to the people already in the warehouse.",
        file=sys.stderr,
    )


def pseudonymise(raw: str, key: bytes | None = None) -> str:
    """The pseudonym (64 hex digits) of one identifier; surrounding spaces are ignored."""
    key = pseudonym_key() if key is None else key
    return hmac.new(key, raw.strip().encode("utf-8"), hashlib.sha256).hexdigest()


def pseudonymise_many(values: Iterable[str], key: bytes | None = None) -> dict[str, str]:
    """Pseudonyms of DISTINCT identifiers, for joining onto a column in SQL."""
    key = pseudonym_key() if key is None else key
    return {value: pseudonymise(value, key) for value in set(values)}


def register_sql_pseudonyms(con: duckdb.DuckDBPyConnection, key: bytes | None = None) -> None:
    """Store the HMAC-SHA256 inner and outer pads of the key (RFC 2104) in ``PADS_TABLE`` on
    ``con``, for :func:`sql_pseudonym`. The pads are passed as parameters, never as SQL text:
    an error message quoting a statement cannot reveal them."""
    key = pseudonym_key() if key is None else key
    block = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {PADS_TABLE} AS SELECT $inner::BLOB AS inner_pad, "
        "$outer::BLOB AS outer_pad",
        {"inner": bytes(b ^ 0x36 for b in block), "outer": bytes(b ^ 0x5C for b in block)},
    )


def sql_pseudonym(v: str) -> str:
    """SQL for :func:`pseudonymise` of text ``v`` that :func:`sql_unchanged_by_strip` accepts:
    HMAC-SHA256 as two SHA-256s over the pads of :func:`register_sql_pseudonyms`. Runs in
    DuckDB over every row, so a file of millions of people needs no Python per identifier."""
    pads = f"(SELECT {{}} FROM {PADS_TABLE})"
    inner = f"unhex(sha256({pads.format('inner_pad')} || encode({v})))"
    return f"sha256({pads.format('outer_pad')} || {inner})"


def sql_unchanged_by_strip(v: str) -> str:
    """SQL: ``v`` is not empty and ``str.strip()`` would leave it as it is (no whitespace at
    either end), so :func:`sql_pseudonym` of it equals :func:`pseudonymise`."""
    return (
        f"({v} <> '' AND NOT contains('{STRIPPED}', left({v}, 1)) "
        f"AND NOT contains('{STRIPPED}', right({v}, 1)))"
    )
