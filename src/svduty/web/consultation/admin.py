from django.contrib import admin

from svduty.web.common.admin_site import PartnershipScopedAdmin
from svduty.web.consultation.models import Consultation, ConsultationResponse


@admin.register(Consultation)
class ConsultationAdmin(PartnershipScopedAdmin):
    list_display = ["title", "opened_on", "closed_on", "partnership"]


@admin.register(ConsultationResponse)
class ConsultationResponseAdmin(PartnershipScopedAdmin):
    list_display = ["consultee", "consultee_kind", "method", "held_on", "consultation"]
    list_filter = ["consultee_kind", "method"]
