"""Strategy, needs-assessment recommendations, priorities, actions, quarterly updates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from svduty.web.common.access import member_with
from svduty.web.common.models import PartnershipOwned, PartnershipOwnedBase, partnership_key
from svduty.web.common.periods import FinancialQuarter
from svduty.web.common.roles import ANALYSTS
from svduty.web.strategy import trajectory
from svduty.web.strategy.definitions import definition_title
from svduty.web.strategy.indicators import CORE_INDICATORS, WAREHOUSE_INDICATORS
from svduty.web.strategy.rules import can_report_on_action
from svduty.web.strategy.status import LAPSED_GREEN, overdue_on


class Strategy(PartnershipOwned):
    """The partnership's serious violence strategy for a period, under one local definition."""

    partnership = partnership_key("strategies")
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    definition_name = models.CharField(
        "definition of serious violence",
        max_length=60,
        help_text="The local definition preset the strategy and needs assessment use.",
    )
    published_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-period_start"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.title

    @property
    def definition_title(self) -> str:
        """The definition as people name it (the preset's title), not its ``definition_name``."""
        return definition_title(self.definition_name)

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end <= self.period_start:
            raise ValidationError({"period_end": "The strategy must end after it starts."})


class Recommendation(PartnershipOwned):
    """A recommendation of the strategic needs assessment that the strategy answers."""

    partnership = partnership_key("recommendations")
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="recommendations")
    reference = models.CharField(max_length=20, help_text="For example R3.")
    text = models.TextField()
    source = models.CharField(
        max_length=200, blank=True, help_text="For example Strategic needs assessment 2023."
    )

    class Meta:
        ordering = ["strategy", "reference"]
        rules_permissions = {
            "add": member_with(ANALYSTS),
            "change": member_with(ANALYSTS),
            "delete": member_with(ANALYSTS),
        }

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"


class Priority(PartnershipOwned):
    """A priority (or theme) of the strategy."""

    partnership = partnership_key("priorities")
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Pillar(models.TextChoices):
    """The three pillars of the public-health approach."""

    PREVENT = "prevent", "Prevent before it happens"
    RESPOND = "respond", "Respond to emerging risk"
    LONG_TERM_SUPPORT = "long_term_support", "Long-term support"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


RAG_TAGS = {
    Rag.RED: "govuk-tag--red",
    Rag.AMBER: "govuk-tag--orange",
    Rag.GREEN: "govuk-tag--green",
    Rag.COMPLETE: "govuk-tag--blue",
    LAPSED_GREEN: "govuk-tag--orange",
}


class Action(PartnershipOwnedBase):
    """A delivery-plan action: who owns it, by when, how it is measured, what it answers."""

    partnership = partnership_key("actions")
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(max_length=20, help_text="For example 2.3.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    pillar = models.CharField(max_length=20, choices=Pillar.choices)
    owner_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="actions"
    )
    lead = models.CharField(max_length=200, help_text="The named person leading the action.")
    start_date = models.DateField()
    due_date = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    measures = models.TextField(help_text="How progress and success will be measured.")
    priorities = models.ManyToManyField(Priority, related_name="actions", blank=True)
    recommendations = models.ManyToManyField(Recommendation, related_name="actions", blank=True)
    board = models.ForeignKey(
        "partnership.Board",
        verbose_name="Reporting board",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        help_text="The board or group that oversees this action. It appears in that board's "
        "report and its parents'; actions with none appear in the top-level boards' reports.",
    )
    history = HistoricalRecords(m2m_fields=[priorities, recommendations])

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": "The due date must be on or after the start date."})
        if self.board_id and self.board.partnership_id != self.partnership_id:
            raise ValidationError({"board": "The reporting board must be in the same partnership."})

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Past its due date and not completed."""
        return self.completed_on is None and self.due_date < (today or timezone.localdate())

    def overdue_on(self, day: dt.date) -> bool:
        """Past its due date on ``day`` and not completed by then (a later completion counts
        as not yet done), as the board report judges a quarter."""
        return overdue_on(self.due_date, self.completed_on, day)


class QuarterlyUpdate(PartnershipOwned):
    """Progress on an action for one financial quarter, with its RAG status."""

    partnership = partnership_key("quarterly_updates")
    partnership_from = "action"
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts in: 2024 for 2024/25."
    )
    quarter = models.PositiveSmallIntegerField(choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)])
    rag = models.CharField("RAG status", max_length=10, choices=Rag.choices)
    green_override_reason = models.TextField(
        "reason for Green past the due date",
        blank=True,
        help_text="Only for a Green status on an action past its due date and not complete: "
        "why it is still on track, for example the board agreed a new date.",
    )
    progress = models.TextField()
    next_steps = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-financial_year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "financial_year", "quarter"], name="one_update_per_quarter"
            )
        ]
        rules_permissions = {"add": can_report_on_action, "change": can_report_on_action}

    def __str__(self) -> str:
        return f"{self.action.reference} {self.period}"

    @property
    def period(self) -> FinancialQuarter:
        return FinancialQuarter(self.financial_year, self.quarter)

    @property
    def rag_tag(self) -> str:
        return RAG_TAGS[self.rag]

    def speaks_for(self, today: dt.date | None = None) -> dt.date:
        """The day the update rates: its quarter's last day, or today while the quarter runs."""
        return min(self.period.end, today or timezone.localdate())

    def green_needs_reason(self, today: dt.date | None = None) -> bool:
        """A Green for a day on which the action is past its due date and not complete."""
        return self.rag == Rag.GREEN and self.action.overdue_on(self.speaks_for(today))

    def clean(self) -> None:
        self.check_green_override()

    def check_green_override(self, today: dt.date | None = None) -> None:
        """Refuse a Green on an overdue action without an override reason; drop a reason a
        status other than Green does not need (it would explain nothing)."""
        if self.action_id is None or self.financial_year is None or self.quarter is None:
            return
        if self.rag != Rag.GREEN:
            self.green_override_reason = ""
            return
        self.green_override_reason = self.green_override_reason.strip()
        if self.green_needs_reason(today) and not self.green_override_reason:
            due = self.action.due_date
            raise ValidationError(
                {
                    "green_override_reason": f"Action {self.action.reference} was due on "
                    f"{due.day} {due:%B %Y} and is not complete: give the reason it is still "
                    "Green, or choose another status."
                }
            )


class MeasureKind(models.TextChoices):
    CORE = "core", "Home Office core measure"
    WAREHOUSE = "warehouse", "Needs-assessment indicator"
    MANUAL = "manual", "Reported figure"


class Direction(models.TextChoices):
    LOWER = trajectory.LOWER, "Lower is better"
    HIGHER = trajectory.HIGHER, "Higher is better"


QUARTERS = [(q, f"Q{q}") for q in (1, 2, 3, 4)]


class Measure(PartnershipOwned):
    """A measure of the strategy: a Home Office core measure, an indicator the needs assessment
    computes from the warehouse, or a figure the partnership reports itself; each with a baseline,
    a target and a straight-line trajectory between them (see :mod:`.trajectory`)."""

    partnership = partnership_key("measures")
    priority = models.ForeignKey(
        Priority,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        help_text="The strategy priority the measure tracks, if any.",
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=MeasureKind.choices)
    indicator = models.CharField(
        "figure from the warehouse",
        max_length=60,
        blank=True,
        help_text="For a core measure or indicator: the figure the warehouse gives each quarter.",
    )
    area_code = models.CharField(
        "area",
        max_length=12,
        blank=True,
        help_text="For a core measure or indicator: a district code to narrow it to; leave "
        "blank for the whole area.",
    )
    unit = models.CharField(
        max_length=60, blank=True, help_text="For example offences, admissions, per cent."
    )
    baseline_year = models.PositiveSmallIntegerField(
        "baseline financial year",
        help_text="The year the financial year starts in: 2023 for 2023/24.",
    )
    baseline_quarter = models.PositiveSmallIntegerField(choices=QUARTERS)
    baseline_value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leave blank for a core measure or indicator to take the warehouse's figure "
        "for the baseline quarter.",
    )
    target_value = models.DecimalField(max_digits=14, decimal_places=2)
    target_date = models.DateField(help_text="The target is for the quarter holding this date.")
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.LOWER)
    tolerance_pct = models.PositiveSmallIntegerField(
        "Amber tolerance (%)",
        default=trajectory.DEFAULT_TOLERANCE_PCT,
        validators=[MaxValueValidator(100)],
        help_text="How far worse than the trajectory is still Amber, as a share of the gap "
        "between baseline and target.",
    )

    class Meta:
        ordering = ["name"]
        rules_permissions = {
            "add": member_with(ANALYSTS),
            "change": member_with(ANALYSTS),
            "delete": member_with(ANALYSTS),
        }

    def __str__(self) -> str:
        return self.name

    @property
    def baseline_period(self) -> FinancialQuarter:
        return FinancialQuarter(self.baseline_year, self.baseline_quarter)

    @property
    def target_period(self) -> FinancialQuarter:
        return FinancialQuarter.of(self.target_date)

    @property
    def from_warehouse(self) -> bool:
        return self.kind in (MeasureKind.CORE, MeasureKind.WAREHOUSE)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.from_warehouse:
            known = CORE_INDICATORS if self.kind == MeasureKind.CORE else WAREHOUSE_INDICATORS
            if self.indicator not in known:
                errors["indicator"] = (
                    f"Choose a {'core measure' if self.kind == MeasureKind.CORE else 'indicator'}"
                    " the warehouse gives."
                )
        else:
            self.indicator, self.area_code = "", ""
            if self.baseline_value is None:
                errors["baseline_value"] = "Enter the baseline value of a reported figure."
        dated = self.baseline_quarter and self.baseline_year and self.target_date
        if dated and self.target_period <= self.baseline_period:
            errors["target_date"] = (
                f"The target date must fall after the baseline quarter "
                f"({self.baseline_period.label})."
            )
        if (
            self.baseline_value is not None
            and self.target_value is not None
            and self.direction
            and (
                (self.direction == Direction.LOWER and self.target_value > self.baseline_value)
                or (self.direction == Direction.HIGHER and self.target_value < self.baseline_value)
            )
        ):
            errors["target_value"] = (
                f"For a measure where {Direction(self.direction).label.lower()}, the target "
                f"cannot be {'above' if self.direction == Direction.LOWER else 'below'} the "
                "baseline."
            )
        if errors:
            raise ValidationError(errors)


class MeasureValue(PartnershipOwned):
    """The figure of a reported (manual) measure for one financial quarter."""

    partnership = partnership_key("measure_values")
    partnership_from = "measure"
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts in: 2024 for 2024/25."
    )
    quarter = models.PositiveSmallIntegerField(choices=QUARTERS)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    note = models.TextField(blank=True, help_text="Where the figure comes from, any caveat.")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-financial_year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "financial_year", "quarter"], name="one_value_per_quarter"
            )
        ]
        rules_permissions = {
            "add": member_with(ANALYSTS),
            "change": member_with(ANALYSTS),
            "delete": member_with(ANALYSTS),
        }

    def __str__(self) -> str:
        return f"{self.measure} {self.period}"

    @property
    def period(self) -> FinancialQuarter:
        return FinancialQuarter(self.financial_year, self.quarter)
