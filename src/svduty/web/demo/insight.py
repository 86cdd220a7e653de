"""The demo partnership publishes its public summary under its strategy's definition."""

from __future__ import annotations

import datetime as dt

from svduty.web.demo.context import DemoContext
from svduty.web.insight.defaults import default_definition
from svduty.web.insight.models import PublishedSummary


def seed_insight(context: DemoContext, today: dt.date) -> None:
    """The published summary, so that the public pages show Sample County."""
    partnership = context.partnership
    PublishedSummary.objects.create(
        partnership=partnership,
        definition_name=default_definition(partnership),
        published=True,
    )
