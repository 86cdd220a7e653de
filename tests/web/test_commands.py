"""``svduty manage`` passes arguments to Django; ``svduty serve`` prepares loopback serving."""

import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from svduty.web import commands


@pytest.fixture
def app():
    app = typer.Typer()
    commands.register(app)
    return app


@pytest.mark.django_db
def test_manage_passes_arguments_through(app, capsys):
    result = CliRunner().invoke(app, ["manage", "showmigrations", "strategy"])
    assert result.exit_code == 0, result.output
    out = result.output + capsys.readouterr().out
    assert "[X] 0001_initial" in out


def test_manage_reports_unknown_commands(app):
    result = CliRunner().invoke(app, ["manage", "no-such-command"])
    assert result.exit_code != 0


def test_serve_on_loopback_relaxes_https_only(monkeypatch):
    for name in ("SVDUTY_HTTPS", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    commands.prepare_environment("127.0.0.1")
    assert os.environ["SVDUTY_HTTPS"] == "0"
    assert "127.0.0.1" in os.environ["ALLOWED_HOSTS"].split(",")


def test_serve_elsewhere_keeps_https(monkeypatch):
    for name in ("SVDUTY_HTTPS", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    commands.prepare_environment("0.0.0.0")
    assert "SVDUTY_HTTPS" not in os.environ
    assert "0.0.0.0" in os.environ["ALLOWED_HOSTS"].split(",")


def test_serve_reports_a_bad_database_in_one_line(tmp_path):
    code = (
        "import typer, sys\n"
        "from svduty.errors import SvdutyError\n"
        "from svduty.web import commands\n"
        "app = typer.Typer(); commands.register(app)\n"
        "try:\n    app(['serve', '--port', '8791'])\n"
        "except SvdutyError as e:\n    print(f'Error: {e}', file=sys.stderr); sys.exit(2)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(SVDUTY_HOME=str(tmp_path), DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot prepare the web application")


@pytest.mark.parametrize("hosts", ["svd.example.org", ""])
def test_serve_keeps_the_hosts_it_is_given(monkeypatch, hosts):
    monkeypatch.setenv("ALLOWED_HOSTS", hosts)
    commands.prepare_environment("127.0.0.1")
    assert os.environ["ALLOWED_HOSTS"] == hosts
