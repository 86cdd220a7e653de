"""Keyed pseudonyms for person identifiers: HMAC-SHA256 under the partnership's secret.

The same raw id always maps to the same key (so repeat victims and offenders stay linked across
files and sources) but cannot be reversed or recomputed without the key. The key comes from
``SVDUTY_PSEUDONYM_KEY`` or the key file in ``SVDUTY_HOME``, created on first use.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path

from svduty import config
from svduty.errors import SvdutyError

ENV_VAR = "SVDUTY_PSEUDONYM_KEY"


def pseudonym_key() -> bytes:
    """The HMAC key: the environment variable's UTF-8 bytes, else the key file's (hex) bytes."""
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return from_env.encode("utf-8")
    path = config.pseudonym_key_path()
    if not path.exists():
        _create_key_file(path)
    text = path.read_text("ascii").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise SvdutyError(f"{path}: pseudonymisation key file is not hexadecimal") from None
    if len(key) < 16:
        raise SvdutyError(f"{path}: pseudonymisation key is shorter than 16 bytes")
    return key


def _create_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")
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
