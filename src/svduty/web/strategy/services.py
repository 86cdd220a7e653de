"""Delivery-plan queries: each action with its latest RAG, filtered as the plan view asks."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery

from svduty.web.common.ordering import naturally_sorted
from svduty.web.strategy.models import Action, QuarterlyUpdate, Rag
from svduty.web.strategy.status import LAPSED_GREEN, LAPSED_GREEN_LABEL, shown_status


def actions_with_latest_rag(partnership) -> QuerySet[Action]:
    """The partnership's actions, each annotated ``latest_rag`` (``None`` before any update) and
    ``latest_green_reason`` (that update's override reason)."""
    latest = QuarterlyUpdate.objects.filter(action=OuterRef("pk")).order_by(
        "-financial_year", "-quarter"
    )
    return (
        Action.objects.filter(partnership=partnership)
        .select_related("owner_organisation")
        .annotate(
            latest_rag=Subquery(latest.values("rag")[:1]),
            latest_green_reason=Subquery(latest.values("green_override_reason")[:1]),
        )
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


def in_reference_order(actions: Iterable[Action]) -> list[Action]:
    """Actions by reference in natural order: 1.2 before 1.10, 1.10 before 2.1."""
    return naturally_sorted(actions, lambda action: action.reference)


def status_shown(action: Action, today: dt.date) -> str | None:
    """The status the plan shows for an action annotated by :func:`actions_with_latest_rag`:
    its latest RAG, except a Green without an override reason once it is overdue."""
    return shown_status(
        action.latest_rag, getattr(action, "latest_green_reason", ""), action.is_overdue(today)
    )


def rag_counts(actions, today: dt.date) -> dict[str, int]:
    """How many actions show each status (``none``: no update), plus ``overdue``."""
    counts = Counter(status_shown(action, today) or "none" for action in actions)
    counts["overdue"] = sum(1 for action in actions if action.is_overdue(today))
    return dict(counts)


def status_label(status: str | None) -> str:
    """The words for a shown status: a RAG's label, the lapsed Green's, or "No update"."""
    if status == LAPSED_GREEN:
        return LAPSED_GREEN_LABEL
    return Rag(status).label if status else "No update"
