"""Authorisation-matrix rows and world records of the panel (joined in ``tests.web.authz``).

Need-to-know: panel members only (``PANEL``) for case data; administrators (``ADMINISTRATORS``)
only for the access log and retention. Every other role — board members included — gets 403, any
role of another partnership 404, anonymous visitors the log-in page.
"""

from __future__ import annotations

from typing import Any

from svduty.web.common.roles import ADMINISTRATORS, PANEL
from tests.web.authz import ViewCase, World
from tests.web.panel.factories import (
    ClosedReferralFactory,
    ConnectionFactory,
    MeetingFactory,
    NetworkNodeFactory,
    PanelActionFactory,
    PlaceReviewFactory,
    ReferralFactory,
)


def extend_world(world: World) -> dict[str, Any]:
    p, owner = world.partnership, world.owner
    referral = ReferralFactory(partnership=p, referring_organisation=owner)
    connection = ConnectionFactory(network__partnership=p)
    NetworkNodeFactory(network=connection.network, kind="young_person", referral=referral, label="")
    return {
        "referral": referral,
        "closed_referral": ClosedReferralFactory(partnership=p, referring_organisation=owner),
        "meeting": MeetingFactory(partnership=p),
        "panel_action": PanelActionFactory(referral=referral, owner_organisation=owner),
        "network": connection.network,
        "place": PlaceReviewFactory(partnership=p),
    }


def _pk(name: str):
    return lambda world: {"pk": world.records[name].pk}


def _parent(name: str):
    return lambda world: {"parent": world.records[name].pk}


def _review(world: World) -> dict[str, Any]:
    return {"parent": world.meeting.pk, "referral": world.referral.pk}


PANEL_CASES: list[ViewCase] = [
    ViewCase("panel:home", PANEL),
    ViewCase("panel:referral_list", PANEL),
    ViewCase("panel:referral_add", PANEL, form=True),
    ViewCase("panel:referral_detail", PANEL, _pk("referral")),
    ViewCase("panel:referral_change", PANEL, _pk("referral"), form=True),
    ViewCase("panel:referral_identity", PANEL, _pk("referral"), form=True),
    ViewCase("panel:referral_reveal", PANEL, _pk("referral"), form=True),
    ViewCase("panel:referral_close", PANEL, _pk("referral"), form=True),
    ViewCase("panel:action_add", PANEL, _parent("referral"), form=True),
    ViewCase("panel:action_change", PANEL, _pk("panel_action"), form=True),
    ViewCase("panel:actions_export", PANEL),
    ViewCase("panel:meeting_list", PANEL),
    ViewCase("panel:meeting_add", PANEL, form=True),
    ViewCase("panel:meeting_detail", PANEL, _pk("meeting")),
    ViewCase("panel:minutes_export", PANEL, _pk("meeting")),
    ViewCase("panel:attendance_add", PANEL, _parent("meeting"), form=True),
    ViewCase("panel:review_add", PANEL, _review, form=True),
    ViewCase("panel:network_list", PANEL),
    ViewCase("panel:network_add", PANEL, form=True),
    ViewCase("panel:network_detail", PANEL, _pk("network")),
    ViewCase("panel:node_add", PANEL, _parent("network"), form=True),
    ViewCase("panel:connection_add", PANEL, _parent("network"), form=True),
    ViewCase("panel:place_list", PANEL),
    ViewCase("panel:place_add", PANEL, form=True),
    ViewCase("panel:place_detail", PANEL, _pk("place")),
    ViewCase("panel:place_change", PANEL, _pk("place"), form=True),
    ViewCase("panel:place_action_add", PANEL, _parent("place"), form=True),
    ViewCase("panel:access_log", ADMINISTRATORS),
    ViewCase("panel:retention", ADMINISTRATORS),
    ViewCase("panel:retention_delete", ADMINISTRATORS, _pk("closed_referral"), form=True),
]
