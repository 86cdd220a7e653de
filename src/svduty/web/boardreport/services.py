"""Assemble a board report from the strategy, funding and interventions apps."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from svduty.web.boardreport import progress as progress_rules
from svduty.web.common.periods import FinancialQuarter
from svduty.web.funding import services as funding
from svduty.web.interventions import services as interventions
from svduty.web.strategy.models import Action, QuarterlyUpdate, Rag


@dataclass
class BoardReport:
    partnership: object
    board: object
    period: FinancialQuarter
    progress: progress_rules.Progress
    spend_rows: list
    spend_totals: dict
    outputs: list

    @property
    def status_rows(self) -> list[tuple[str, str, int, int, int]]:
        """``(status, label, now, last quarter, change)`` for each RAG and "no update"."""
        labels = [(rag.value, rag.label) for rag in Rag] + [(progress_rules.NO_UPDATE, "No update")]
        p = self.progress
        return [
            (value, label, p.counts.get(value, 0), p.previous_counts.get(value, 0), p.change(value))
            for value, label in labels
        ]

    @property
    def people_reached(self) -> int:
        return sum(row.quarter_reached or 0 for row in self.outputs)

    @property
    def people_reached_year(self) -> int:
        return sum(row.year_to_date for row in self.outputs)


def reported_actions(partnership, board=None):
    """The actions a board reports on: those it or any group below it oversees, and, for a
    top-level board, those no board was named for. ``board=None``: every action."""
    actions = Action.objects.filter(partnership=partnership)
    if board is None:
        return actions
    boards = {board.pk}
    children: dict[int | None, list[int]] = {}
    for pk, parent in partnership.boards.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    frontier = [board.pk]
    while frontier:  # the board's subtree (the hierarchy is a few levels deep)
        below = [child for pk in frontier for child in children.get(pk, ()) if child not in boards]
        boards.update(below)
        frontier = below
    overseen = models.Q(board__in=boards)
    if board.parent_id is None:
        overseen |= models.Q(board__isnull=True)
    return actions.filter(overseen)


def action_facts(
    partnership, period: FinancialQuarter, board=None
) -> list[progress_rules.ActionFacts]:
    """Each action the board reports on, with its updates up to ``period`` (three queries)."""
    updates: dict[int, list] = {}
    for action_id, year, quarter, rag in QuarterlyUpdate.objects.filter(
        partnership=partnership, financial_year__lte=period.year
    ).values_list("action_id", "financial_year", "quarter", "rag"):
        updates.setdefault(action_id, []).append((FinancialQuarter(year, quarter), rag))
    return [
        progress_rules.ActionFacts(
            reference=action.reference,
            title=action.title,
            start_date=action.start_date,
            due_date=action.due_date,
            completed_on=action.completed_on,
            updates=tuple(updates.get(action.pk, ())),
        )
        for action in reported_actions(partnership, board).order_by("reference")
    ]


def build(partnership, board, period: FinancialQuarter) -> BoardReport:
    rows = funding.spend_against_allocation(partnership, period.year, up_to=period.end)
    return BoardReport(
        partnership=partnership,
        board=board,
        period=period,
        progress=progress_rules.progress(action_facts(partnership, period, board), period),
        spend_rows=rows,
        spend_totals=funding.totals(rows),
        outputs=interventions.outputs_for_quarter(partnership, period),
    )


def _no_fetching(url: str, *args, **kwargs):
    """The print template is self-contained; refuse any resource so no request leaves the server."""
    raise ValueError(f"The board report PDF does not load external resources ({url}).")


def render_pdf(html: str) -> bytes:
    """An A4 PDF (size set by the print template's ``@page``) of the report's print HTML."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
