"""The demo's funding: the Home Office and PCC grants, their projects and spend, a bidding round.

Spend goes through :func:`funding.services.record_spend` and the round through the scoring and
award services, so the demo obeys the same funding rules as users do; the amounts spent and the
evaluators' scores are drawn from the context's seeded random generator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from svduty.web.common.periods import financial_year_bounds, financial_year_of
from svduty.web.demo.context import DemoContext
from svduty.web.demo.data import Record, load
from svduty.web.demo.interventions import intervention_rows
from svduty.web.funding import services
from svduty.web.funding.models import (
    Application,
    BiddingRound,
    CostType,
    Criterion,
    GrantAllocation,
    GrantStream,
    ProjectAllocation,
)
from svduty.web.funding.services import record_spend


class StreamRow(Record):
    name: str
    kind: str
    funder: str
    recipient: str
    description: str = ""
    #: The part of each year's non-labour money that each intervention it funds gets.
    project_share: Decimal


class AllocationRow(Record):
    labour: Decimal
    non_labour: Decimal


class HomeOfficeRow(StreamRow):
    allocations: dict[int, AllocationRow]


class PccRow(StreamRow):
    non_labour_each_year: Decimal


class CriterionRow(Record):
    name: str
    weight: int


class ApplicationRow(Record):
    applicant: str
    project_title: str
    amount_requested: Decimal
    #: The score, out of 5, the evaluators give it on every criterion, give or take one.
    strength: int


class BiddingRoundRow(Record):
    title: str
    financial_year: int
    budget: Decimal
    opens_on: dt.date
    closes_on: dt.date
    criteria: tuple[CriterionRow, ...]
    evaluators: tuple[str, ...]
    applications: tuple[ApplicationRow, ...]
    moderation_notes: str


class FundingData(Record):
    home_office: HomeOfficeRow
    pcc: PccRow
    bidding_round: BiddingRoundRow


def _data() -> FundingData:
    return load("funding", FundingData)


def _stream(context: DemoContext, row: StreamRow) -> GrantStream:
    return GrantStream.objects.create(
        partnership=context.partnership,
        name=row.name,
        kind=row.kind,
        funder=row.funder,
        recipient=context.organisations[row.recipient],
        description=row.description,
    )


def seed_funding(context: DemoContext, today: dt.date) -> None:
    """Home Office grant 2022/23–2024/25 (Warwickshire's figures), PCC grant, projects, spend."""
    p, orgs, data = context.partnership, context.organisations, _data()
    home_office = _stream(context, data.home_office)
    pcc = _stream(context, data.pcc)
    context.funding = {"home_office": {}, "pcc": {}, "projects": {}}
    current_year = financial_year_of(today)
    for year, amounts in data.home_office.allocations.items():
        context.funding["home_office"][year] = GrantAllocation.objects.create(
            partnership=p,
            stream=home_office,
            financial_year=year,
            labour_amount=amounts.labour,
            non_labour_amount=amounts.non_labour,
        )
    for year in range(2023, max(current_year, 2024) + 1):
        context.funding["pcc"][year] = GrantAllocation.objects.create(
            partnership=p,
            stream=pcc,
            financial_year=year,
            labour_amount=Decimal("0.00"),
            non_labour_amount=data.pcc.non_labour_each_year,
        )
    # Projects: the Home Office non-labour money and part of the PCC grant fund interventions.
    shares = {"home_office": data.home_office.project_share, "pcc": data.pcc.project_share}
    for intervention in intervention_rows():
        source = intervention.funded_from
        if source == "round":
            continue
        for allocation in context.funding[source].values():
            if allocation.non_labour_amount == 0:
                continue
            amount = (allocation.non_labour_amount * shares[source]).quantize(Decimal("0.01"))
            project = ProjectAllocation.objects.create(
                partnership=p,
                allocation=allocation,
                name=intervention.name,
                organisation=orgs[intervention.provider],
                cost_type=CostType.NON_LABOUR,
                amount=amount,
            )
            context.funding["projects"].setdefault(intervention.name, project)
    for allocations in (context.funding["home_office"], context.funding["pcc"]):
        for year, allocation in allocations.items():
            _spend(context, year, allocation, today)


def _spend(context: DemoContext, year: int, allocation: GrantAllocation, today: dt.date) -> None:
    """Monthly spend up to today; the past years end almost fully spent (no carry-over)."""
    rng = context.rng
    start, end = financial_year_bounds(year)
    months = [
        dt.date(start.year + (start.month + m - 1) // 12, (start.month + m - 1) % 12 + 1, 28)
        for m in range(12)
    ]
    months = [month for month in months if month <= min(today, end)]
    if not months:
        return
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


def seed_bidding(context: DemoContext, today: dt.date) -> None:
    """A 2024/25 round with criteria, five applications scored by three evaluators, moderated and
    awarded; the awards become project allocations of the PCC grant."""
    p, orgs, users, rng = context.partnership, context.organisations, context.users, context.rng
    data = _data().bidding_round
    bidding_round = BiddingRound.objects.create(
        partnership=p,
        title=data.title,
        stream=context.funding["pcc"][data.financial_year].stream,
        financial_year=data.financial_year,
        budget=data.budget,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        status="scoring",
    )
    for row in data.criteria:
        Criterion.objects.create(
            partnership=p,
            bidding_round=bidding_round,
            name=row.name,
            weight=row.weight,
            max_score=5,
        )
    criteria = list(bidding_round.criteria.all())
    applications = [
        Application.objects.create(
            partnership=p,
            bidding_round=bidding_round,
            applicant=orgs[row.applicant],
            project_title=row.project_title,
            amount_requested=row.amount_requested,
            summary=f"{row.project_title}: delivered by {orgs[row.applicant].name} in the "
            "priority wards.",
        )
        for row in data.applications
    ]
    for application, row in zip(applications, data.applications, strict=True):
        for evaluator in data.evaluators:
            values = {
                c.pk: max(0, min(5, row.strength + rng.choice([-1, 0, 0, 1]))) for c in criteria
            }
            services.submit_scorecard(application, users[evaluator], values)
    bidding_round.status = "moderation"
    bidding_round.save()
    ranked = sorted(applications, key=lambda a: services.mean_score(a), reverse=True)
    for position, application in enumerate(ranked):
        application.moderated_score = services.mean_score(application)
        application.moderation_notes = data.moderation_notes
        application.save()
        if position < 4:
            services.decide(application, "awarded", application.amount_requested)
        else:
            services.decide(application, "declined")
        if application.project is not None:
            context.funding["projects"][application.project_title] = application.project
    bidding_round.status = "awarded"
    bidding_round.save()
