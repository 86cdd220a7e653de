"""The ``svduty`` command line: one Typer app that each package adds its commands to.

Each package owns its commands in ``<package>/commands.py`` (a ``register(app)`` function) so a
change to a command touches that package only. The commands modules stay light; their heavy imports
happen inside the command functions so ``svduty --help`` is fast.
"""

from __future__ import annotations

import sys

import typer

from svduty.definitions import commands as definitions_commands
from svduty.demo import commands as demo_commands
from svduty.errors import SvdutyError
from svduty.ingest import commands as ingest_commands
from svduty.reports import commands as reports_commands
from svduty.synth import commands as synth_commands
from svduty.warehouse import commands as warehouse_commands
from svduty.web import commands as web_commands

app = typer.Typer(
    name="svduty",
    help="svduty: needs assessment, measures and delivery for Serious Violence Duty partnerships.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register_commands() -> None:
    for module in (
        definitions_commands,
        synth_commands,
        web_commands,
        ingest_commands,
        warehouse_commands,
        reports_commands,
        demo_commands,
    ):
        module.register(app)


_register_commands()


def main() -> None:
    """Entry point: run the app; user errors become one line on stderr and exit status 2."""
    try:
        app()
    except SvdutyError as error:
        print(f"Error: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("Interrupted: nothing was changed by the unfinished step.", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
