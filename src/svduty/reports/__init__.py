"""Document assembly: the needs assessment as HTML, PDF and XLSX, charts, disclosure control.

Never imports Django: the web app calls in here (for example :func:`charts.figures_for` for its
dashboards), not the other way round. Entry point: :func:`svduty.reports.sna.produce_sna`.
"""
