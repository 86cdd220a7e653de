"""Permissions that are about the partnership's data, not one model's rows."""

from __future__ import annotations

import rules

from svduty.web.common.access import member_with
from svduty.web.common.roles import READERS

#: Every member reads the needs-assessment dashboards and core measures (aggregates only).
rules.add_perm("insight.view_dashboards", member_with(READERS))
