"""Courses for front-line practitioners, their sessions, and who attended from each organisation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Sum

from svduty.web.common.models import PartnershipOwned, partnership_key


class Course(PartnershipOwned):
    """A training or awareness course (e.g. trauma-informed practice, the Duty for front line)."""

    partnership = partnership_key("courses")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    audience = models.CharField(
        max_length=200, help_text="For example front-line practitioners of every authority."
    )
    duration_hours = models.DecimalField(
        "length (hours)", max_digits=4, decimal_places=1, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TrainingSession(PartnershipOwned):
    """One delivery of a course."""

    partnership = partnership_key("training_sessions")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("date")
    venue = models.CharField(max_length=200, help_text="Or 'Online'.")
    trainer = models.CharField(max_length=200)
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.course} on {self.held_on:%-d %b %Y}"

    def attended(self, exclude_pk: int | None = None) -> int:
        rows = self.attendances.exclude(pk=exclude_pk) if exclude_pk else self.attendances.all()
        return rows.aggregate(total=Sum("attendees"))["total"] or 0

    def clean(self) -> None:
        if self.pk and self.capacity is not None and self.capacity < self.attended():
            raise ValidationError(
                {"capacity": f"{self.attended()} people already attended this session."}
            )


class Attendance(PartnershipOwned):
    """How many people from one organisation attended one session."""

    partnership_from = "session"
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="attendances"
    )
    attendees = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["session", "organisation__name"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organisation"], name="one_attendance_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attendees} from {self.organisation}"

    def clean(self) -> None:
        if not (self.session_id and self.attendees):
            return
        others = self.session.attended(exclude_pk=self.pk)
        if others + self.attendees > self.session.capacity:
            raise ValidationError(
                {
                    "attendees": f"The session holds {self.session.capacity}: {others} already "
                    f"attended, so at most {max(self.session.capacity - others, 0)} more."
                }
            )
        if self.organisation_id and self.session_id:
            clash = Attendance.objects.filter(
                session_id=self.session_id, organisation_id=self.organisation_id
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"organisation": f"Attendance from {self.organisation} is already recorded."}
                )
