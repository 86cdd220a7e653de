from django.contrib import admin

from svduty.web.common.admin_site import PartnershipScopedAdmin
from svduty.web.strategy.indicators import INDICATORS
from svduty.web.strategy.models import (
    Action,
    Measure,
    MeasureValue,
    Priority,
    QuarterlyUpdate,
    Recommendation,
    Strategy,
)


@admin.register(Strategy)
class StrategyAdmin(PartnershipScopedAdmin):
    list_display = ["title", "period_start", "period_end", "definition_name", "partnership"]


@admin.register(Recommendation)
class RecommendationAdmin(PartnershipScopedAdmin):
    list_display = ["reference", "strategy", "partnership"]


@admin.register(Priority)
class PriorityAdmin(PartnershipScopedAdmin):
    list_display = ["number", "title", "strategy", "partnership"]


@admin.register(Action)
class ActionAdmin(PartnershipScopedAdmin):
    list_display = ["reference", "title", "pillar", "owner_organisation", "due_date", "partnership"]
    list_filter = ["pillar"]
    search_fields = ["title", "reference"]


@admin.register(QuarterlyUpdate)
class QuarterlyUpdateAdmin(PartnershipScopedAdmin):
    list_display = ["action", "financial_year", "quarter", "rag", "partnership"]
    list_filter = ["rag"]


@admin.register(Measure)
class MeasureAdmin(PartnershipScopedAdmin):
    list_display = ["name", "kind", "figure", "baseline_year", "target_date", "partnership"]
    list_filter = ["kind"]
    search_fields = ["name"]

    @admin.display(description="figure from the warehouse")
    def figure(self, measure: Measure) -> str:
        """The indicator's label, not its key (a person reads this list)."""
        indicator = INDICATORS.get(measure.indicator)
        return indicator.label if indicator is not None else "–"


@admin.register(MeasureValue)
class MeasureValueAdmin(PartnershipScopedAdmin):
    list_display = ["measure", "financial_year", "quarter", "value", "partnership"]
