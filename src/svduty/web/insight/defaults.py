"""The definition a partnership's dashboards open with."""

from __future__ import annotations

from svduty.web.insight.models import PublishedSummary
from svduty.web.strategy.definitions import definition_names


def default_definition(partnership) -> str:
    """The latest strategy's definition, else the public summary's, else a shipped preset."""
    strategy = partnership.strategies.order_by("-pk").first()
    if strategy is not None and strategy.definition_name:
        return strategy.definition_name
    published = PublishedSummary.objects.filter(partnership=partnership).first()
    if published is not None:
        return published.definition_name
    names = definition_names()
    return "northamptonshire" if "northamptonshire" in names else names[0]
