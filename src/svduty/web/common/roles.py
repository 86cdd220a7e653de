"""The roles a member can hold in a partnership, and the groups of roles the access rules use.

One place to read who may do what: each app's ``rules_permissions`` name one of these groups.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    COORDINATOR = "coordinator", "Coordinator"
    ANALYST = "analyst", "Analyst"
    BOARD_MEMBER = "board_member", "Board member"
    PROVIDER = "provider", "Provider"
    VIEWER = "viewer", "Viewer"
    PANEL_MEMBER = "panel_member", "Panel member"


#: Every role sees the partnership's governance, strategy and delivery plan.
READERS = frozenset(Role.values)
#: Run the partnership: governance, strategy, delivery plan.
MANAGERS = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR})
#: Managers plus analysts, who own the needs assessment and its recommendations.
ANALYSTS = MANAGERS | {Role.ANALYST}
#: Post quarterly progress: managers, and providers on actions their organisation owns.
REPORTERS = MANAGERS | {Role.PROVIDER}
#: Manage members and organisations; use the Django admin.
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
#: Score bids in funding rounds: managers and board members (added by the funding app).
EVALUATORS = MANAGERS | {Role.BOARD_MEMBER}
#: Need-to-know for operational panel data (referrals, meetings, networks, places): panel members
#: only. Administrators read the panel's access log and run retention, but see no case data.
PANEL = frozenset({Role.PANEL_MEMBER})
