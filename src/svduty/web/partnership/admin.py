from django.contrib import admin

from svduty.web.common.admin_site import PartnershipScopedAdmin
from svduty.web.partnership.models import (
    Board,
    DutyRequirement,
    Partnership,
    PartnershipAgreement,
    SeniorResponsibleOfficer,
)


@admin.register(Partnership)
class PartnershipAdmin(PartnershipScopedAdmin):
    partnership_field = "pk"
    list_display = ["name", "area_name", "hub"]
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser


@admin.register(Board)
class BoardAdmin(PartnershipScopedAdmin):
    list_display = ["name", "kind", "parent", "meeting_frequency", "partnership"]


@admin.register(SeniorResponsibleOfficer)
class SeniorResponsibleOfficerAdmin(PartnershipScopedAdmin):
    list_display = ["name", "organisation", "partnership"]


@admin.register(PartnershipAgreement)
class PartnershipAgreementAdmin(PartnershipScopedAdmin):
    list_display = ["title", "period_start", "period_end", "partnership"]


@admin.register(DutyRequirement)
class DutyRequirementAdmin(PartnershipScopedAdmin):
    list_display = ["title", "kind", "due_date", "completed_on", "partnership"]
