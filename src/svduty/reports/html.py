"""``sna.html``: the report as one self-contained page (inline SVG and CSS, nothing fetched)."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

from svduty.reports.document import SUMMARY_RULE, Report

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["b64"] = lambda text: base64.b64encode(text.encode("utf-8")).decode()
    return environment


def render_html(report: Report, *, pdf: bool = False) -> str:
    """The report as HTML; ``pdf=True`` gives the print layout WeasyPrint paginates."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    template = _environment().get_template("sna.html.j2")
    return template.render(report=report, css=css, pdf=pdf, summary_rule=SUMMARY_RULE)


def write_html(report: Report, path: Path) -> Path:
    path.write_text(render_html(report), encoding="utf-8")
    return path
