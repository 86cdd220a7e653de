"""``sna.pdf``: the print layout of the report, paginated by WeasyPrint (A4, cover, contents
with page numbers, numbered figures and tables). Charts stay vector (inline SVG)."""

from __future__ import annotations

import logging
from pathlib import Path

from svduty.reports.document import Report
from svduty.reports.html import render_html


def write_pdf(report: Report, path: Path) -> Path:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = render_html(report, pdf=True)
    # Charts are data: URIs; any other URL in the document is a bug and is never fetched.
    fetcher = URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
    HTML(string=html, url_fetcher=fetcher).write_pdf(str(path))
    return path
