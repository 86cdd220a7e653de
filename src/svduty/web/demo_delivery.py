"""Sample County demo data for funding, interventions, training and consultation.

Each ``seed_*`` takes the :class:`svduty.web.demo.DemoContext` and ``today`` and is listed in
:data:`svduty.web.demo.SEEDERS` after the strategy. Deterministic: amounts and counts come from the
context's seeded random generator. Spend goes through :func:`funding.services.record_spend`, so the
demo obeys the same funding rules as users do.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from svduty.web.common.periods import FinancialQuarter, financial_year_bounds, financial_year_of

if TYPE_CHECKING:
    from svduty.web.demo import DemoContext

#: Warwickshire's Home Office Serious Violence Duty grant (labour, non-labour) by financial year.
HOME_OFFICE = {
    2022: (Decimal("30000.00"), Decimal("0.00")),
    2023: (Decimal("180000.00"), Decimal("83506.30")),
    2024: (Decimal("77041.71"), Decimal("234637.86")),
}
#: The PCC's community safety grant, non-labour, each year from 2023/24.
PCC_GRANT = Decimal("486000.00")

#: (name, provider key, pillar, level, cohort, min age, max age, districts, start, end, funded from)
INTERVENTIONS = [
    (
        "Knife-crime education in secondary schools",
        "police",
        "prevent",
        "universal",
        "Pupils in years 7 to 11",
        11,
        16,
        "All districts",
        dt.date(2023, 9, 1),
        None,
        "ho",
    ),
    (
        "Bleed-control kits and training",
        "fire",
        "respond",
        "universal",
        "Licensed premises, shops and transport hubs",
        None,
        None,
        "Northby, Easton Marsh",
        dt.date(2023, 10, 1),
        None,
        "ho",
    ),
    (
        "Youth mentoring for excluded pupils",
        "mentoring",
        "prevent",
        "targeted",
        "Young people excluded or at risk of exclusion",
        11,
        18,
        "Northby, Westford",
        dt.date(2023, 4, 1),
        None,
        "round",
    ),
    (
        "Emergency department youth workers",
        "icb",
        "respond",
        "targeted",
        "Young people attending ED after assault",
        11,
        25,
        "Sample Vale",
        dt.date(2023, 7, 1),
        None,
        "ho",
    ),
    (
        "Street marshals in the night-time economy",
        "district:Easton Marsh",
        "prevent",
        "universal",
        "Night-time economy visitors",
        18,
        None,
        "Easton Marsh, Westford",
        dt.date(2024, 4, 1),
        None,
        "pcc",
    ),
    (
        "Safe-space hub, Sample Vale town centre",
        "streets",
        "respond",
        "targeted",
        "People in distress or at risk at night",
        16,
        None,
        "Sample Vale",
        dt.date(2024, 4, 1),
        None,
        "round",
    ),
    (
        "Drugs diversion for young people",
        "yjs",
        "respond",
        "targeted",
        "Young people found in possession of drugs",
        10,
        17,
        "All districts",
        dt.date(2023, 4, 1),
        None,
        "pcc",
    ),
    (
        "Custody leavers' transition support",
        "yjs",
        "long_term_support",
        "intensive",
        "Young people leaving custody",
        15,
        21,
        "All districts",
        dt.date(2024, 1, 1),
        None,
        "pcc",
    ),
    (
        "Harmful behaviours perpetrator programme",
        "probation",
        "long_term_support",
        "intensive",
        "Adults on licence for violent offences",
        18,
        None,
        "All districts",
        dt.date(2023, 10, 1),
        None,
        "pcc",
    ),
    (
        "Trauma-informed therapy for children",
        "icb",
        "long_term_support",
        "intensive",
        "Children exposed to domestic abuse",
        5,
        17,
        "Brookhampton, Kingsmere",
        dt.date(2024, 7, 1),
        None,
        "round",
    ),
    (
        "Fire cadets in priority wards",
        "fire",
        "prevent",
        "targeted",
        "Young people in the five priority wards",
        12,
        17,
        "Northby, Kingsmere",
        dt.date(2023, 4, 1),
        dt.date(2025, 3, 31),
        "pcc",
    ),
    (
        "Bystander training for college students",
        "streets",
        "prevent",
        "universal",
        "Further-education students",
        16,
        19,
        "All districts",
        dt.date(2024, 9, 1),
        None,
        "round",
    ),
]
EVALUATIONS = {
    # name: (method, evaluator, result, maryland, eif)
    "Knife-crime education in secondary schools": (
        "pre_post",
        "Sample County public health",
        "Knowledge of knife-crime risks rose from 54% "
        "to 81% of pupils; no measured change in carrying yet.",
        2,
        "nl",
    ),
    "Youth mentoring for excluded pupils": (
        "quasi_experimental",
        "University of Sampleton",
        "Mentees had 31% fewer fixed-term "
        "exclusions than a matched comparison group over 12 months.",
        3,
        "2",
    ),
    "Emergency department youth workers": (
        "quasi_experimental",
        "ICB evaluation team",
        "Repeat ED attendance for assault fell 18% "
        "against matched attendances before the service started.",
        3,
        "2",
    ),
    "Harmful behaviours perpetrator programme": (
        "rct",
        "Probation research unit",
        "Proven violent reoffending at 12 months 22% against 29% in the control arm.",
        5,
        "3",
    ),
    "Street marshals in the night-time economy": (
        "process",
        "Easton Marsh District Council",
        "Delivered as planned; licensees report "
        "faster de-escalation. Outcome evaluation due next year.",
        1,
        "",
    ),
    "Fire cadets in priority wards": (
        "qualitative",
        "Sample Youth Mentoring Trust",
        "Cadets and parents describe improved confidence and trusted adults; completion 84%.",
        None,
        "nl",
    ),
}
COURSES = [
    (
        "The Serious Violence Duty for front-line staff",
        "Front-line practitioners of every authority",
        Decimal("2.0"),
    ),
    (
        "Contextual safeguarding",
        "Children's services, schools, youth justice and police",
        Decimal("3.5"),
    ),
    (
        "Trauma-informed practice",
        "Practitioners working with children and young people",
        Decimal("6.0"),
    ),
]
TRAINEE_ORGANISATIONS = [
    "police",
    "fire",
    "icb",
    "county",
    "yjs",
    "probation",
    "education",
    "district:Northby",
    "district:Westford",
    "mentoring",
]


def _pennies(rng, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


def seed_funding(context: DemoContext, today: dt.date) -> None:
    """Home Office grant 2022/23–2024/25 (Warwickshire's figures), PCC grant, projects, spend."""
    from svduty.web.funding.models import CostType, GrantAllocation, GrantStream, ProjectAllocation
    from svduty.web.funding.services import record_spend

    p, orgs, rng = context.partnership, context.organisations, context.rng
    home_office = GrantStream.objects.create(
        partnership=p,
        name="Home Office Serious Violence Duty grant",
        kind="home_office_svd",
        funder="Home Office",
        recipient=orgs["opcc"],
        description="Paid to the PCC as grant recipient; labour for the needs assessment, "
        "strategy, coordination, analysis and training; non-labour for interventions.",
    )
    pcc = GrantStream.objects.create(
        partnership=p,
        name="PCC community safety grant",
        kind="pcc_community_safety",
        funder="Police and Crime Commissioner for Sample County",
        recipient=orgs["opcc"],
    )
    context.funding = {"ho": {}, "pcc": {}, "projects": {}}
    current_year = financial_year_of(today)
    for year, (labour, non_labour) in HOME_OFFICE.items():
        context.funding["ho"][year] = GrantAllocation.objects.create(
            partnership=p,
            stream=home_office,
            financial_year=year,
            labour_amount=labour,
            non_labour_amount=non_labour,
        )
    for year in range(2023, max(current_year, 2024) + 1):
        context.funding["pcc"][year] = GrantAllocation.objects.create(
            partnership=p,
            stream=pcc,
            financial_year=year,
            labour_amount=Decimal("0.00"),
            non_labour_amount=PCC_GRANT,
        )
    # Projects: the Home Office non-labour money and part of the PCC grant fund interventions.
    for name, provider, *_rest, source in INTERVENTIONS:
        if source == "round":
            continue
        stream_years = context.funding[source]
        for allocation in stream_years.values():
            if allocation.non_labour_amount == 0:
                continue
            share = Decimal("0.30") if source == "ho" else Decimal("0.07")
            amount = (allocation.non_labour_amount * share).quantize(Decimal("0.01"))
            project = ProjectAllocation.objects.create(
                partnership=p,
                allocation=allocation,
                name=name,
                organisation=orgs[provider],
                cost_type=CostType.NON_LABOUR,
                amount=amount,
            )
            context.funding["projects"].setdefault(name, project)
    # Spend: monthly, up to today; the past years end almost fully spent (no carry-over).
    for allocations in (context.funding["ho"], context.funding["pcc"]):
        for year, allocation in allocations.items():
            start, end = financial_year_bounds(year)
            months = [
                dt.date(
                    start.year + (start.month + m - 1) // 12, (start.month + m - 1) % 12 + 1, 28
                )
                for m in range(12)
            ]
            months = [month for month in months if month <= min(today, end)]
            if not months:
                continue
            for cost_type, amount in (
                (CostType.LABOUR, allocation.labour_amount),
                (CostType.NON_LABOUR, allocation.non_labour_amount),
            ):
                if not amount:
                    continue
                target = amount * Decimal(rng.randrange(93, 100)) / 100
                monthly = (target / 12).quantize(Decimal("0.01"))
                projects = list(allocation.projects.filter(cost_type=cost_type))
                for index, month in enumerate(months):
                    project = projects[index % len(projects)] if projects else None
                    if project is not None:
                        room = project.amount - project.spent()
                        value = min(monthly, room)
                        if value <= 0:
                            project = None
                            value = monthly
                    else:
                        value = monthly
                    if allocation.spent(cost_type) + value > amount:
                        break
                    record_spend(
                        allocation,
                        cost_type=cost_type,
                        amount=value,
                        spent_on=month,
                        project=project,
                        description=(
                            "Coordinator and analyst salaries"
                            if cost_type == CostType.LABOUR
                            else f"{project.name if project else 'Interventions'}: monthly invoice"
                        ),
                        reference=f"INV-{year}-{index + 1:02d}-{cost_type[:1].upper()}",
                    )


ROUND_CRITERIA = [
    ("Evidence of need in the priority areas", 30),
    ("Evidence that the approach works", 25),
    ("Reach into the target cohort", 25),
    ("Value for money", 20),
]


def seed_bidding(context: DemoContext, today: dt.date) -> None:
    """A 2024/25 round with criteria, five applications scored by three evaluators, moderated and
    awarded; the awards become project allocations of the PCC grant."""
    from svduty.web.funding import services
    from svduty.web.funding.models import Application, BiddingRound, Criterion

    p, orgs, users, rng = context.partnership, context.organisations, context.users, context.rng
    stream = context.funding["pcc"][2024].stream
    bidding_round = BiddingRound.objects.create(
        partnership=p,
        title="Community Safety Fund 2024/25",
        stream=stream,
        financial_year=2024,
        budget=Decimal("125000.00"),
        opens_on=dt.date(2024, 4, 15),
        closes_on=dt.date(2024, 5, 31),
        status="scoring",
    )
    for name, weight in ROUND_CRITERIA:
        Criterion.objects.create(
            partnership=p, bidding_round=bidding_round, name=name, weight=weight, max_score=5
        )
    criteria = list(bidding_round.criteria.all())
    bids = [
        ("mentoring", "Youth mentoring for excluded pupils", Decimal("38000.00")),
        ("streets", "Safe-space hub, Sample Vale town centre", Decimal("29500.00")),
        ("icb", "Trauma-informed therapy for children", Decimal("41250.00")),
        ("streets", "Bystander training for college students", Decimal("12400.00")),
        ("district:Kingsmere", "Park lighting and youth shelters", Decimal("55000.00")),
    ]
    applications = []
    for applicant, title, amount in bids:
        applications.append(
            Application.objects.create(
                partnership=p,
                bidding_round=bidding_round,
                applicant=orgs[applicant],
                project_title=title,
                amount_requested=amount,
                summary=f"{title}: delivered by {orgs[applicant].name} in the priority wards.",
            )
        )
    strength = [4, 4, 3, 3, 2]
    for application, base in zip(applications, strength, strict=True):
        for evaluator in ("admin", "coordinator", "board"):
            values = {c.pk: max(0, min(5, base + rng.choice([-1, 0, 0, 1]))) for c in criteria}
            services.submit_scorecard(application, users[evaluator], values)
    bidding_round.status = "moderation"
    bidding_round.save()
    ranked = sorted(applications, key=lambda a: services.mean_score(a), reverse=True)
    for position, application in enumerate(ranked):
        application.moderated_score = services.mean_score(application)
        application.moderation_notes = "Panel agreed the evaluators' mean score."
        application.save()
        if position < 4:
            services.decide(application, "awarded", application.amount_requested)
        else:
            services.decide(application, "declined")
        if application.project is not None:
            context.funding["projects"][application.project_title] = application.project
    bidding_round.status = "awarded"
    bidding_round.save()


def seed_interventions(context: DemoContext, today: dt.date) -> None:
    """Twelve interventions with quarterly outputs to last quarter, outcomes and evaluations."""
    from svduty.web.interventions.models import Evaluation, Intervention, Outcome, QuarterlyOutput
    from svduty.web.strategy.models import Action

    p, orgs, rng = context.partnership, context.organisations, context.rng
    last_quarter = FinancialQuarter.of(today).previous()
    actions = {a.title: a for a in Action.objects.filter(partnership=p)}
    for (
        name,
        provider,
        pillar,
        level,
        cohort,
        low,
        high,
        areas,
        start,
        end,
        _source,
    ) in INTERVENTIONS:
        intervention = Intervention.objects.create(
            partnership=p,
            name=name,
            provider=orgs[provider],
            pillar=pillar,
            level=level,
            target_cohort=cohort,
            min_age=low,
            max_age=high,
            areas=areas,
            start_date=start,
            end_date=end,
            funding=context.funding["projects"].get(name),
            description=f"{name}, delivered by {orgs[provider].name}.",
        )
        words = set(name.lower().split())
        linked = [a for title, a in actions.items() if len(words & set(title.lower().split())) >= 2]
        intervention.actions.set(linked[:2])
        scale = {"universal": 220, "targeted": 45, "intensive": 12}[level]
        quarter = FinancialQuarter.of(start)
        while quarter <= last_quarter and (end is None or quarter.start <= end):
            QuarterlyOutput.objects.create(
                partnership=p,
                intervention=intervention,
                financial_year=quarter.year,
                quarter=quarter.quarter,
                people_reached=max(1, int(scale * rng.uniform(0.6, 1.4))),
                sessions_delivered=rng.randrange(4, 30),
            )
            quarter = quarter.next()
        if name in EVALUATIONS:
            method, evaluator, result, maryland, eif = EVALUATIONS[name]
            Evaluation.objects.create(
                partnership=p,
                intervention=intervention,
                method=method,
                evaluator=evaluator,
                completed_on=min(today, start + dt.timedelta(days=540)),
                result=result,
                maryland_level=maryland,
                eif_level=eif,
            )
            Outcome.objects.create(
                partnership=p,
                intervention=intervention,
                measure="Headline outcome",
                result=result.split(";")[0][:100],
                measured_on=min(today, start + dt.timedelta(days=500)),
            )


def seed_training(context: DemoContext, today: dt.date) -> None:
    """Three courses, a session of each every quarter from April 2023 (until today), attendance."""
    from svduty.web.training.models import Attendance, Course, TrainingSession

    p, orgs, rng = context.partnership, context.organisations, context.rng
    courses = [
        Course.objects.create(partnership=p, title=title, audience=audience, duration_hours=hours)
        for title, audience, hours in COURSES
    ]
    venues = ["County Hall, Sampleton", "Online", "Northby Fire Station", "Westford Civic Centre"]
    held_on = dt.date(2023, 5, 10)
    index = 0
    while held_on <= today and index < 12:
        course = courses[index % len(courses)]
        session = TrainingSession.objects.create(
            partnership=p,
            course=course,
            held_on=held_on,
            venue=venues[index % len(venues)],
            trainer="Serious Violence Duty team",
            capacity=30,
        )
        left = session.capacity
        for key in rng.sample(TRAINEE_ORGANISATIONS, 5):
            attendees = min(left, rng.randrange(2, 8))
            if attendees <= 0:
                break
            Attendance.objects.create(
                partnership=p, session=session, organisation=orgs[key], attendees=attendees
            )
            left -= attendees
        held_on += dt.timedelta(days=rng.randrange(50, 80))
        index += 1


RESPONSES = [
    (
        "relevant_authority",
        "Sample County Schools and Colleges (headteachers' forum)",
        "education",
        "meeting",
        12,
        "Want earlier sharing of information when pupils are at risk of exploitation.",
        "Added a schools information-sharing step to action 2.1.",
    ),
    (
        "relevant_authority",
        "HMP Sampleton",
        "prison",
        "written",
        None,
        "Release planning for people with violence convictions starts too late.",
        "Resettlement planning now begins twelve weeks before release (action 2.7).",
    ),
    (
        "relevant_authority",
        "Sampleton Young Offender Institution",
        "youth_custody",
        "meeting",
        4,
        "Young people leaving custody lose their mentor at the gate.",
        "Custody leavers' transition support funded for 2024/25.",
    ),
    (
        "young_people",
        "Sample County Youth Council",
        None,
        "focus_group",
        18,
        "Feel unsafe travelling home after dark, especially near the bus station.",
        "Safe-space hub and street marshals extended to Friday and Saturday nights.",
    ),
    (
        "young_people",
        "Year 10 pupils, Northby Academy",
        None,
        "workshop",
        27,
        "Want trusted adults in youth clubs, not more police in schools.",
        "Youth-worker posts prioritised in the bidding round criteria.",
    ),
    (
        "community",
        "Easton Marsh residents' association",
        None,
        "survey",
        143,
        "Concern about lighting and groups gathering in the park.",
        "Park lighting bid invited in the Community Safety Fund.",
    ),
    (
        "voluntary_sector",
        "Sample Voluntary Action network",
        None,
        "workshop",
        16,
        "Short grant cycles stop services keeping staff.",
        "",
    ),
]


def seed_consultation(context: DemoContext, today: dt.date) -> None:
    """The consultation on the draft strategy (autumn 2023): relevant authorities, young people."""
    from svduty.web.consultation.models import Consultation, ConsultationResponse

    p, orgs = context.partnership, context.organisations
    consultation = Consultation.objects.create(
        partnership=p,
        title="Consultation on the draft serious violence strategy",
        subject="the draft Sample County Serious Violence Strategy 2024–2027",
        opened_on=dt.date(2023, 10, 2),
        closed_on=dt.date(2023, 11, 24),
        summary="Relevant authorities, young people and communities responded. The main changes: "
        "earlier information sharing with schools, support at release from custody, and safer "
        "travel at night.",
    )
    for offset, (kind, consultee, org, method, people, said, changed) in enumerate(RESPONSES):
        ConsultationResponse.objects.create(
            partnership=p,
            consultation=consultation,
            consultee_kind=kind,
            consultee=consultee,
            organisation=orgs.get(org) if org else None,
            method=method,
            held_on=dt.date(2023, 10, 9) + dt.timedelta(days=6 * offset),
            participants=people,
            what_they_said=said,
            what_changed=changed,
        )


SEEDERS = [seed_funding, seed_bidding, seed_interventions, seed_training, seed_consultation]
