"""Background jobs (uploads, reports) and the partnership's published public summary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from svduty.web.common.access import member_with
from svduty.web.common.models import PartnershipOwned, PartnershipOwnedBase, partnership_key
from svduty.web.common.roles import ANALYSTS


class Job(PartnershipOwnedBase):
    """Work the request thread must not do: an import or a report, run by the worker.

    The worker claims a queued job, records its progress stage by stage (``stage``, ``done``,
    ``total``) and ends it succeeded (``result``) or failed (``error``: the one-line message).
    """

    class Kind(models.TextChoices):
        IMPORT = "import", "Data upload"
        REPORT = "report", "Report"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    partnership = partnership_key("insight_jobs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    stage = models.CharField(max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["stage", "done", "total"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        rules_permissions = {
            "view": member_with(ANALYSTS),
            "add": member_with(ANALYSTS),
            "change": member_with(ANALYSTS),
        }

    def __str__(self) -> str:
        what = self.params.get("source") or self.params.get("definition") or ""
        return f"{self.get_kind_display()} #{self.pk} {what}".strip()

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class PublishedSummary(PartnershipOwned):
    """What ``/public/`` shows for a partnership: a definition and area, when published."""

    partnership = models.OneToOneField(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="published_summary"
    )
    definition_name = models.CharField("definition of serious violence", max_length=100)
    area_code = models.CharField(
        "area code",
        max_length=20,
        blank=True,
        help_text="Leave blank for every area in the warehouse.",
    )
    published = models.BooleanField(
        default=False, help_text="Anyone can read a published summary without signing in."
    )

    class Meta:
        verbose_name = "public summary"
        verbose_name_plural = "public summaries"
        rules_permissions = {"add": member_with(ANALYSTS), "change": member_with(ANALYSTS)}

    def __str__(self) -> str:
        return f"Public summary of {self.partnership} ({self.definition_name})"
