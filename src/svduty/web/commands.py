"""``svduty serve`` and ``svduty manage``: the web application and Django's commands."""

from __future__ import annotations

import os

import typer

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def prepare_environment(host: str) -> None:
    """Settings come from the environment; plain HTTP on loopback needs two relaxations."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svduty.web.project.settings")
    if host in LOOPBACK_HOSTS:
        # Browsers drop Secure cookies and HTTPS redirects break plain http://127.0.0.1.
        os.environ.setdefault("SVDUTY_HTTPS", "0")
    os.environ.setdefault("ALLOWED_HOSTS", ",".join(sorted(LOOPBACK_HOSTS | {host})))


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    threads: int = typer.Option(8, help="Worker threads of the WSGI server (waitress)."),
    migrate: bool = typer.Option(
        True, "--migrate/--no-migrate", help="Apply database migrations before serving."
    ),
    worker: bool = typer.Option(
        True,
        "--worker/--no-worker",
        help="Run data uploads and reports in a background thread (else: manage run_worker).",
    ),
) -> None:
    """Serve the web application with waitress (production settings from the environment)."""
    prepare_environment(host)
    from django.core.management import call_command
    from waitress import serve as waitress_serve

    from svduty.errors import SvdutyError
    from svduty.web import setup_django

    try:
        setup_django()
        if migrate:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
    except Exception as error:  # a bad DATABASE_URL or unreachable database is the user's to fix
        reason = (str(error).splitlines() or [type(error).__name__])[0]
        raise SvdutyError(
            f"cannot prepare the web application (DATABASE_URL?): {reason}"
        ) from error
    from django.core.wsgi import get_wsgi_application

    if worker:
        from svduty.web.insight.worker import requeue_interrupted, start_worker_thread

        requeue_interrupted()
        start_worker_thread()
    typer.echo(f"Serving svduty on http://{host}:{port}/ (Ctrl+C to stop)")
    waitress_serve(get_wsgi_application(), host=host, port=port, threads=threads, ident="svduty")


def manage(ctx: typer.Context) -> None:
    """Run a Django management command, for example: svduty manage check --deploy."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svduty.web.project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["svduty manage", *ctx.args])


def register(app: typer.Typer) -> None:
    app.command(name="serve")(serve)
    app.command(
        name="manage",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        add_help_option=False,
    )(manage)
