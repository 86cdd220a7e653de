"""Demo data: Sample County publishes its public summary under its strategy's definition."""

from __future__ import annotations

import datetime as dt


def seed_insight(context, today: dt.date) -> None:
    from svduty.web.insight.defaults import default_definition
    from svduty.web.insight.models import PublishedSummary

    partnership = context.partnership
    PublishedSummary.objects.create(
        partnership=partnership,
        definition_name=default_definition(partnership),
        published=True,
    )
