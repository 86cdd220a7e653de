"""Delivery-plan queries: each action with its latest RAG, filtered as the plan view asks."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import OuterRef, QuerySet, Subquery

from svduty.web.strategy.models import Action, QuarterlyUpdate


def actions_with_latest_rag(partnership) -> QuerySet[Action]:
    """The partnership's actions, each annotated ``latest_rag`` (``None`` before any update)."""
    latest = QuarterlyUpdate.objects.filter(action=OuterRef("pk")).order_by(
        "-financial_year", "-quarter"
    )
    return (
        Action.objects.filter(partnership=partnership)
        .select_related("owner_organisation")
        .annotate(latest_rag=Subquery(latest.values("rag")[:1]))
    )


def filter_actions(
    actions: QuerySet[Action],
    *,
    priority=None,
    owner=None,
    pillar: str = "",
    rag: str = "",
) -> QuerySet[Action]:
    """Narrow by priority, owner organisation, pillar and latest RAG (``"none"``: no update)."""
    if priority is not None:
        actions = actions.filter(priorities=priority)
    if owner is not None:
        actions = actions.filter(owner_organisation=owner)
    if pillar:
        actions = actions.filter(pillar=pillar)
    if rag == "none":
        actions = actions.filter(latest_rag__isnull=True)
    elif rag:
        actions = actions.filter(latest_rag=rag)
    return actions


def rag_counts(actions, today: dt.date) -> dict[str, int]:
    """How many actions have each latest RAG, plus ``none`` and ``overdue``."""
    counts = Counter(action.latest_rag or "none" for action in actions)
    counts["overdue"] = sum(1 for action in actions if action.is_overdue(today))
    return dict(counts)
