"""Strategy forms: GOV.UK rendering, choices limited to the partnership, quarter checks."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from svduty.web.common.forms import GovukFormMixin, PartnershipModelForm
from svduty.web.common.periods import FinancialQuarter
from svduty.web.organisations.models import Organisation
from svduty.web.strategy import indicators
from svduty.web.strategy.definitions import definition_choices
from svduty.web.strategy.models import (
    Action,
    Measure,
    MeasureValue,
    Pillar,
    Priority,
    QuarterlyUpdate,
    Rag,
    Recommendation,
    Strategy,
)


def one_a_quarter(choice: str, others, what: str) -> FinancialQuarter:
    """The quarter chosen as ``YYYY-Q``, refused when ``others`` (the same action's updates,
    the same measure's figures) already hold one for it: there is one ``what`` a quarter."""
    year, quarter = (int(part) for part in choice.split("-"))
    period = FinancialQuarter(year, quarter)
    if others.filter(financial_year=year, quarter=quarter).exists():
        noun = what.split(" ", 1)[1]
        raise ValidationError(
            f"There is already {what} for {period.label}; change that {noun} instead."
        )
    return period


class StrategyForm(PartnershipModelForm):
    class Meta:
        model = Strategy
        fields = [
            "title",
            "period_start",
            "period_end",
            "definition_name",
            "published_on",
            "summary",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition_name"] = forms.ChoiceField(
            label="Definition of serious violence",
            choices=[("", "Choose a definition"), *definition_choices()],
            help_text=Strategy._meta.get_field("definition_name").help_text,
        )
        self.fields["definition_name"].widget.attrs["class"] = "govuk-select"


class _OneStrategyMixin:
    """With a single strategy in the partnership, new records belong to it without asking."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        strategies = self.fields["strategy"].queryset
        if not self.instance.pk and len(strategies[:2]) == 1:
            self.initial.setdefault("strategy", strategies[0].pk)


class RecommendationForm(_OneStrategyMixin, PartnershipModelForm):
    class Meta:
        model = Recommendation
        fields = ["strategy", "reference", "text", "source"]


class PriorityForm(_OneStrategyMixin, PartnershipModelForm):
    class Meta:
        model = Priority
        fields = ["strategy", "number", "title", "description"]


class ActionForm(_OneStrategyMixin, PartnershipModelForm):
    class Meta:
        model = Action
        fields = [
            "strategy",
            "reference",
            "title",
            "description",
            "pillar",
            "owner_organisation",
            "lead",
            "start_date",
            "due_date",
            "completed_on",
            "measures",
            "priorities",
            "recommendations",
            "board",
        ]
        widgets = {
            "pillar": forms.RadioSelect,
            "priorities": forms.CheckboxSelectMultiple,
            "recommendations": forms.CheckboxSelectMultiple,
        }


def _quarter_choices() -> list[tuple[str, str]]:
    current = FinancialQuarter.of(timezone.localdate())
    quarters = [current]
    for _ in range(5):
        quarters.append(quarters[-1].previous())
    return [(f"{q.year}-{q.quarter}", q.label) for q in quarters]


def _offer_quarters(form: forms.ModelForm, choices: list[tuple[str, str]]) -> None:
    """Set the ``period`` choices; a record being changed keeps its own quarter among them."""
    instance = form.instance
    if instance.pk:
        own = (f"{instance.financial_year}-{instance.quarter}", instance.period.label)
        if own not in choices:
            choices.append(own)
        form.initial["period"] = own[0]
    form.fields["period"].choices = choices
    form.fields["period"].widget.attrs["class"] = "govuk-select"


class QuarterlyUpdateForm(GovukFormMixin, forms.ModelForm):
    """An update for one quarter; the action comes from the URL."""

    period = forms.ChoiceField(label="Quarter", help_text="Financial year and quarter reported on.")

    class Meta:
        model = QuarterlyUpdate
        fields = ["rag", "green_override_reason", "progress", "next_steps"]
        widgets = {"rag": forms.RadioSelect, "green_override_reason": forms.Textarea({"rows": 3})}

    def __init__(self, *args, action: Action, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        choices = _quarter_choices()
        _offer_quarters(self, choices)
        self.order_fields(["period", "rag", "green_override_reason", "progress", "next_steps"])
        self.fields["rag"].choices = Rag.choices
        due = action.due_date
        self.fields["green_override_reason"].help_text = (
            f"This action is due on {due.day} {due:%B %Y}. If you rate it Green for a quarter "
            "after that and it is not complete, say why it is still on track (for example, the "
            "board agreed a new date)."
        )

    def clean_period(self) -> FinancialQuarter:
        return one_a_quarter(
            self.cleaned_data["period"],
            QuarterlyUpdate.objects.filter(action=self.action).exclude(pk=self.instance.pk),
            "an update",
        )

    def clean(self) -> dict:
        """Put the action and quarter on the update before the model's own checks run (a Green
        on an overdue action needs a reason), so they judge the quarter being reported."""
        cleaned = super().clean()
        self.instance.action = self.action
        period = cleaned.get("period")
        if isinstance(period, FinancialQuarter):
            self.instance.financial_year = period.year
            self.instance.quarter = period.quarter
        return cleaned


class DeliveryPlanFilter(GovukFormMixin, forms.Form):
    """Filters of the delivery plan; every field optional."""

    priority = forms.ModelChoiceField(
        queryset=Priority.objects.none(), required=False, empty_label="All priorities"
    )
    owner = forms.ModelChoiceField(
        label="Owner", queryset=None, required=False, empty_label="All owners"
    )
    pillar = forms.ChoiceField(choices=[("", "All pillars"), *Pillar.choices], required=False)
    rag = forms.ChoiceField(
        label="RAG status",
        choices=[("", "Any status"), *Rag.choices, ("none", "No update yet")],
        required=False,
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["priority"].queryset = Priority.objects.filter(partnership=partnership)
        self.fields["owner"].queryset = Organisation.objects.filter(
            partnership=partnership, actions__isnull=False
        ).distinct()


class MeasureForm(PartnershipModelForm):
    """A measure: what it counts, its baseline, target and tolerance."""

    class Meta:
        model = Measure
        fields = [
            "name",
            "description",
            "priority",
            "kind",
            "indicator",
            "area_code",
            "unit",
            "baseline_year",
            "baseline_quarter",
            "baseline_value",
            "target_value",
            "target_date",
            "direction",
            "tolerance_pct",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "direction": forms.RadioSelect,
            "description": forms.Textarea({"rows": 3}),
        }

    def __init__(self, *args, districts: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"] = forms.ChoiceField(
            label="Figure from the warehouse",
            choices=[("", "None: a reported figure"), *indicators.choices()],
            required=False,
            help_text=Measure._meta.get_field("indicator").help_text,
        )
        areas = [("", "The whole area"), *(districts or [])]
        current = self.instance.area_code
        if current and current not in {code for code, _ in areas}:
            areas.append((current, current))
        self.fields["area_code"] = forms.ChoiceField(
            label="Area",
            choices=areas,
            required=False,
            help_text=Measure._meta.get_field("area_code").help_text,
        )
        for name in ("indicator", "area_code", "baseline_quarter"):
            self.fields[name].widget.attrs["class"] = "govuk-select"


class MeasureValueForm(GovukFormMixin, forms.ModelForm):
    """A reported figure for one quarter; the measure comes from the URL."""

    period = forms.ChoiceField(
        label="Quarter", help_text="Financial year and quarter of the figure."
    )

    class Meta:
        model = MeasureValue
        fields = ["value", "note"]
        widgets = {"note": forms.Textarea({"rows": 3})}

    def __init__(self, *args, measure: Measure, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        first = measure.baseline_period
        last = max(FinancialQuarter.of(timezone.localdate()), first)
        quarters = [first]
        while quarters[-1] < last:
            quarters.append(quarters[-1].next())
        choices = [(f"{q.year}-{q.quarter}", q.label) for q in reversed(quarters)]
        _offer_quarters(self, choices)
        self.order_fields(["period", "value", "note"])
        if measure.unit:
            self.fields["value"].help_text = f"In {measure.unit}."

    def clean_period(self) -> FinancialQuarter:
        return one_a_quarter(
            self.cleaned_data["period"],
            MeasureValue.objects.filter(measure=self.measure).exclude(pk=self.instance.pk),
            "a figure",
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        self.instance.measure = self.measure
        period = cleaned.get("period")
        if isinstance(period, FinancialQuarter):
            self.instance.financial_year = period.year
            self.instance.quarter = period.quarter
        return cleaned
