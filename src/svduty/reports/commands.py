"""CLI: ``svduty sna``, the needs assessment files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add ``sna`` to the svduty app."""
    app.command("sna")(sna_command)


def sna_command(
    definition: Annotated[
        str, typer.Option("--definition", help="Definition preset name or YAML file.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the report files to.")],
    area: Annotated[
        str | None,
        typer.Option("--area", help="Area code (LSOA, district, CSP or force area)."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First month, YYYY-MM (default: the earliest).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last month, YYYY-MM (default: the latest).")
    ] = None,
    warehouse: Annotated[Path | None, typer.Option("--warehouse", help="Warehouse file.")] = None,
    recommendations: Annotated[
        Path | None,
        typer.Option("--recommendations", help="YAML list of recommendations (id, text, ...)."),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public",
            help="Write the public summary (public-summary.html/.pdf/.xlsx/.docx): counts 1-4 "
            "suppressed, no person-level data.",
        ),
    ] = False,
    partnership: Annotated[
        str | None, typer.Option("--partnership", help="The partnership's name, for the cover.")
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Who owns the document (a team or a post).")
    ] = None,
    version: Annotated[
        str | None, typer.Option("--version", help="The document's version, e.g. 1.2.")
    ] = None,
    status: Annotated[
        str,
        typer.Option("--status", help="Where it stands, e.g. 'Approved by the board on 5 May'."),
    ] = "Draft",
) -> None:
    """Produce the strategic needs assessment: sna.html, .pdf, .xlsx and .docx in --out."""
    from svduty.console import quiet_library_warnings, step_progress
    from svduty.reports.document import Cover
    from svduty.reports.sna import check_inputs, produce_sna

    quiet_library_warnings()
    check_inputs(
        definition, start=start, end=end, warehouse=warehouse, recommendations=recommendations
    )
    with step_progress("needs assessment") as report:
        output = produce_sna(
            definition,
            out,
            area=area,
            start=start,
            end=end,
            warehouse=warehouse,
            recommendations=recommendations,
            public=public,
            progress=report,
            cover=Cover(partnership, owner, version, status),
        )
    for path in output.files.values():
        typer.echo(f"Wrote {path}")
    for key, reason in output.unavailable.items():
        typer.echo(f"Section {key}: {reason}")
    typer.echo(f"Done in {output.timings['total']:.1f} s")
