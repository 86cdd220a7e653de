from django.contrib import admin

from svduty.web.common.admin_site import PartnershipScopedAdmin
from svduty.web.insight.models import Job, PublishedSummary


@admin.register(Job)
class JobAdmin(PartnershipScopedAdmin):
    list_display = ("__str__", "partnership", "status", "created_at", "finished_at")
    list_filter = ("kind", "status")


@admin.register(PublishedSummary)
class PublishedSummaryAdmin(PartnershipScopedAdmin):
    list_display = ("partnership", "definition_name", "area_code", "published")
