"""Encryption at rest of panel identity fields: Fernet tokens under a rotatable key list.

Keys come from ``SVDUTY_PANEL_KEYS`` (comma-separated Fernet keys; the first is current and
encrypts, the others still decrypt, so a new key can be put first and the data re-encrypted with
``svduty manage rotate_panel_keys``). Without the variable a development key is generated once into
``$SVDUTY_HOME/panel.key`` (like the secret key); production must set the variable.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from svduty import config
from svduty.errors import SvdutyError

_cache: dict[str, MultiFernet] = {}


def _key_text() -> str:
    from_env = config.panel_keys()
    if from_env:
        return from_env
    return config.secret_file(config.panel_key_path(), Fernet.generate_key).decode("ascii").strip()


def keyring() -> MultiFernet:
    """The current key list (first key encrypts); cached per distinct key text."""
    text = _key_text()
    if text not in _cache:
        keys = [item.strip() for item in text.split(",") if item.strip()]
        try:
            _cache[text] = MultiFernet([Fernet(key.encode("ascii")) for key in keys])
        except (ValueError, TypeError) as error:
            raise SvdutyError(
                f"{config.PANEL_KEYS_VAR}: each key must be a url-safe base64 32-byte Fernet key "
                f"({error})"
            ) from error
    return _cache[text]


def encrypt(value: str) -> str:
    """A Fernet token (ASCII) for ``value`` under the current key."""
    return keyring().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The clear text of a token made under any configured key."""
    try:
        return keyring().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise SvdutyError(
            f"a panel identity field cannot be decrypted with the keys in {config.PANEL_KEYS_VAR} "
            "(was a key removed before rotation?)"
        ) from error


def rotate(token: str) -> str:
    """The same clear text re-encrypted under the current key."""
    return keyring().rotate(token.encode("ascii")).decode("ascii")


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")
