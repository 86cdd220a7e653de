"""svduty's configuration: the one module that reads the environment, and the files it keeps.

Every ``SVDUTY_*`` variable and the web application's settings are read here, so what svduty can
be told from outside is listed in one place. The data directory (``SVDUTY_HOME``) holds the
warehouse, the web database and uploads, and the secrets made on first use when the environment
gives none; :func:`secret_file` makes those files private from their first instant.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from svduty.errors import SvdutyError

DEFAULT_HOME = "svduty-data"
#: Comma-separated Fernet keys of the panel identity fields; the first encrypts.
PANEL_KEYS_VAR = "SVDUTY_PANEL_KEYS"
#: The partnership's pseudonymisation secret (its UTF-8 bytes are the HMAC key).
PSEUDONYM_KEY_VAR = "SVDUTY_PSEUDONYM_KEY"
_TRUE = {"1", "true", "yes", "on"}


def home() -> Path:
    """The data directory: ``$SVDUTY_HOME`` or ``./svduty-data``; created on first use."""
    path = Path(os.environ.get("SVDUTY_HOME") or DEFAULT_HOME).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def svduty_home(path: Path) -> Iterator[None]:
    """Make ``path`` the ``SVDUTY_HOME`` for the duration (key, warehouse, app database)."""
    previous = os.environ.get("SVDUTY_HOME")
    os.environ["SVDUTY_HOME"] = str(path)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SVDUTY_HOME", None)
        else:
            os.environ["SVDUTY_HOME"] = previous


def warehouse_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The DuckDB warehouse: ``--warehouse`` when given, else ``$SVDUTY_HOME/warehouse.duckdb``."""
    if override:
        path = Path(override).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    return home() / "warehouse.duckdb"


def app_database_path() -> Path:
    """The web application's SQLite file, used when no ``DATABASE_URL`` is set."""
    return home() / "app.sqlite3"


def uploads_dir() -> Path:
    """Where uploaded partner extracts are kept until imported."""
    path = home() / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key_path() -> Path:
    """The web application's development secret key, used when ``SECRET_KEY`` is not set."""
    return home() / "secret.key"


def panel_key_path() -> Path:
    """The development Fernet key of panel identity fields, used without ``SVDUTY_PANEL_KEYS``."""
    return home() / "panel.key"


def pseudonym_key_path() -> Path:
    """The file holding the partnership's pseudonymisation key when the environment has none."""
    return home() / "pseudonym.key"


def import_memory_limit_mb() -> int:
    """DuckDB's memory limit for an import, in MB (``SVDUTY_IMPORT_MEMORY_MB``; default 2048).

    Past it DuckDB spills to a temporary folder beside the warehouse instead of growing: a
    national year of crimes (6.5 million rows) imports within it."""
    limit = _whole_number("SVDUTY_IMPORT_MEMORY_MB", 2048)
    if limit < 128:
        raise SvdutyError(f"SVDUTY_IMPORT_MEMORY_MB must be at least 128, not {limit}")
    return limit


def panel_keys() -> str | None:
    """``SVDUTY_PANEL_KEYS`` as written, or None when it is unset or blank."""
    value = os.environ.get(PANEL_KEYS_VAR, "")
    return value if value.strip() else None


def pseudonym_key_text() -> str | None:
    """``SVDUTY_PSEUDONYM_KEY`` exactly as written (spaces are part of a key), or None if empty."""
    return os.environ.get(PSEUDONYM_KEY_VAR) or None


def secret_file(
    path: Path,
    make: Callable[[], bytes],
    on_create: Callable[[Path], None] | None = None,
) -> bytes:
    """The bytes of the secret file at ``path``, which ``make`` fills if it does not exist yet.

    An existing file is read, never replaced. A new secret is written to a draft beside ``path``
    that is created owner-only (mode 0600: a umask can take bits away, never add them) and then
    published by a hard link, which fails when the name is taken. So nobody else can read the
    secret even for an instant, nobody reads it half-written, and of two processes creating it
    at once the loser reads the winner's. ``on_create`` runs in the one process that made it.
    """
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}.draft")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            secret = make()
            handle.write(secret)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:  # another process published first: its secret is the one
            return path.read_bytes()
    finally:
        draft.unlink(missing_ok=True)
    if on_create is not None:
        on_create(path)
    return secret


@dataclass(frozen=True)
class WebEnvironment:
    """What the environment says of the web application (read by its Django settings).

    The defaults are production-grade: ``DEBUG`` off, HTTPS assumed (``SVDUTY_HTTPS=0`` only for
    plain HTTP on a loopback address), hosts limited to this machine.
    """

    secret_key: str | None  # None: use the development key file (secret_key_path)
    debug: bool
    allowed_hosts: tuple[str, ...]
    https: bool
    behind_tls_proxy: bool
    csrf_trusted_origins: tuple[str, ...]
    database_url: str | None  # None: the SQLite file app_database_path
    conn_max_age: int
    axes_failure_limit: int
    axes_address_failure_limit: int
    email_host: str
    email_port: int
    email_host_user: str
    email_host_password: str
    email_use_tls: bool
    default_from_email: str
    static_root: Path
    log_level: str
    panel_retention_days: int
    upload_retention_days: int
    upload_limits_mb: dict[str, int]


def web_environment() -> WebEnvironment:
    """The web application's settings as the environment gives them now."""
    return WebEnvironment(
        secret_key=os.environ.get("SECRET_KEY") or None,
        debug=_flag("DEBUG", default=False),
        allowed_hosts=_list("ALLOWED_HOSTS", "127.0.0.1,localhost"),
        https=_flag("SVDUTY_HTTPS", default=True),
        behind_tls_proxy=_flag("SVDUTY_BEHIND_TLS_PROXY", default=False),
        csrf_trusted_origins=_list("CSRF_TRUSTED_ORIGINS", ""),
        database_url=os.environ.get("DATABASE_URL") or None,
        conn_max_age=_whole_number("CONN_MAX_AGE", 60),
        axes_failure_limit=_whole_number("AXES_FAILURE_LIMIT", 5),
        axes_address_failure_limit=_whole_number("AXES_ADDRESS_FAILURE_LIMIT", 20),
        email_host=os.environ.get("EMAIL_HOST", ""),
        email_port=_whole_number("EMAIL_PORT", 587),
        email_host_user=os.environ.get("EMAIL_HOST_USER", ""),
        email_host_password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
        email_use_tls=_flag("EMAIL_USE_TLS", default=True),
        default_from_email=os.environ.get("DEFAULT_FROM_EMAIL", "svduty@localhost"),
        static_root=Path(os.environ.get("STATIC_ROOT") or home() / "static"),
        log_level=os.environ.get("LOG_LEVEL", "WARNING"),
        panel_retention_days=_whole_number("SVDUTY_PANEL_RETENTION_DAYS", 365 * 2),
        upload_retention_days=_whole_number("SVDUTY_UPLOAD_RETENTION_DAYS", 0),
        upload_limits_mb={**UPLOAD_LIMITS_MB, **_sizes("SVDUTY_UPLOAD_LIMITS_MB")},
    )


def _flag(name: str, default: bool) -> bool:
    """Unset or empty: ``default``; else on for 1/true/yes/on (any case), off for anything else."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in _TRUE


def _list(name: str, default: str) -> tuple[str, ...]:
    """A comma-separated list; set but empty is an empty list, not the default."""
    return tuple(item.strip() for item in os.environ.get(name, default).split(",") if item.strip())


#: Largest upload per source, in MB (``default`` for the rest): a data.police.uk archive of a large
#: force for several years is the biggest; most partner extracts are far smaller.
UPLOAD_LIMITS_MB = {
    "default": 256,
    "police-crimes": 512,
    "police-people": 512,
    "police-uk": 1024,
    "boundaries": 512,
}


def _sizes(name: str) -> dict[str, int]:
    """``source=MB`` pairs, comma-separated (``police-uk=2048,default=128``)."""
    sizes = {}
    for item in _list(name, ""):
        source, _, size = item.partition("=")
        if not size.strip().isdigit():
            raise SvdutyError(f"{name}: {item!r} is not source=MB (e.g. police-uk=1024)")
        sizes[source.strip()] = int(size)
    return sizes


def _whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise SvdutyError(f"{name} must be a whole number, not {value!r}") from None
