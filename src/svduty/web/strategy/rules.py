"""Object-level rules beyond role groups: providers report on their organisation's actions.

The predicates read the object's attributes and import no model (the models import them).
"""

from __future__ import annotations

from typing import Any

import rules

from svduty.web.common.access import acts_as_provider_for, member_with
from svduty.web.common.roles import MANAGERS


def _action_of(obj: Any) -> Any:
    """The action itself, or the action a quarterly update reports on."""
    return getattr(obj, "action", obj)


@rules.predicate
def provider_owns_action(user: Any, obj: Any = None) -> bool:
    """The user is a provider member acting for the organisation that owns the action."""
    action = _action_of(obj)
    return acts_as_provider_for(
        user,
        getattr(action, "partnership_id", None),
        getattr(action, "owner_organisation_id", None),
    )


#: Who may post or correct a quarterly update on an action.
can_report_on_action = member_with(MANAGERS) | provider_owns_action
