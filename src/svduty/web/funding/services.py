"""Funding services: spend recording, spend-against-allocation summaries, bid scoring and award.

Views call these; every figure is an exact ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum

from svduty.web.funding import money
from svduty.web.funding.models import (
    Application,
    BiddingRound,
    CostType,
    GrantAllocation,
    Outcome,
    ProjectAllocation,
    Score,
    Scorecard,
    SpendLine,
)

ONE_DP = Decimal("0.1")


def _pence(amount: Decimal | None) -> Decimal:
    """A database sum as exact pounds and pence (SQLite sums carry extra decimal places)."""
    return (amount or Decimal("0.00")).quantize(money.PENNY)


def record_spend(
    allocation: GrantAllocation,
    *,
    cost_type: str,
    amount: Decimal,
    spent_on: dt.date,
    description: str,
    project: ProjectAllocation | None = None,
    reference: str = "",
) -> SpendLine:
    """Record spend against an allocation, refusing it (``ValidationError``) if a rule is broken."""
    line = SpendLine(
        partnership_id=allocation.partnership_id,
        allocation=allocation,
        project=project,
        cost_type=cost_type,
        amount=Decimal(amount),
        spent_on=spent_on,
        description=description,
        reference=reference,
    )
    line.full_clean()
    line.save()
    return line


@dataclass(frozen=True)
class SpendRow:
    """Spend against one allocation's money of one cost type, up to a date."""

    allocation: GrantAllocation
    cost_type: str
    allocated: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def cost_type_label(self) -> str:
        return CostType(self.cost_type).label

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.spent

    @property
    def percent_spent(self) -> Decimal | None:
        if not self.allocated:
            return None
        return (self.spent * 100 / self.allocated).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def spend_against_allocation(
    partnership, financial_year: int | None = None, up_to: dt.date | None = None
) -> list[SpendRow]:
    """A row per allocation and cost type with money in it: allocated, given to projects, spent.

    ``up_to`` counts only spend dated on or before that day (a board report's quarter end).
    """
    allocations = GrantAllocation.objects.filter(partnership=partnership).select_related("stream")
    if financial_year is not None:
        allocations = allocations.filter(financial_year=financial_year)
    spend_filter = Q(spend_lines__spent_on__lte=up_to) if up_to else Q()
    allocations = allocations.annotate(
        labour_spent=Sum(
            "spend_lines__amount", filter=spend_filter & Q(spend_lines__cost_type=CostType.LABOUR)
        ),
        non_labour_spent=Sum(
            "spend_lines__amount",
            filter=spend_filter & Q(spend_lines__cost_type=CostType.NON_LABOUR),
        ),
    ).order_by("stream__name", "-financial_year")
    committed = {
        (row["allocation"], row["cost_type"]): row["total"]
        for row in ProjectAllocation.objects.filter(allocation__in=allocations)
        .values("allocation", "cost_type")
        .annotate(total=Sum("amount"))
    }
    rows = []
    for allocation in allocations:
        for cost_type, spent in (
            (CostType.LABOUR, allocation.labour_spent),
            (CostType.NON_LABOUR, allocation.non_labour_spent),
        ):
            allocated = allocation.amount_for(cost_type)
            if not allocated and not spent:
                continue
            rows.append(
                SpendRow(
                    allocation=allocation,
                    cost_type=cost_type,
                    allocated=allocated,
                    committed=_pence(committed.get((allocation.pk, cost_type))),
                    spent=_pence(spent),
                )
            )
    return rows


def totals(rows: list[SpendRow]) -> dict[str, Decimal]:
    """Allocated, spent and remaining over rows, exact."""
    return {
        "allocated": money.total(row.allocated for row in rows),
        "spent": money.total(row.spent for row in rows),
        "remaining": money.total(row.remaining for row in rows),
    }


def weighted_score(scorecard: Scorecard) -> Decimal:
    """A scorecard as a percentage: Σ weight × score / highest score, over Σ weight, to 0.1."""
    weighted, weights = Decimal(0), Decimal(0)
    for score in scorecard.scores.select_related("criterion"):
        criterion = score.criterion
        weighted += Decimal(criterion.weight) * Decimal(score.value) / Decimal(criterion.max_score)
        weights += Decimal(criterion.weight)
    if not weights:
        return Decimal("0.0")
    return (weighted * 100 / weights).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def mean_score(application: Application) -> Decimal | None:
    """The evaluators' mean weighted score (``None`` before anyone has scored)."""
    scores = [weighted_score(card) for card in application.scorecards.all()]
    if not scores:
        return None
    return (sum(scores) / len(scores)).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def final_score(application: Application) -> Decimal | None:
    """The moderated score where moderation set one, else the evaluators' mean."""
    if application.moderated_score is not None:
        return application.moderated_score
    return mean_score(application)


def visible_scorecards(application: Application, user) -> list[Scorecard]:
    """The scorecards of an application this user may see (independent scoring)."""
    return [
        card
        for card in application.scorecards.select_related("evaluator")
        if user.has_perm("funding.view_scorecard", card)
    ]


def submit_scorecard(
    application: Application, evaluator, values: dict, comment: str = ""
) -> Scorecard:
    """Save one evaluator's scores of every criterion at once; a second scorecard is refused."""
    if application.bidding_round.status not in ("open", "scoring"):
        raise ValidationError("Scoring has closed for this round.")
    if application.scorecards.filter(evaluator=evaluator).exists():
        raise ValidationError("You have already scored this application.")
    criteria = list(application.bidding_round.criteria.all())
    missing = [c.name for c in criteria if c.pk not in values]
    if missing:
        raise ValidationError(f"Score every criterion: {', '.join(missing)} missing.")
    with transaction.atomic():
        card = Scorecard.objects.create(
            application=application, evaluator=evaluator, comment=comment
        )
        for criterion in criteria:
            score = Score(scorecard=card, criterion=criterion, value=int(values[criterion.pk]))
            score.partnership_id = card.partnership_id
            score.full_clean(exclude=["partnership", "scorecard"])
            score.save()
    return card


def decide(application: Application, outcome: str, amount: Decimal | None = None) -> Application:
    """Award (within the round's budget, funded from the stream's allocation) or decline a bid.

    An award gives the bid a non-labour project allocation from the stream's allocation for the
    round's financial year, so its spend is then checked like any other.
    """
    bidding_round: BiddingRound = application.bidding_round
    if outcome != Outcome.AWARDED:
        project = application.project
        if project is not None and project.spent() > 0:
            raise ValidationError(
                {
                    "outcome": f"{money.pounds(project.spent())} is already spent on "
                    f"{project.name}: the award cannot be withdrawn."
                }
            )
        with transaction.atomic():
            application.outcome = outcome
            application.amount_awarded = None
            application.project = None
            application.save()
            if project is not None:
                project.delete()
        return application
    if amount is None or amount <= 0:
        raise ValidationError({"amount_awarded": "Enter the amount awarded."})
    already = bidding_round.awarded_total(exclude_pk=application.pk)
    if already + amount > bidding_round.budget:
        raise ValidationError(
            {
                "amount_awarded": (
                    f"Awarding {money.pounds(amount)} would exceed the round's budget of "
                    f"{money.pounds(bidding_round.budget)}: {money.pounds(already)} already "
                    f"awarded, {money.pounds(bidding_round.budget - already)} left."
                )
            }
        )
    allocation = GrantAllocation.objects.filter(
        stream=bidding_round.stream, financial_year=bidding_round.financial_year
    ).first()
    with transaction.atomic():
        if allocation is not None:
            project = application.project or ProjectAllocation(allocation=allocation)
            project.allocation = allocation
            project.name = application.project_title
            project.organisation = application.applicant
            project.cost_type = CostType.NON_LABOUR
            project.amount = amount
            project.partnership_id = allocation.partnership_id
            try:
                project.full_clean()
            except ValidationError as error:
                raise ValidationError({"amount_awarded": " ".join(error.messages)}) from error
            project.save()
            application.project = project
        application.outcome = Outcome.AWARDED
        application.amount_awarded = amount
        application.save()
    return application
