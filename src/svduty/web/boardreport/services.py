"""Assemble a board report from the strategy, funding and interventions apps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from svduty.web.boardreport import progress as progress_rules
from svduty.web.common.ordering import naturally_sorted
from svduty.web.common.periods import FinancialQuarter
from svduty.web.funding import services as funding
from svduty.web.interventions import services as interventions
from svduty.web.partnership.models import Board, BoardKind
from svduty.web.strategy import measures as strategy_measures
from svduty.web.strategy.models import RAG_TAGS, Action, QuarterlyUpdate, Rag
from svduty.web.strategy.services import status_label
from svduty.web.strategy.status import LAPSED_GREEN


@dataclass
class BoardReport:
    partnership: object
    board: object
    period: FinancialQuarter
    progress: progress_rules.Progress
    spend_rows: list
    spend_totals: dict
    outputs: list
    #: The measures framework as of the report's quarter (``strategy.measures.MeasureRow``).
    measures: list = field(default_factory=list)

    @property
    def status_rows(self) -> list[tuple[str, str, int, int, int]]:
        """``(status, label, now, last quarter, change)`` for each RAG and "no update", and for
        a Green past its due date without a reason when either quarter has one."""
        p = self.progress
        statuses = list(Rag.values)
        if p.counts.get(LAPSED_GREEN) or p.previous_counts.get(LAPSED_GREEN):
            statuses.append(LAPSED_GREEN)
        statuses.append(progress_rules.NO_UPDATE)
        return [
            (
                value,
                self.label(value),
                p.counts.get(value, 0),
                p.previous_counts.get(value, 0),
                p.change(value),
            )
            for value in statuses
        ]

    @staticmethod
    def label(status: str) -> str:
        """The words for a status the report shows."""
        return status_label(None if status == progress_rules.NO_UPDATE else status)

    @property
    def movement_rows(self) -> list[tuple[progress_rules.Movement, str, str]]:
        """Each change of status with the words for before and after."""
        return [(m, self.label(m.before), self.label(m.after)) for m in self.progress.movements]

    @property
    def overdue_rows(self) -> list[tuple[progress_rules.OverdueAction, str, str]]:
        """Each overdue action with the words and GOV.UK tag of its status."""
        return [
            (a, self.label(a.status), RAG_TAGS.get(a.status, "govuk-tag--grey"))
            for a in self.progress.overdue
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


def default_board(partnership) -> Board | None:
    """The board a report opens on when the user has not chosen one: the top of the governance
    (the strategic board before any other top-level board), since only a top-level board also
    reports on the actions no board was named for. Name order breaks ties."""
    boards = list(partnership.boards.all())
    if not boards:
        return None
    return min(
        boards,
        key=lambda b: (b.parent_id is not None, b.kind != BoardKind.STRATEGIC_BOARD, b.name),
    )


def action_facts(
    partnership, period: FinancialQuarter, board=None
) -> list[progress_rules.ActionFacts]:
    """Each action the board reports on, with its updates up to ``period`` (three queries), in
    natural order of reference (1.2 before 1.10)."""
    updates: dict[int, list] = {}
    for action_id, year, quarter, rag, reason in QuarterlyUpdate.objects.filter(
        partnership=partnership, financial_year__lte=period.year
    ).values_list("action_id", "financial_year", "quarter", "rag", "green_override_reason"):
        updates.setdefault(action_id, []).append(
            progress_rules.Update(FinancialQuarter(year, quarter), rag, reason)
        )
    actions = reported_actions(partnership, board).select_related("owner_organisation")
    return [
        progress_rules.ActionFacts(
            reference=action.reference,
            title=action.title,
            start_date=action.start_date,
            due_date=action.due_date,
            completed_on=action.completed_on,
            updates=tuple(updates.get(action.pk, ())),
            owner=action.owner_organisation.name,
            lead=action.lead,
        )
        for action in naturally_sorted(actions, lambda action: action.reference)
    ]


def build(
    partnership, board, period: FinancialQuarter, today: dt.date | None = None
) -> BoardReport:
    """The report of ``board`` for ``period``; ``today`` (default: the local date) caps the day
    a quarter still running is judged on."""
    today = today or timezone.localdate()
    rows = funding.spend_against_allocation(partnership, period.year, up_to=period.end)
    return BoardReport(
        partnership=partnership,
        board=board,
        period=period,
        progress=progress_rules.progress(action_facts(partnership, period, board), period, today),
        spend_rows=rows,
        spend_totals=funding.totals(rows),
        outputs=interventions.outputs_for_quarter(partnership, period),
        measures=strategy_measures.rows(partnership, up_to=period, today=today),
    )


def _no_fetching(url: str, *args, **kwargs):
    """The print template is self-contained; refuse any resource so no request leaves the server."""
    raise ValueError(f"The board report PDF does not load external resources ({url}).")


def render_pdf(html: str) -> bytes:
    """An A4 PDF (size set by the print template's ``@page``) of the report's print HTML."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
