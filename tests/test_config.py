"""The configuration module: secret files made privately and once, the environment read here."""

from __future__ import annotations

import ast
import os
import secrets
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from svduty import config
from svduty.errors import SvdutyError

SRC = Path(__file__).resolve().parents[1] / "src"
#: A child process that waits for "go" on stdin, then races to create the secret at argv[1].
RACER = """
import secrets, sys, time
from pathlib import Path
from svduty import config

def make():
    time.sleep(0.2)  # every racer is inside make() before any of them publishes
    return secrets.token_bytes(32)

print("ready", flush=True)
sys.stdin.readline()
print(config.secret_file(Path(sys.argv[1]), make).hex(), flush=True)
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_zero() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_secret_file_is_owner_only_from_its_first_instant(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "panel.key"
    seen: list[tuple[bool, list[int]]] = []

    def make() -> bytes:
        # While the secret is written, the real name does not exist yet and the draft is private.
        seen.append((path.exists(), [mode(p) for p in path.parent.iterdir()]))
        return b"the-secret"

    assert config.secret_file(path, make) == b"the-secret"
    assert seen == [(False, [0o600])]
    assert mode(path) == 0o600 and path.read_bytes() == b"the-secret"
    assert list(path.parent.iterdir()) == [path]  # the draft is gone


def test_a_umask_of_zero_still_gives_0600(tmp_path: Path, umask_zero: None) -> None:
    path = tmp_path / "secret.key"
    config.secret_file(path, lambda: b"k")
    assert mode(path) == 0o600


def test_an_existing_file_is_read_and_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "pseudonym.key"
    path.write_bytes(b"made-by-an-older-svduty\n")
    path.chmod(0o640)
    before = os.stat(path)
    created: list[Path] = []

    def make() -> bytes:
        raise AssertionError("an existing secret must not be remade")

    assert config.secret_file(path, make, on_create=created.append) == b"made-by-an-older-svduty\n"
    after = os.stat(path)
    assert (after.st_ino, after.st_mtime_ns, mode(path)) == (
        before.st_ino,
        before.st_mtime_ns,
        0o640,
    )
    assert created == []


def test_on_create_runs_once_for_the_process_that_made_the_file(tmp_path: Path) -> None:
    path = tmp_path / "pseudonym.key"
    created: list[Path] = []
    first = config.secret_file(path, lambda: b"one", on_create=created.append)
    second = config.secret_file(path, lambda: b"two", on_create=created.append)
    assert (first, second, created) == (b"one", b"one", [path])


def test_a_failing_make_leaves_nothing_behind(tmp_path: Path) -> None:
    def make() -> bytes:
        raise RuntimeError("no randomness today")

    with pytest.raises(RuntimeError):
        config.secret_file(tmp_path / "panel.key", make)
    assert list(tmp_path.iterdir()) == []


def test_concurrent_threads_agree_on_one_secret(tmp_path: Path) -> None:
    path, racers = tmp_path / "secret.key", 8
    everyone_is_making = threading.Barrier(racers, timeout=10)
    results: list[bytes] = []
    created: list[Path] = []

    def make() -> bytes:
        everyone_is_making.wait()  # all have found no file; all will try to publish
        return secrets.token_bytes(32)

    def race() -> None:
        results.append(config.secret_file(path, make, on_create=created.append))

    threads = [threading.Thread(target=race) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert len(results) == racers and set(results) == {path.read_bytes()}
    assert created == [path]
    assert list(tmp_path.iterdir()) == [path] and mode(path) == 0o600


def test_concurrent_processes_agree_on_one_secret(tmp_path: Path) -> None:
    path = tmp_path / "home" / "panel.key"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    for racer in racers:
        assert racer.stdout.readline().strip() == "ready"
    for racer in racers:
        racer.stdin.write("go\n")
        racer.stdin.flush()
    keys = {racer.communicate(timeout=60)[0].strip() for racer in racers}
    assert [racer.returncode for racer in racers] == [0] * 4
    assert keys == {path.read_bytes().hex()}
    assert list(path.parent.iterdir()) == [path] and mode(path) == 0o600


def test_the_web_environment_defaults_are_production_grade(
    monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    for name in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "SVDUTY_HTTPS", "DATABASE_URL",
                 "STATIC_ROOT", "SVDUTY_BEHIND_TLS_PROXY", "CSRF_TRUSTED_ORIGINS"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    env = config.web_environment()
    assert (env.secret_key, env.debug, env.https, env.behind_tls_proxy) == (
        None,
        False,
        True,
        False,
    )
    assert env.allowed_hosts == ("127.0.0.1", "localhost") and env.csrf_trusted_origins == ()
    assert env.database_url is None and env.conn_max_age == 60
    assert env.static_root == _isolated_home / "static"
    assert env.panel_retention_days == 730


def test_the_web_environment_reads_what_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", " Yes ")
    monkeypatch.setenv("SVDUTY_HTTPS", "0")
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example.org, ,b.example.org")
    monkeypatch.setenv("CSRF_TRUSTED_ORIGINS", "")
    monkeypatch.setenv("EMAIL_PORT", "25")
    monkeypatch.setenv("SECRET_KEY", "")  # empty is unset: the development key file is used
    env = config.web_environment()
    assert (env.debug, env.https, env.email_port, env.secret_key) == (True, False, 25, None)
    assert env.allowed_hosts == ("a.example.org", "b.example.org")
    assert env.csrf_trusted_origins == ()


def test_a_number_that_is_not_one_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONN_MAX_AGE", "a minute")
    with pytest.raises(SvdutyError, match="CONN_MAX_AGE must be a whole number, not 'a minute'"):
        config.web_environment()


def test_key_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.PANEL_KEYS_VAR, "  ")
    monkeypatch.setenv(config.PSEUDONYM_KEY_VAR, " spaced secret ")
    assert config.panel_keys() is None
    assert config.pseudonym_key_text() == " spaced secret "
    monkeypatch.setenv(config.PSEUDONYM_KEY_VAR, "")
    assert config.pseudonym_key_text() is None


def test_svduty_home_is_set_for_the_duration_and_restored(
    tmp_path: Path, _isolated_home: Path
) -> None:
    with config.svduty_home(tmp_path / "demo"):
        assert config.home() == tmp_path / "demo"
    assert config.home() == _isolated_home


def _environment_reads(tree: ast.Module) -> Iterator[int]:
    """Lines reading the environment: ``os.getenv``, ``os.environ.get``/``[...]``/``in``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "getenv":
            yield node.lineno
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func.value
            if ast.unparse(target).endswith("environ") and node.func.attr in {
                "get",
                "copy",
                "items",
            }:
                yield node.lineno
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            if ast.unparse(node.value).endswith("environ"):
                yield node.lineno
        elif isinstance(node, ast.Compare) and any(
            ast.unparse(side).endswith("environ") for side in node.comparators
        ):
            yield node.lineno


def test_only_config_reads_the_environment() -> None:
    readers = sorted(
        f"{path.relative_to(SRC)}:{line}"
        for path in (SRC / "svduty").rglob("*.py")
        if path.name != "config.py" or path.parent.name != "svduty"
        for line in _environment_reads(ast.parse(path.read_text(encoding="utf-8")))
    )
    assert readers == []


def test_upload_limits_per_source_come_from_the_environment(monkeypatch):
    from svduty.errors import SvdutyError

    monkeypatch.setenv("SVDUTY_UPLOAD_LIMITS_MB", "police-uk=2048, default=64")
    limits = config.web_environment().upload_limits_mb
    assert limits["police-uk"] == 2048 and limits["default"] == 64
    assert limits["police-crimes"] == config.UPLOAD_LIMITS_MB["police-crimes"]
    monkeypatch.setenv("SVDUTY_UPLOAD_LIMITS_MB", "police-uk=big")
    with pytest.raises(SvdutyError, match="'police-uk=big' is not source=MB"):
        config.web_environment()
