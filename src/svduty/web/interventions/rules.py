"""Providers report outputs and outcomes of the interventions their organisation delivers."""

from __future__ import annotations

from typing import Any

import rules

from svduty.web.common.access import member_with
from svduty.web.common.roles import MANAGERS, Role


def _intervention_of(obj: Any):
    from svduty.web.interventions.models import Intervention

    if isinstance(obj, Intervention):
        return obj
    return getattr(obj, "intervention", None)


@rules.predicate
def provider_delivers(user: Any, obj: Any = None) -> bool:
    """The user is a provider member acting for the organisation delivering the intervention."""
    intervention = _intervention_of(obj)
    if intervention is None:
        return False
    from svduty.web.organisations.models import Membership

    return Membership.objects.filter(
        user=user,
        partnership_id=intervention.partnership_id,
        role=Role.PROVIDER,
        organisation_id=intervention.provider_id,
    ).exists()


#: Who may record an intervention's outputs and outcomes.
can_report_on_intervention = member_with(MANAGERS) | provider_delivers
