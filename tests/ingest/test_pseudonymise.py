"""Pseudonyms are HMAC-SHA256 under the partnership key; the key file is made safely."""

from __future__ import annotations

import hashlib
import hmac
import stat
from pathlib import Path

import pytest

from svduty import config
from svduty.errors import SvdutyError
from svduty.ingest.pseudonymise import pseudonym_key, pseudonymise, pseudonymise_many


def test_equals_python_hmac_with_the_environment_key() -> None:
    expected = hmac.new(b"test-partnership-secret", b"P-0001", hashlib.sha256).hexdigest()
    assert pseudonymise("P-0001") == expected
    assert pseudonymise("  P-0001 ") == expected
    assert pseudonymise_many(["P-0001", "P-0002", "P-0001"]) == {
        "P-0001": expected,
        "P-0002": hmac.new(b"test-partnership-secret", b"P-0002", hashlib.sha256).hexdigest(),
    }


def test_key_file_created_once_private_and_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SVDUTY_PSEUDONYM_KEY")
    first = pseudonym_key()
    path = config.pseudonym_key_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 32 and bytes.fromhex(path.read_text().strip()) == first
    assert "Back it up" in capsys.readouterr().err
    assert pseudonym_key() == first
    assert capsys.readouterr().err == ""  # no second warning
    assert pseudonymise("X") == hmac.new(first, b"X", hashlib.sha256).hexdigest()


def test_a_corrupt_key_file_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SVDUTY_PSEUDONYM_KEY")
    path: Path = config.pseudonym_key_path()
    path.write_text("not hex at all")
    with pytest.raises(SvdutyError, match="not hexadecimal"):
        pseudonym_key()
