"""CLI: ``svduty classify`` and ``svduty definitions list|show``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand

definitions_app = typer.Typer(
    help="Local definitions of serious violence: list the presets, show one in plain words.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add ``classify`` and the ``definitions`` group to the svduty app."""
    app.command("classify", cls=_ClassifyCommand)(classify_command)
    app.add_typer(definitions_app, name="definitions")


def classify_columns_help() -> str:
    """The paragraph ``classify --help`` adds: the columns the default definition reads, read
    from the definition itself (so it cannot drift from the rules)."""
    from svduty.definitions import DEFAULT_DEFINITION, RULE_COLUMNS, load_definition
    from svduty.definitions.classifier import required_columns

    default = load_definition(DEFAULT_DEFINITION)
    reads = required_columns(default)
    others = [name for name in RULE_COLUMNS if name not in reads]
    return (
        f"Columns required: only those the definition's rules read. The default definition, "
        f"{default.name}, reads {', '.join(reads)}; other definitions may read others "
        f"({', '.join(others)}); 'svduty definitions show NAME' gives a definition's rules. "
        "Other columns (crime_ref is named in refusals) are kept as written. The columns read "
        "are checked as the importer checks them: an unknown or empty location_type, or an "
        "unknown police_uk_crime_type, is refused naming its line and the allowed values."
    )


class _ClassifyCommand(TyperCommand):
    """``classify``: its help ends with the columns, worked out only when help is shown."""

    def format_help(self, ctx, formatter) -> None:
        base = (self.help or "").split("\n\n")[0]
        self.help = f"{base}\n\n{classify_columns_help()}"
        return super().format_help(ctx, formatter)


def classify_command(
    input_csv: Annotated[
        Path, typer.Argument(help="Crimes CSV: the columns the definition's rules read.")
    ],
    definition: Annotated[
        str, typer.Option("--definition", "-d", help="Preset name or path to a definition YAML.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output CSV (default: INPUT with .classified.csv)."),
    ] = None,
) -> None:
    """Classify each crime as serious violence or not under a local definition."""
    from rich.console import Console

    from svduty.definitions import classify_csv, load_definition

    chosen = load_definition(definition)
    target = out or input_csv.with_name(f"{input_csv.stem}.classified.csv")
    console = Console(stderr=True)
    with console.status(f"Classifying {input_csv.name} under {chosen.name}…"):
        summary = classify_csv(chosen, input_csv, target)
    proxy = " (COARSE PROXY)" if chosen.proxy else ""
    typer.echo(f"{summary.one_line()}{proxy}; written to {target}")


@definitions_app.command("list")
def list_command() -> None:
    """The preset definitions shipped with svduty."""
    from rich.console import Console
    from rich.table import Table

    from svduty.definitions import presets

    table = Table(title="Definitions of serious violence (presets)")
    table.add_column("name")
    table.add_column("title")
    table.add_column("rules", justify="right")
    table.add_column("proxy")
    for preset in presets():
        table.add_row(
            preset.name,
            preset.title,
            str(len(preset.rules)),
            "COARSE PROXY" if preset.proxy else "",
        )
    Console(width=160).print(table)


@definitions_app.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="Preset name or path to a definition YAML.")],
) -> None:
    """A definition's source wording and its rules in plain words."""
    from svduty.definitions import load_definition
    from svduty.definitions.describe import describe_definition

    typer.echo(describe_definition(load_definition(name)))
