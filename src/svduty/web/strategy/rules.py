"""Object-level rules beyond role groups: providers report on their organisation's actions."""

from __future__ import annotations

from typing import Any

import rules

from svduty.web.common.access import member_with
from svduty.web.common.roles import MANAGERS, Role


def _action_of(obj: Any):
    from svduty.web.strategy.models import Action, QuarterlyUpdate

    if isinstance(obj, Action):
        return obj
    if isinstance(obj, QuarterlyUpdate):
        return obj.action
    return None


@rules.predicate
def provider_owns_action(user: Any, obj: Any = None) -> bool:
    """The user is a provider member acting for the organisation that owns the action."""
    action = _action_of(obj)
    if action is None or action.owner_organisation_id is None:
        return False
    from svduty.web.organisations.models import Membership

    return Membership.objects.filter(
        user=user,
        partnership_id=action.partnership_id,
        role=Role.PROVIDER,
        organisation_id=action.owner_organisation_id,
    ).exists()


#: Who may post or correct a quarterly update on an action.
can_report_on_action = member_with(MANAGERS) | provider_owns_action
