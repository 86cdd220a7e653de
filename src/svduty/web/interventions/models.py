"""The intervention register, quarterly outputs (people reached), outcomes and evaluations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from svduty.web.common.access import member_with
from svduty.web.common.models import PartnershipOwned, PartnershipOwnedBase, partnership_key
from svduty.web.common.periods import FinancialQuarter
from svduty.web.common.roles import ANALYSTS
from svduty.web.interventions.rules import can_report_on_intervention
from svduty.web.strategy.models import Pillar

#: Managers, and providers on the interventions their organisation delivers.
REPORTED = {"add": can_report_on_intervention, "change": can_report_on_intervention}


class Level(models.TextChoices):
    """The public-health tiers: everyone, those at risk, those already involved."""

    UNIVERSAL = "universal", "Universal"
    TARGETED = "targeted", "Targeted"
    INTENSIVE = "intensive", "Intensive"


class Intervention(PartnershipOwnedBase):
    """A commissioned project in the partnership's register."""

    partnership = partnership_key("interventions")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="interventions"
    )
    pillar = models.CharField(max_length=20, choices=Pillar.choices)
    level = models.CharField(max_length=12, choices=Level.choices)
    target_cohort = models.CharField(
        max_length=300, help_text="For example young people excluded from school."
    )
    min_age = models.PositiveSmallIntegerField(
        "youngest age", null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        "oldest age", null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    areas = models.CharField(
        max_length=300, help_text="Districts, Community Safety Partnerships or wards served."
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    funding = models.ForeignKey(
        "funding.ProjectAllocation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interventions",
        help_text="The project allocation that pays for it.",
    )
    actions = models.ManyToManyField(
        "strategy.Action",
        blank=True,
        related_name="interventions",
        help_text="Delivery-plan actions it delivers.",
    )
    history = HistoricalRecords(m2m_fields=[actions])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def ages(self) -> str:
        if self.min_age is None and self.max_age is None:
            return "All ages"
        if self.max_age is None:
            return f"{self.min_age} and over"
        if self.min_age is None:
            return f"Up to {self.max_age}"
        return f"{self.min_age} to {self.max_age}"

    def clean(self) -> None:
        errors = {}
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            errors["max_age"] = "The oldest age must be at least the youngest age."
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date must be on or after the start date."
        if errors:
            raise ValidationError(errors)


class _InterventionChild(PartnershipOwned):
    """A record about one intervention, in its partnership."""

    partnership_from = "intervention"
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class QuarterlyOutput(_InterventionChild):
    """How many people an intervention reached in one financial quarter."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="outputs")
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts in: 2024 for 2024/25."
    )
    quarter = models.PositiveSmallIntegerField(choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)])
    people_reached = models.PositiveIntegerField()
    sessions_delivered = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["intervention", "-financial_year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "financial_year", "quarter"], name="one_output_per_quarter"
            )
        ]
        rules_permissions = REPORTED

    def __str__(self) -> str:
        return f"{self.intervention} {self.period}: {self.people_reached} reached"

    @property
    def period(self) -> FinancialQuarter:
        return FinancialQuarter(self.financial_year, self.quarter)


class Outcome(_InterventionChild):
    """A measured change the intervention aims at (e.g. school attendance, reoffending)."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="outcomes"
    )
    measure = models.CharField(max_length=200)
    baseline = models.CharField(max_length=100, blank=True)
    result = models.CharField(max_length=100)
    measured_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["intervention", "-measured_on"]
        rules_permissions = REPORTED

    def __str__(self) -> str:
        return f"{self.measure}: {self.result}"


class EvaluationMethod(models.TextChoices):
    RCT = "rct", "Randomised controlled trial"
    QUASI = "quasi_experimental", "Quasi-experimental (comparison group)"
    PRE_POST = "pre_post", "Before and after, no comparison group"
    PROCESS = "process", "Process or implementation evaluation"
    QUALITATIVE = "qualitative", "Qualitative (interviews, case studies)"
    MONITORING = "monitoring", "Monitoring data only"


class MarylandScale(models.IntegerChoices):
    """The Maryland Scientific Methods Scale: strength of causal evidence, 1 (weak) to 5."""

    LEVEL_1 = 1, "1: correlation at one point in time"
    LEVEL_2 = 2, "2: before and after, no comparison"
    LEVEL_3 = 3, "3: before and after with a comparison group"
    LEVEL_4 = 4, "4: several comparison units, controls for other factors"
    LEVEL_5 = 5, "5: random assignment"


class EifLevel(models.TextChoices):
    """Early Intervention Foundation evidence levels."""

    NL2 = "nl2", "NL2: negative or harmful"
    NL = "nl", "NL: not yet rated / no effect"
    LEVEL_2 = "2", "Level 2: preliminary evidence"
    LEVEL_3 = "3", "Level 3: evidence of efficacy"
    LEVEL_4 = "4", "Level 4: evidence of effectiveness"


class Evaluation(_InterventionChild):
    """How an intervention was evaluated, what it found and how strong the evidence is."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="evaluations"
    )
    method = models.CharField(max_length=20, choices=EvaluationMethod.choices)
    evaluator = models.CharField(max_length=200, help_text="Who evaluated it.")
    completed_on = models.DateField()
    result = models.TextField(help_text="What the evaluation found.")
    maryland_level = models.PositiveSmallIntegerField(
        "Maryland scale level", choices=MarylandScale.choices, null=True, blank=True
    )
    eif_level = models.CharField(
        "EIF evidence level", max_length=4, choices=EifLevel.choices, blank=True
    )

    class Meta:
        ordering = ["intervention", "-completed_on"]
        rules_permissions = {"add": member_with(ANALYSTS), "change": member_with(ANALYSTS)}

    def __str__(self) -> str:
        return f"{self.get_method_display()} of {self.intervention}"

    def clean(self) -> None:
        if self.maryland_level is None and not self.eif_level:
            raise ValidationError(
                {
                    "maryland_level": "Give the strength of evidence: "
                    "a Maryland level or an EIF level."
                }
            )
