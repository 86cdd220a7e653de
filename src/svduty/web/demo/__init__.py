"""The Sample County demo partnership: organisations, governance, strategy, delivery, panel.

``seed_demo()`` fills an empty application database (deterministically) and returns the demo
log-ins; ``svduty manage seed_demo`` and ``svduty demo`` call it. Each area is seeded by its own
module here, a :data:`~svduty.web.demo.context.Seeder` taking the shared
:class:`~svduty.web.demo.context.DemoContext` and ``today``, listed in :data:`SEEDERS`; what
the demo says (names, texts, amounts) is in ``data/*.yaml`` beside them.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from svduty.web.demo.consultation import seed_consultation
from svduty.web.demo.context import DEMO_PASSWORD, DEMO_SLUG, DemoContext, DemoLogin, Seeder
from svduty.web.demo.funding import seed_bidding, seed_funding
from svduty.web.demo.insight import seed_insight
from svduty.web.demo.interventions import seed_interventions
from svduty.web.demo.measures import seed_measures
from svduty.web.demo.organisations import reset_passwords, seed_organisations, seed_users
from svduty.web.demo.panel import seed_panel
from svduty.web.demo.partnership import create_partnership, seed_calendar, seed_governance
from svduty.web.demo.strategy import seed_strategy
from svduty.web.demo.training import seed_training
from svduty.web.partnership.models import Partnership

__all__ = ["DEMO_PASSWORD", "DEMO_SLUG", "SEEDERS", "DemoLogin", "format_logins", "seed_demo"]

#: The seeders run in this order: each may use what the ones before it put in the context.
SEEDERS: list[Seeder] = [
    seed_organisations,
    seed_users,
    seed_governance,
    seed_calendar,
    seed_strategy,
    seed_measures,
    seed_funding,
    seed_bidding,
    seed_interventions,
    seed_training,
    seed_consultation,
    seed_panel,
    seed_insight,
]


def seed_demo(today: dt.date | None = None) -> list[DemoLogin]:
    """Create the Sample County partnership (once) and return the demo log-ins.

    Running it again on a seeded database changes nothing but resets the demo passwords.
    """
    today = today or timezone.localdate()
    if Partnership.objects.filter(slug=DEMO_SLUG).exists():
        return reset_passwords()
    with transaction.atomic():
        context = DemoContext(partnership=create_partnership())
        for seeder in SEEDERS:
            seeder(context, today)
    return context.logins


def format_logins(logins: list[DemoLogin]) -> str:
    """The demo log-ins as lines to print."""
    lines = ["Demo log-ins (user name / password – role):"]
    lines += [f"  {x.username} / {x.password} – {x.role}: {x.description}" for x in logins]
    return "\n".join(lines)
