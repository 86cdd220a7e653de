"""Grant streams, financial-year allocations (labour / non-labour), project allocations, spend
lines, and competitive bidding rounds (criteria, applications, independent scorecards, moderation,
award).

Money is ``Decimal`` to the penny. The spend rules (no overspend, right cost type, no carry-over
past 31 March) are enforced by :meth:`SpendLine.clean`, which :meth:`SpendLine.save` re-runs under
a lock on the allocation, so no path into the database can break them.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Sum
from django.utils import timezone

from svduty.web.common.access import member_with
from svduty.web.common.models import PartnershipOwned, partnership_key
from svduty.web.common.periods import financial_year_bounds, financial_year_label
from svduty.web.common.roles import EVALUATORS
from svduty.web.funding import money
from svduty.web.funding.rules import (
    applicant_or_evaluator,
    can_see_scorecard,
    own_scorecard,
)

#: Scorecards and scores: each evaluator scores independently (see :mod:`.rules`).
SCORED = {"view": can_see_scorecard, "add": member_with(EVALUATORS), "change": own_scorecard}


#: Financial years are named by the year they start in; this catches "24" and "2024/25" typos.
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def money_field(verbose_name: str | None = None, **kwargs) -> models.DecimalField:
    """A pounds-and-pence amount: up to £9,999,999,999.99, exact."""
    kwargs.setdefault("validators", [MinValueValidator(Decimal("0.00"))])
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def _pence(total: Decimal | None) -> Decimal:
    """A database sum as exact pounds and pence (SQLite returns extra decimal places)."""
    return (total or Decimal("0.00")).quantize(money.PENNY)


class CostType(models.TextChoices):
    """Home Office Duty grants are split into labour and non-labour money."""

    LABOUR = "labour", "Labour"
    NON_LABOUR = "non_labour", "Non-labour"


class StreamKind(models.TextChoices):
    HOME_OFFICE_SVD = "home_office_svd", "Home Office Serious Violence Duty grant"
    VRU = "vru", "Violence Reduction Unit grant"
    PCC_COMMUNITY_SAFETY = "pcc_community_safety", "PCC community safety grant"
    LOCAL = "local", "Local partner contribution"
    OTHER = "other", "Other"


class GrantStream(PartnershipOwned):
    """A source of money, such as the Home Office Duty grant paid through the PCC."""

    partnership = partnership_key("grant_streams")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=StreamKind.choices)
    funder = models.CharField(max_length=200, help_text="For example Home Office.")
    recipient = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The grant recipient, usually the police and crime commissioner's office.",
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GrantAllocation(PartnershipOwned):
    """One stream's money for one financial year, split labour / non-labour; it ends on 31 March."""

    partnership = partnership_key("grant_allocations")
    stream = models.ForeignKey(GrantStream, on_delete=models.CASCADE, related_name="allocations")
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts in: 2024 for 2024/25.",
        validators=YEAR_VALIDATORS,
    )
    labour_amount = money_field("labour (£)", default=Decimal("0.00"))
    non_labour_amount = money_field("non-labour (£)", default=Decimal("0.00"))
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["stream__name", "-financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["stream", "financial_year"], name="one_allocation_per_stream_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stream} {self.year_label}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def total(self) -> Decimal:
        return money.total([self.labour_amount, self.non_labour_amount])

    @property
    def ends_on(self):
        return financial_year_bounds(self.financial_year)[1]

    def amount_for(self, cost_type: str) -> Decimal:
        return self.labour_amount if cost_type == CostType.LABOUR else self.non_labour_amount

    def spent(self, cost_type: str | None = None, exclude_pk: int | None = None) -> Decimal:
        lines = self.spend_lines.all() if self.pk else SpendLine.objects.none()
        if cost_type:
            lines = lines.filter(cost_type=cost_type)
        if exclude_pk:
            lines = lines.exclude(pk=exclude_pk)
        return _pence(lines.aggregate(total=Sum("amount"))["total"])

    def committed(self, cost_type: str, exclude_pk: int | None = None) -> Decimal:
        """Money of a cost type already given to projects."""
        projects = (
            self.projects.filter(cost_type=cost_type)
            if self.pk
            else ProjectAllocation.objects.none()
        )
        if exclude_pk:
            projects = projects.exclude(pk=exclude_pk)
        return _pence(projects.aggregate(total=Sum("amount"))["total"])

    def clean(self) -> None:
        if (
            self.stream_id
            and self.partnership_id
            and self.stream.partnership_id != self.partnership_id
        ):
            raise ValidationError({"stream": "The stream must belong to this partnership."})
        if not self.pk:
            return
        errors = {}
        for cost_type, field in (
            (CostType.LABOUR, "labour_amount"),
            (CostType.NON_LABOUR, "non_labour_amount"),
        ):
            amount = getattr(self, field)
            floor = max(self.spent(cost_type), self.committed(cost_type))
            if amount is not None and amount < floor:
                errors[field] = (
                    f"{CostType(cost_type).label} money cannot go below {money.pounds(floor)}, "
                    "which is already spent or given to projects."
                )
        if errors:
            raise ValidationError(errors)


class ProjectAllocation(PartnershipOwned):
    """Part of an allocation given to a project (an intervention, a post, an analysis contract)."""

    partnership = partnership_key("project_allocations")
    partnership_from = "allocation"
    allocation = models.ForeignKey(
        GrantAllocation, on_delete=models.PROTECT, related_name="projects"
    )
    name = models.CharField("project", max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="project_allocations",
        help_text="The organisation delivering the project.",
    )
    cost_type = models.CharField(max_length=12, choices=CostType.choices)
    amount = money_field("amount (£)", validators=[MinValueValidator(Decimal("0.01"))])

    class Meta:
        ordering = ["allocation", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.allocation.year_label})"

    def spent(self, exclude_pk: int | None = None) -> Decimal:
        lines = self.spend_lines.all() if self.pk else SpendLine.objects.none()
        if exclude_pk:
            lines = lines.exclude(pk=exclude_pk)
        return _pence(lines.aggregate(total=Sum("amount"))["total"])

    def clean(self) -> None:
        if not (self.allocation_id and self.cost_type and self.amount is not None):
            return
        allocation = self.allocation
        type_label = CostType(self.cost_type).label
        if allocation.amount_for(self.cost_type) == 0:
            raise ValidationError(
                {"cost_type": money.cost_type_refusal(type_label, None, str(allocation))}
            )
        refusal = money.overspend_refusal(
            f"the {type_label.lower()} money of {allocation}",
            allocation.amount_for(self.cost_type),
            allocation.committed(self.cost_type, exclude_pk=self.pk),
            self.amount,
            noun="allocation",
            used="already given to projects",
        )
        if refusal:
            raise ValidationError({"amount": refusal})
        if self.pk and self.amount < self.spent():
            raise ValidationError(
                {"amount": f"{money.pounds(self.spent())} is already spent on this project."}
            )


class SpendLine(PartnershipOwned):
    """Money spent against an allocation (and, optionally, one of its projects)."""

    partnership = partnership_key("spend_lines")
    partnership_from = "allocation"
    allocation = models.ForeignKey(
        GrantAllocation, on_delete=models.PROTECT, related_name="spend_lines"
    )
    project = models.ForeignKey(
        ProjectAllocation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spend_lines",
    )
    cost_type = models.CharField(max_length=12, choices=CostType.choices)
    amount = money_field("amount (£)", validators=[MinValueValidator(Decimal("0.01"))])
    spent_on = models.DateField("date of spend")
    description = models.CharField(max_length=300)
    reference = models.CharField(
        max_length=60, blank=True, help_text="Invoice or ledger reference."
    )

    class Meta:
        ordering = ["-spent_on", "-pk"]

    def __str__(self) -> str:
        return f"{money.pounds(self.amount)} on {self.spent_on:%-d %b %Y}: {self.description}"

    def refusals(self) -> dict[str, str]:
        """Each broken funding rule, by the field it is about (empty when the spend is allowed)."""
        if not (self.allocation_id and self.cost_type and self.amount and self.spent_on):
            return {}
        allocation = self.allocation
        found: dict[str, str] = {}
        if allocation.partnership_id != self.partnership_id and self.partnership_id:
            found["allocation"] = "The allocation must belong to this partnership."
            return found
        refusal = money.date_refusal(self.spent_on, allocation.financial_year)
        if refusal:
            found["spent_on"] = refusal
        type_label = CostType(self.cost_type).label
        if self.project_id:
            project = self.project
            if project.allocation_id != allocation.pk:
                found["project"] = (
                    f"{project.name} is funded from {project.allocation}, not {allocation}."
                )
                return found
            refusal = money.cost_type_refusal(
                type_label, CostType(project.cost_type).label, f"the project {project.name}"
            )
        elif allocation.amount_for(self.cost_type) == 0:
            refusal = money.cost_type_refusal(type_label, None, f"The {allocation} allocation")
        else:
            refusal = None
        if refusal:
            found["cost_type"] = refusal
            return found
        refusal = money.overspend_refusal(
            f"the {type_label.lower()} allocation of {allocation}",
            allocation.amount_for(self.cost_type),
            allocation.spent(self.cost_type, exclude_pk=self.pk),
            self.amount,
        )
        if refusal is None and self.project_id:
            refusal = money.overspend_refusal(
                f"the project {self.project.name}",
                self.project.amount,
                self.project.spent(exclude_pk=self.pk),
                self.amount,
            )
        if refusal:
            found["amount"] = refusal
        return found

    def clean(self) -> None:
        if self.allocation_id and not self.partnership_id:
            self.take_partnership_from_parent()
        refusals = self.refusals()
        if refusals:
            raise ValidationError(refusals)

    def save(self, *args, **kwargs):
        """Re-check the rules with the allocation locked, so two spends cannot both squeeze in."""
        with transaction.atomic():
            GrantAllocation.objects.select_for_update().filter(pk=self.allocation_id).first()
            self.take_partnership_from_parent()
            self.clean()
            super().save(*args, **kwargs)


class RoundStatus(models.TextChoices):
    OPEN = "open", "Open for applications"
    SCORING = "scoring", "Scoring"
    MODERATION = "moderation", "Moderation"
    AWARDED = "awarded", "Awarded"


class BiddingRound(PartnershipOwned):
    """A competitive round for part of a stream's money in one financial year."""

    partnership = partnership_key("bidding_rounds")
    title = models.CharField(max_length=200)
    stream = models.ForeignKey(GrantStream, on_delete=models.PROTECT, related_name="rounds")
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts in: 2024 for 2024/25.",
        validators=YEAR_VALIDATORS,
    )
    budget = money_field("budget (£)")
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(max_length=12, choices=RoundStatus.choices, default=RoundStatus.OPEN)

    class Meta:
        ordering = ["-financial_year", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "The round must close on or after it opens."})

    @property
    def scoring_closed(self) -> bool:
        """In moderation or awarded: managers now see every scorecard (see :mod:`.rules`)."""
        return self.status in (RoundStatus.MODERATION, RoundStatus.AWARDED)

    def awarded_total(self, exclude_pk: int | None = None) -> Decimal:
        applications = self.applications.filter(outcome=Outcome.AWARDED)
        if exclude_pk:
            applications = applications.exclude(pk=exclude_pk)
        return _pence(applications.aggregate(total=Sum("amount_awarded"))["total"])


class Criterion(PartnershipOwned):
    """A weighted criterion applications are scored against (e.g. evidence base, 30%)."""

    partnership = partnership_key("bid_criteria")
    partnership_from = "bidding_round"
    bidding_round = models.ForeignKey(
        BiddingRound, on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(help_text="Relative weight, for example 30.")
    max_score = models.PositiveSmallIntegerField(
        "highest score", default=5, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["bidding_round", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return f"{self.name} (weight {self.weight})"


class Outcome(models.TextChoices):
    PENDING = "pending", "Pending"
    AWARDED = "awarded", "Awarded"
    DECLINED = "declined", "Declined"


class Application(PartnershipOwned):
    """A bid to a round; evaluators score it independently, a coordinator moderates and decides."""

    partnership = partnership_key("bid_applications")
    partnership_from = "bidding_round"
    bidding_round = models.ForeignKey(
        BiddingRound, on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="bid_applications"
    )
    project_title = models.CharField(max_length=200)
    summary = models.TextField()
    amount_requested = money_field("amount requested (£)")
    moderated_score = models.DecimalField(
        "moderated score (%)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    moderation_notes = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    amount_awarded = money_field("amount awarded (£)", null=True, blank=True)
    project = models.OneToOneField(
        ProjectAllocation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )

    class Meta:
        ordering = ["bidding_round", "project_title"]
        rules_permissions = {"view": applicant_or_evaluator}

    def __str__(self) -> str:
        return f"{self.project_title} ({self.applicant})"


class Scorecard(PartnershipOwned):
    """One evaluator's independent scores of an application; others' stay hidden until submitted."""

    partnership = partnership_key("bid_scorecards")
    partnership_from = "application"
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scorecards"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bid_scorecards"
    )
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "evaluator"], name="one_scorecard_per_evaluator"
            )
        ]
        rules_permissions = SCORED

    def __str__(self) -> str:
        return f"{self.evaluator} on {self.application.project_title}"


class Score(PartnershipOwned):
    """The score one scorecard gives one criterion."""

    partnership = partnership_key("bid_scores")
    partnership_from = "scorecard"
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField("score")

    class Meta:
        ordering = ["scorecard", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "criterion"], name="one_score_per_criterion"
            )
        ]
        rules_permissions = SCORED

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.value}/{self.criterion.max_score}"

    def clean(self) -> None:
        if self.criterion_id and self.value is not None and self.value > self.criterion.max_score:
            raise ValidationError(
                {
                    "value": f"The highest score for {self.criterion.name} is "
                    f"{self.criterion.max_score}."
                }
            )
