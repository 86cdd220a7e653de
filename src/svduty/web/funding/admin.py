from django.contrib import admin

from svduty.web.common.admin_site import PartnershipScopedAdmin
from svduty.web.funding.models import (
    Application,
    BiddingRound,
    Criterion,
    GrantAllocation,
    GrantStream,
    ProjectAllocation,
    Score,
    Scorecard,
    SpendLine,
)


@admin.register(GrantStream)
class GrantStreamAdmin(PartnershipScopedAdmin):
    list_display = ["name", "kind", "funder", "partnership"]
    list_filter = ["kind"]


@admin.register(GrantAllocation)
class GrantAllocationAdmin(PartnershipScopedAdmin):
    list_display = ["stream", "financial_year", "labour_amount", "non_labour_amount", "partnership"]
    list_filter = ["financial_year"]


@admin.register(ProjectAllocation)
class ProjectAllocationAdmin(PartnershipScopedAdmin):
    list_display = ["name", "allocation", "cost_type", "amount", "organisation"]
    list_filter = ["cost_type"]


@admin.register(SpendLine)
class SpendLineAdmin(PartnershipScopedAdmin):
    list_display = ["spent_on", "description", "allocation", "cost_type", "amount"]
    list_filter = ["cost_type"]
    date_hierarchy = "spent_on"


@admin.register(BiddingRound)
class BiddingRoundAdmin(PartnershipScopedAdmin):
    list_display = ["title", "stream", "financial_year", "budget", "status"]


@admin.register(Criterion)
class CriterionAdmin(PartnershipScopedAdmin):
    list_display = ["name", "bidding_round", "weight", "max_score"]


@admin.register(Application)
class ApplicationAdmin(PartnershipScopedAdmin):
    list_display = ["project_title", "applicant", "bidding_round", "outcome", "amount_awarded"]
    list_filter = ["outcome"]


@admin.register(Scorecard)
class ScorecardAdmin(PartnershipScopedAdmin):
    list_display = ["application", "evaluator", "submitted_at"]


@admin.register(Score)
class ScoreAdmin(PartnershipScopedAdmin):
    list_display = ["scorecard", "criterion", "value"]
