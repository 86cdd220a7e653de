from django.contrib import admin

from svduty.web.common.admin_site import PartnershipScopedAdmin
from svduty.web.interventions.models import Evaluation, Intervention, Outcome, QuarterlyOutput


@admin.register(Intervention)
class InterventionAdmin(PartnershipScopedAdmin):
    list_display = ["name", "provider", "pillar", "level", "start_date", "partnership"]
    list_filter = ["pillar", "level"]
    search_fields = ["name"]


@admin.register(QuarterlyOutput)
class QuarterlyOutputAdmin(PartnershipScopedAdmin):
    list_display = ["intervention", "financial_year", "quarter", "people_reached"]


@admin.register(Outcome)
class OutcomeAdmin(PartnershipScopedAdmin):
    list_display = ["intervention", "measure", "result", "measured_on"]


@admin.register(Evaluation)
class EvaluationAdmin(PartnershipScopedAdmin):
    list_display = ["intervention", "method", "maryland_level", "eif_level", "completed_on"]
