"""The status an action shows: its latest RAG, except that Green does not outlast the due date.

An action past its due date and not complete is, by the RAG convention, not on track. A quarterly
update can still rate it Green if it gives an override reason (for example, the board agreed a
new date); the model refuses a Green update on an overdue action without one. A Green given
*before* the due date has no reason, though, and would otherwise stand until the next update:
such an action shows :data:`LAPSED_GREEN` instead, never Green, until someone rates it again.

Plain values only (no Django), so the board report's pure progress rules can use it too.
"""

from __future__ import annotations

import datetime as dt

GREEN = "green"
#: The shown status of an overdue action whose latest Green has no override reason.
LAPSED_GREEN = "lapsed_green"
LAPSED_GREEN_LABEL = "Past due: Green needs a reason"


def overdue_on(due_date: dt.date, completed_on: dt.date | None, day: dt.date) -> bool:
    """Past its due date on ``day`` and not completed by then."""
    return due_date < day and (completed_on is None or completed_on > day)


def shown_status(rag: str | None, green_reason: str | None, overdue: bool) -> str | None:
    """``rag``, or :data:`LAPSED_GREEN` for a Green without a reason on an overdue action."""
    if rag == GREEN and overdue and not (green_reason or "").strip():
        return LAPSED_GREEN
    return rag
