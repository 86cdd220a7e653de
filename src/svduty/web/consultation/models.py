"""Consultations (e.g. on the draft strategy) and what each consultee said and changed.

The Duty requires the relevant authorities (educational, prison, youth custody) to be consulted on
the strategy; good practice adds communities and young people.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from svduty.web.common.models import PartnershipOwned, partnership_key


class Consultation(PartnershipOwned):
    """A consultation exercise with its subject and period."""

    partnership = partnership_key("consultations")
    title = models.CharField(max_length=200)
    subject = models.CharField(
        max_length=300, help_text="For example the draft serious violence strategy 2024–2027."
    )
    opened_on = models.DateField()
    closed_on = models.DateField()
    summary = models.TextField("summary of findings", blank=True)

    class Meta:
        ordering = ["-opened_on"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError(
                {"closed_on": "The consultation must close on or after it opens."}
            )


class ConsulteeKind(models.TextChoices):
    SPECIFIED_AUTHORITY = "specified_authority", "Specified authority"
    RELEVANT_AUTHORITY = (
        "relevant_authority",
        "Relevant authority (education, prison, youth custody)",
    )
    COMMUNITY = "community", "Community group or residents"
    YOUNG_PEOPLE = "young_people", "Young people"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary and community sector"
    VICTIMS_FAMILIES = "victims_families", "Victims and families"
    OTHER = "other", "Other"


class Method(models.TextChoices):
    SURVEY = "survey", "Survey"
    WORKSHOP = "workshop", "Workshop"
    FOCUS_GROUP = "focus_group", "Focus group"
    MEETING = "meeting", "Meeting"
    WRITTEN = "written", "Written response"
    YOUTH_FORUM = "youth_forum", "Youth forum or peer research"


class ConsultationResponse(PartnershipOwned):
    """What one consultee (or group) said, how they were asked, and what changed because of it."""

    partnership_from = "consultation"
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    consultee_kind = models.CharField("who", max_length=24, choices=ConsulteeKind.choices)
    consultee = models.CharField(
        "consultee",
        max_length=200,
        help_text="Name of the body or group, e.g. Year 10 pupils, Northtown Academy.",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_responses",
        help_text="When the consultee is an organisation in the partnership.",
    )
    method = models.CharField("how", max_length=16, choices=Method.choices)
    held_on = models.DateField("when")
    participants = models.PositiveIntegerField(null=True, blank=True)
    what_they_said = models.TextField()
    what_changed = models.TextField(
        blank=True, help_text="What the partnership changed as a result (or why nothing did)."
    )

    class Meta:
        ordering = ["consultation", "held_on"]

    def __str__(self) -> str:
        return f"{self.consultee} ({self.get_method_display().lower()})"
