"""Production settings come from the environment and pass Django's deployment checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PRODUCTION = {"DJANGO_SETTINGS_MODULE": "svduty.web.project.settings"}
SHOW = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'db': s.DATABASES['default']['NAME'], 'engine': s.DATABASES['default']['ENGINE'], "
    "'secure': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT], "
    "'hsts': s.SECURE_HSTS_SECONDS, 'key': s.SECRET_KEY}))"
)


def run_django(args: list[str], env: dict[str, str], home) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DATABASE_URL", "SECRET_KEY", "SVDUTY_HTTPS", "ALLOWED_HOSTS"}
    }
    clean.update(PRODUCTION, SVDUTY_HOME=str(home), **env)
    return subprocess.run(
        [sys.executable, "-c", "import django, sys; django.setup(); " + args[0]]
        if args[0].startswith("import")
        else [sys.executable, "-m", "django", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def show(env, home) -> dict:
    result = run_django([SHOW], env, home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_passes_with_production_settings(tmp_path):
    key = "k" * 20 + "production-secret-key-with-enough-entropy-0123456789"
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"], {"SECRET_KEY": key}, tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_defaults_are_secure_and_local(tmp_path):
    found = show({}, tmp_path)
    assert found["debug"] is False
    assert found["hosts"] == ["127.0.0.1", "localhost"]
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["db"] == str(tmp_path / "app.sqlite3")
    assert found["secure"] == [True, True, True] and found["hsts"] == 31_536_000
    # No SECRET_KEY: one is generated once and kept private in SVDUTY_HOME.
    key_file = tmp_path / "secret.key"
    assert found["key"] == key_file.read_text() and len(found["key"]) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert show({}, tmp_path)["key"] == found["key"]


def test_environment_overrides(tmp_path):
    found = show(
        {
            "DEBUG": "1",
            "ALLOWED_HOSTS": "svd.example.org, www.svd.example.org",
            "DATABASE_URL": "postgres://svd@db.example.org:5432/svduty",
            "SECRET_KEY": "from-the-environment",
            "SVDUTY_HTTPS": "0",
        },
        tmp_path,
    )
    assert found["debug"] is True
    assert found["hosts"] == ["svd.example.org", "www.svd.example.org"]
    assert found["engine"] == "django.db.backends.postgresql" and found["db"] == "svduty"
    assert found["key"] == "from-the-environment"
    assert found["secure"] == [False, False, False] and found["hsts"] == 0


def test_an_existing_secret_key_file_is_kept(tmp_path):
    key_file = tmp_path / "secret.key"
    key_file.write_text("an-older-home-s-key-" + "x" * 40 + "\n")
    assert show({}, tmp_path)["key"] == "an-older-home-s-key-" + "x" * 40
    assert key_file.read_text().endswith("\n")  # read, not rewritten


@pytest.mark.django_db
def test_the_sqlite_test_database_is_a_file_so_concurrent_writers_wait():
    """Shared-cache memory databases refuse a write during another thread's read at once
    ("database table is locked"), which made the browser tests with the job worker race."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL waits for locks anyway")
    from pathlib import Path

    name = str(connection.settings_dict["NAME"])  # pytest-xdist adds "_gw0" to it
    assert "mode=memory" not in name and name != ":memory:" and "test-app.sqlite3" in name
    assert Path(name).is_file()
