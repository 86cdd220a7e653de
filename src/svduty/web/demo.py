"""The Sample County demo partnership: organisations, governance, calendar, strategy, delivery plan.

``seed_demo()`` fills an empty application database (deterministically) and returns the demo
log-ins; ``svduty manage seed_demo`` and ``svduty demo`` call it. Each part is its own function
taking the :class:`DemoContext`, so later apps add ``seed_<app>(context)`` to :data:`SEEDERS`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from svduty.web.demo_delivery import SEEDERS as DELIVERY_SEEDERS
from svduty.web.insight.demo import seed_insight
from svduty.web.panel.demo import seed_panel

DEMO_SLUG = "sample-county"
DEMO_PASSWORD = "sample-county-demo"
#: Districts of the synthetic county (as ``svduty synth --scale county`` names them) and the four
#: Community Safety Partnerships they form.
DISTRICTS = ("Northby", "Sample Vale", "Easton Marsh", "Westford", "Brookhampton", "Kingsmere")
CSPS = (
    ("Northby", "Sample Vale"),
    ("Easton Marsh", "Westford"),
    ("Brookhampton",),
    ("Kingsmere",),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    description: str


@dataclass
class DemoContext:
    """What the seeders share: the partnership, organisations by key, users by key."""

    partnership: object
    organisations: dict[str, object] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(2024))


ORGANISATIONS = [
    # key, name, kind
    ("police", "Sample County Constabulary", "police"),
    ("fire", "Sample County Fire and Rescue Service", "fire_and_rescue"),
    ("icb", "Sample County Integrated Care Board", "integrated_care_board"),
    ("county", "Sample County Council", "county_council"),
    *[(f"district:{name}", f"{name} District Council", "district_council") for name in DISTRICTS],
    ("yjs", "Sample County Youth Justice Service", "youth_offending_team"),
    ("probation", "Probation Service – Sample County", "probation"),
    ("education", "Sample County Schools and Colleges", "education"),
    ("prison", "HMP Sampleton", "prison"),
    ("youth_custody", "Sampleton Young Offender Institution", "youth_custody"),
    ("opcc", "Office of the Police and Crime Commissioner for Sample County", "convener"),
    ("mentoring", "Sample Youth Mentoring Trust", "voluntary_sector"),
    ("streets", "Safer Streets Sample CIC", "voluntary_sector"),
]

USERS = [
    # username, role, organisation key, description
    ("admin", "administrator", "opcc", "partnership administrator (also the Django admin)"),
    ("coordinator", "coordinator", "opcc", "Serious Violence Duty coordinator"),
    ("analyst", "analyst", "county", "analyst (needs assessment)"),
    ("board", "board_member", "police", "strategic board member"),
    ("provider", "provider", "mentoring", "provider reporting on its own actions"),
    ("viewer", "viewer", "fire", "read-only partner"),
    ("panel", "panel_member", "yjs", "operational panel member (restricted case data)"),
]


def _seed_organisations(context: DemoContext) -> None:
    from svduty.web.organisations.models import Organisation

    for key, name, kind in ORGANISATIONS:
        context.organisations[key] = Organisation.objects.create(
            partnership=context.partnership, name=name, kind=kind
        )
    partnership = context.partnership
    partnership.lead_authority = context.organisations["county"]
    partnership.convener = context.organisations["opcc"]
    partnership.save()


def _seed_users(context: DemoContext) -> None:
    from svduty.web.organisations.models import Membership, User

    for username, role, organisation, description in USERS:
        user = User.objects.create_user(
            username=username,
            email=f"{username}@sample-county.example",
            password=DEMO_PASSWORD,
            first_name=username.capitalize(),
            last_name="Demo",
        )
        Membership.objects.create(
            partnership=context.partnership,
            user=user,
            role=role,
            organisation=context.organisations[organisation],
        )
        context.users[username] = user
        context.logins.append(DemoLogin(username, DEMO_PASSWORD, role, description))


def _seed_governance(context: DemoContext) -> None:
    from svduty.web.partnership.models import (
        Board,
        PartnershipAgreement,
        SeniorResponsibleOfficer,
    )

    p, orgs = context.partnership, context.organisations
    board = Board.objects.create(
        partnership=p,
        name="Sample County Safer Communities Board",
        kind="strategic_board",
        meeting_frequency="quarterly",
        chair="Police and Crime Commissioner",
    )
    delivery = Board.objects.create(
        partnership=p,
        name="Serious Violence Delivery Group",
        kind="delivery_group",
        parent=board,
        meeting_frequency="monthly",
        chair="Serious Violence Duty coordinator",
    )
    for name in ("Data and Analysis", "Training and Awareness", "Early Intervention"):
        Board.objects.create(
            partnership=p,
            name=f"{name} sub-group",
            kind="sub_group",
            parent=delivery,
            meeting_frequency="bimonthly",
        )
    for districts in CSPS:
        Board.objects.create(
            partnership=p,
            name=" and ".join(districts) + " Community Safety Partnership",
            kind="csp_board",
            parent=board,
            meeting_frequency="quarterly",
        )
    officers = {
        "police": ("Detective Chief Superintendent Alex Reed", "Head of Crime"),
        "fire": ("Jordan Price", "Area Manager, Prevention"),
        "icb": ("Dr Priya Shah", "Director of Public Health partnerships"),
        "county": ("Morgan Ellis", "Director of Communities"),
        "yjs": ("Chris Okafor", "Head of Youth Justice"),
        "probation": ("Taylor Green", "Head of Probation Delivery Unit"),
    }
    for key, (name, title) in officers.items():
        SeniorResponsibleOfficer.objects.create(
            partnership=p, organisation=orgs[key], name=name, job_title=title
        )
    PartnershipAgreement.objects.create(
        partnership=p,
        title="Sample County Serious Violence Duty partnership agreement",
        signed_on=dt.date(2023, 3, 20),
        period_start=dt.date(2023, 4, 1),
        period_end=dt.date(2027, 3, 31),
        review_frequency=6,
    )


def _seed_calendar(context: DemoContext, today: dt.date) -> None:
    from svduty.web.partnership.services import add_standard_requirements

    p = context.partnership
    add_standard_requirements(p, 2023, max(today.year, 2026))
    # Everything due more than a quarter ago was done, a few days early; the latest is left open.
    for requirement in p.requirements.filter(due_date__lt=today - dt.timedelta(days=90)):
        requirement.completed_on = requirement.due_date - dt.timedelta(days=4)
        requirement.save()


RECOMMENDATIONS = [
    "Share emergency-department assault data (ISTV) with the police monthly.",
    "Target prevention on the five wards with the highest rates of serious violence.",
    "Develop a county-wide response to knife carrying by under-18s.",
    "Map county-lines networks with youth justice, children's services and police.",
    "Commission trauma-informed support for children exposed to domestic abuse.",
    "Improve safety in the night-time economy of the two largest towns.",
    "Offer mentoring to young people excluded or at risk of exclusion from school.",
    "Train front-line practitioners in every authority on contextual safeguarding.",
    "Strengthen support for adults leaving prison with violence convictions.",
    "Ask young people and communities how safe they feel every year.",
]
PRIORITIES = [
    (
        "Reduce knife crime and weapon carrying among young people",
        "Knife-enabled violence, under 25s.",
    ),
    (
        "Tackle drug-related violence and county-lines exploitation",
        "Exploitation and drugs markets.",
    ),
    ("Make the night-time economy safer", "Town-centre violence at night and weekends."),
    (
        "Prevent violence against women and girls in public spaces",
        "Sexual violence in public places.",
    ),
    ("Support children affected by trauma and adverse childhood experiences", "Early help."),
]
#: (title, pillar, owner key, priority numbers, recommendation numbers)
ACTIONS = [
    ("Deliver knife-crime education in every secondary school", "prevent", "police", [1], [3]),
    ("Install bleed-control kits in high-footfall locations", "respond", "fire", [1, 3], [3]),
    ("Run weapons amnesty and surrender bins twice a year", "respond", "police", [1], [3]),
    (
        "Commission a youth mentoring programme for excluded pupils",
        "prevent",
        "mentoring",
        [1, 5],
        [7],
    ),
    ("Place youth workers in the emergency department", "respond", "icb", [1, 5], [1]),
    ("Share ISTV assault data with the police monthly", "respond", "icb", [1, 3], [1]),
    (
        "Publish an annual serious violence needs assessment refresh",
        "prevent",
        "county",
        [1, 2, 3, 4, 5],
        [2],
    ),
    ("Establish a multi-agency exploitation panel", "respond", "county", [2], [4]),
    ("Map county-lines networks across the four CSP areas", "respond", "police", [2], [4]),
    ("Provide diversion for young people found carrying drugs", "respond", "yjs", [2], [4]),
    ("Fund a drugs-market disruption operation", "respond", "police", [2], [4]),
    (
        "Offer specialist support to young people leaving custody",
        "long_term_support",
        "yjs",
        [2, 5],
        [9],
    ),
    (
        "Train licensed premises staff in Ask for Angela and WAVE",
        "prevent",
        "district:Northby",
        [3, 4],
        [6],
    ),
    (
        "Extend street marshals in Easton Marsh and Westford",
        "prevent",
        "district:Easton Marsh",
        [3],
        [6],
    ),
    ("Launch a safe-space hub in Sample Vale town centre", "respond", "streets", [3, 4], [6]),
    (
        "Review CCTV coverage of night-time economy hot spots",
        "prevent",
        "district:Westford",
        [3],
        [2, 6],
    ),
    (
        "Run Safer Streets lighting improvements in two parks",
        "prevent",
        "district:Kingsmere",
        [4],
        [2],
    ),
    ("Deliver bystander training to students at colleges", "prevent", "streets", [4], [8]),
    (
        "Commission a perpetrator programme for harmful behaviours",
        "long_term_support",
        "probation",
        [4],
        [9],
    ),
    (
        "Map women's and girls' safety concerns with an online survey",
        "prevent",
        "county",
        [4],
        [10],
    ),
    (
        "Fund trauma-informed therapy for children exposed to domestic abuse",
        "long_term_support",
        "icb",
        [5],
        [5],
    ),
    ("Train school staff in trauma-informed practice", "prevent", "county", [5], [5, 8]),
    (
        "Offer early-help family support after police domestic-abuse call-outs",
        "respond",
        "county",
        [5],
        [5],
    ),
    (
        "Provide mentoring for siblings of young people in the justice system",
        "long_term_support",
        "mentoring",
        [5, 2],
        [7],
    ),
    ("Train front-line staff in contextual safeguarding", "prevent", "county", [1, 2, 5], [8]),
    (
        "Run fire-service youth engagement programmes in priority wards",
        "prevent",
        "fire",
        [1, 5],
        [2],
    ),
    (
        "Support adults on licence with violence convictions into work",
        "long_term_support",
        "probation",
        [1, 2],
        [9],
    ),
    (
        "Hold an annual young people's consultation on feeling safe",
        "prevent",
        "county",
        [1, 4],
        [10],
    ),
    (
        "Embed a public-health evaluation framework for interventions",
        "prevent",
        "opcc",
        [1, 2, 3, 4, 5],
        [2],
    ),
    (
        "Agree information-sharing protocols under section 16",
        "prevent",
        "opcc",
        [1, 2, 3, 4, 5],
        [1, 4],
    ),
]
LEADS = [
    "Sam Patel",
    "Jo Williams",
    "Ravi Kumar",
    "Helen Brooks",
    "Tom Adeyemi",
    "Grace O'Neill",
    "Mark Chen",
    "Aisha Rahman",
    "Lee Thompson",
    "Nina Kowalski",
]
PROGRESS = {
    "green": "On track: milestones for the quarter met.",
    "amber": "Some delay: recruitment took longer than planned; recovery plan agreed.",
    "red": "Off track: funding decision awaited; escalated to the delivery group.",
    "complete": "Completed: evaluation report shared with the board.",
}


def _seed_strategy(context: DemoContext, today: dt.date) -> None:
    from svduty.web.common.periods import FinancialQuarter
    from svduty.web.strategy.definitions import definition_names
    from svduty.web.strategy.models import (
        Action,
        Priority,
        QuarterlyUpdate,
        Recommendation,
        Strategy,
    )

    p, orgs, rng = context.partnership, context.organisations, context.rng
    names = definition_names()
    strategy = Strategy.objects.create(
        partnership=p,
        title="Sample County Serious Violence Strategy 2024–2027",
        period_start=dt.date(2024, 1, 31),
        period_end=dt.date(2027, 1, 30),
        definition_name="home-office-core" if "home-office-core" in names else names[0],
        published_on=dt.date(2024, 1, 26),
        summary="A public-health approach to preventing and reducing serious violence.",
    )
    recommendations = [
        Recommendation.objects.create(
            partnership=p,
            strategy=strategy,
            reference=f"R{n}",
            text=text,
            source="Strategic needs assessment 2023",
        )
        for n, text in enumerate(RECOMMENDATIONS, start=1)
    ]
    priorities = [
        Priority.objects.create(
            partnership=p, strategy=strategy, number=n, title=title, description=description
        )
        for n, (title, description) in enumerate(PRIORITIES, start=1)
    ]
    last_quarter = FinancialQuarter.of(today).previous()
    counters: dict[int, int] = {}
    for title, pillar, owner, priority_numbers, recommendation_numbers in ACTIONS:
        main = priority_numbers[0]
        counters[main] = counters.get(main, 0) + 1
        start = dt.date(2024, 4, 1) + dt.timedelta(days=91 * rng.randrange(0, 3))
        due = start + dt.timedelta(days=rng.choice([273, 365, 456, 547, 730, 912]))
        action = Action.objects.create(
            partnership=p,
            strategy=strategy,
            reference=f"{main}.{counters[main]}",
            title=title,
            pillar=pillar,
            owner_organisation=orgs[owner],
            lead=rng.choice(LEADS),
            start_date=start,
            due_date=due,
            measures="Quarterly count of people reached; outcome measures agreed with the analyst.",
        )
        action.priorities.set([priorities[n - 1] for n in priority_numbers])
        action.recommendations.set([recommendations[n - 1] for n in recommendation_numbers])
        quarter, finished = FinancialQuarter.of(start), False
        while quarter <= last_quarter and not finished:
            if quarter.end >= due and rng.random() < 0.6:
                rag, finished = "complete", True
            else:
                rag = rng.choices(["green", "amber", "red"], weights=[6, 3, 1])[0]
            QuarterlyUpdate.objects.create(
                partnership=p,
                action=action,
                financial_year=quarter.year,
                quarter=quarter.quarter,
                rag=rag,
                progress=PROGRESS[rag],
                submitted_by=context.users["coordinator"],
            )
            quarter = quarter.next()
        if finished:
            action.completed_on = min(due, last_quarter.end)
            action.save()


#: The seeders run in order; later apps append theirs (each takes the context and ``today``).
SEEDERS: list[Callable[[DemoContext, dt.date], None]] = [
    lambda context, today: _seed_organisations(context),
    lambda context, today: _seed_users(context),
    lambda context, today: _seed_governance(context),
    _seed_calendar,
    _seed_strategy,
    *DELIVERY_SEEDERS,  # funding, bidding, interventions, training, consultation
    seed_panel,
    seed_insight,
]


def seed_demo(today: dt.date | None = None) -> list[DemoLogin]:
    """Create the Sample County partnership (once) and return the demo log-ins.

    Running it again on a seeded database changes nothing but resets the demo passwords.
    """
    from django.utils import timezone

    from svduty.web.organisations.models import User
    from svduty.web.partnership.models import Partnership

    today = today or timezone.localdate()
    if Partnership.objects.filter(slug=DEMO_SLUG).exists():
        logins = []
        for username, role, _organisation, description in USERS:
            user = User.objects.filter(username=username).first()
            if user is not None:
                user.set_password(DEMO_PASSWORD)
                user.save()
                logins.append(DemoLogin(username, DEMO_PASSWORD, role, description))
        return logins
    with transaction.atomic():
        partnership = Partnership.objects.create(
            name="Sample County Serious Violence Partnership",
            slug=DEMO_SLUG,
            area_name="Sample County",
            area_code="E10000099",
        )
        context = DemoContext(partnership=partnership)
        for seeder in SEEDERS:
            seeder(context, today)
    return context.logins


def format_logins(logins: list[DemoLogin]) -> str:
    """The demo log-ins as lines to print."""
    lines = ["Demo log-ins (user name / password – role):"]
    lines += [f"  {x.username} / {x.password} – {x.role}: {x.description}" for x in logins]
    return "\n".join(lines)
