"""Providers report outputs and outcomes of the interventions their organisation delivers.

The predicates read the object's attributes and import no model (the models import them).
"""

from __future__ import annotations

from typing import Any

import rules

from svduty.web.common.access import acts_as_provider_for, member_with
from svduty.web.common.roles import MANAGERS


def _intervention_of(obj: Any) -> Any:
    """The intervention itself, or the intervention an output, outcome or evaluation is about."""
    return getattr(obj, "intervention", obj)


@rules.predicate
def provider_delivers(user: Any, obj: Any = None) -> bool:
    """The user is a provider member acting for the organisation delivering the intervention."""
    intervention = _intervention_of(obj)
    return acts_as_provider_for(
        user,
        getattr(intervention, "partnership_id", None),
        getattr(intervention, "provider_id", None),
    )


#: Who may record an intervention's outputs and outcomes.
can_report_on_intervention = member_with(MANAGERS) | provider_delivers
