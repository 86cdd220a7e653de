"""Object rules of bidding: applicants see their own bids; scores stay hidden until one's own is in.

Independent scoring means an evaluator must not see anyone else's scores for an application before
submitting their own scorecard for it. Managers see every scorecard once the round has moved to
moderation (they moderate them).

The predicates read the object's attributes and import no model (the models import them).
"""

from __future__ import annotations

from typing import Any

import rules

from svduty.web.common.access import acts_as_provider_for, member_with
from svduty.web.common.roles import EVALUATORS, MANAGERS


def _scorecard_of(obj: Any) -> Any:
    """A scorecard itself, or the scorecard a score is on; None for anything else."""
    scorecard = getattr(obj, "scorecard", obj)
    return scorecard if hasattr(scorecard, "evaluator_id") else None


def _application_of(obj: Any) -> Any:
    """An application itself, or the application a scorecard or score is about; else None."""
    scorecard = _scorecard_of(obj)
    if scorecard is not None:
        return scorecard.application
    return obj if hasattr(obj, "applicant_id") else None


@rules.predicate
def provider_of_applicant(user: Any, obj: Any = None) -> bool:
    """The user is a provider member acting for the organisation that applied."""
    application = _application_of(obj)
    if application is None:
        return False
    return acts_as_provider_for(user, application.partnership_id, application.applicant_id)


@rules.predicate
def is_own_scorecard(user: Any, obj: Any = None) -> bool:
    scorecard = _scorecard_of(obj)
    return scorecard is not None and scorecard.evaluator_id == user.pk


@rules.predicate
def has_scored(user: Any, obj: Any = None) -> bool:
    """The user has submitted their own scorecard for the application ``obj`` is about."""
    application = _application_of(obj)
    return application is not None and application.scorecards.filter(evaluator=user).exists()


@rules.predicate
def in_moderation(user: Any, obj: Any = None) -> bool:
    application = _application_of(obj)
    return application is not None and application.bidding_round.scoring_closed


#: See an application: evaluators and managers, and the applicant's own provider members.
applicant_or_evaluator = member_with(EVALUATORS) | provider_of_applicant
#: Change a scorecard: only the evaluator who wrote it.
own_scorecard = member_with(EVALUATORS) & is_own_scorecard
#: See a scorecard: its author; other evaluators after scoring; managers from moderation on.
can_see_scorecard = member_with(EVALUATORS) & (
    is_own_scorecard | has_scored | (member_with(MANAGERS) & in_moderation)
)
