"""The partnership, its governance and its statutory calendar."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from svduty.web.common.access import member_with
from svduty.web.common.models import PartnershipOwned, partnership_key
from svduty.web.common.roles import ADMINISTRATORS, MANAGERS, READERS
from svduty.web.partnership import calendar


class Partnership(RulesModel):
    """A Serious Violence Duty partnership for a local government area (or a force-wide hub)."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    area_name = models.CharField(max_length=200, help_text="For example Sample County.")
    area_code = models.CharField(
        max_length=12, blank=True, help_text="ONS code of the area, for example E10000031."
    )
    hub = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spokes",
        help_text="The force-wide hub partnership this one is a local-authority spoke of.",
    )
    lead_authority = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    convener = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Usually the police and crime commissioner's office.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        rules_permissions = {
            "view": member_with(READERS),
            "add": member_with(ADMINISTRATORS),
            "change": member_with(MANAGERS),
            "delete": member_with(ADMINISTRATORS),
        }

    def __str__(self) -> str:
        return self.name

    @property
    def partnership_id(self) -> int:
        return self.pk

    def clean(self) -> None:
        if self.hub_id and self.hub_id == self.pk:
            raise ValidationError({"hub": "A partnership cannot be its own hub."})
        if self.hub_id and self.hub.hub_id:
            raise ValidationError({"hub": "A spoke's hub must itself be a hub, not a spoke."})


class MeetingFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    BIMONTHLY = "bimonthly", "Every two months"
    QUARTERLY = "quarterly", "Quarterly"
    BIANNUAL = "biannual", "Twice a year"
    ANNUAL = "annual", "Annually"


class BoardKind(models.TextChoices):
    STRATEGIC_BOARD = "strategic_board", "Strategic board"
    CSP_BOARD = "csp_board", "Community Safety Partnership board"
    DELIVERY_GROUP = "delivery_group", "Delivery group"
    SUB_GROUP = "sub_group", "Sub-group"


class Board(PartnershipOwned):
    """A board or sub-group; ``parent`` builds the governance hierarchy."""

    partnership = partnership_key("boards")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=BoardKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    meeting_frequency = models.CharField(max_length=12, choices=MeetingFrequency.choices)
    chair = models.CharField(max_length=200, blank=True)
    terms_of_reference = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent.partnership_id != self.partnership_id:
            raise ValidationError({"parent": "The parent board must be in the same partnership."})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A board cannot sit under itself."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class SeniorResponsibleOfficer(PartnershipOwned):
    """The named senior responsible officer of one authority in the partnership."""

    partnership = partnership_key("senior_responsible_officers")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="one_sro_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class ReviewFrequency(models.IntegerChoices):
    QUARTERLY = 3, "Quarterly"
    BIANNUAL = 6, "Twice a year"
    ANNUAL = 12, "Annually"


class PartnershipAgreement(PartnershipOwned):
    """The agreement between the authorities: its period and how often it is reviewed."""

    partnership = partnership_key("agreements")
    title = models.CharField(max_length=200)
    signed_on = models.DateField(null=True, blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    review_frequency = models.PositiveSmallIntegerField(choices=ReviewFrequency.choices)

    class Meta:
        ordering = ["-period_start"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end <= self.period_start:
            raise ValidationError({"period_end": "The period must end after it starts."})

    def review_dates(self) -> list[dt.date]:
        return calendar.review_dates(self.period_start, self.period_end, self.review_frequency)


class RequirementKind(models.TextChoices):
    NEEDS_ASSESSMENT = "needs_assessment", "Strategic needs assessment"
    STRATEGY_PUBLICATION = "strategy_publication", "Strategy publication"
    HOME_OFFICE_SUBMISSION = "home_office_submission", "Home Office submission"
    ANNUAL_REVIEW = "annual_review", "Annual review"
    AGREEMENT_REVIEW = "agreement_review", "Partnership agreement review"


class DutyRequirement(PartnershipOwned):
    """One dated obligation under the Duty; done when ``completed_on`` is set."""

    partnership = partnership_key("requirements")
    kind = models.CharField(max_length=30, choices=RequirementKind.choices)
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["due_date", "title"]

    def __str__(self) -> str:
        return f"{self.title} (due {self.due_date:%d %B %Y})"

    def status(self, today: dt.date | None = None) -> str:
        return calendar.requirement_status(
            self.due_date, self.completed_on, today or timezone.localdate()
        )

    @property
    def status_label(self) -> str:
        return calendar.STATUS_LABELS[self.status()]

    @property
    def status_tag(self) -> str:
        return calendar.STATUS_TAGS[self.status()]
