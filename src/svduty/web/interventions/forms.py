"""Intervention forms: GOV.UK rendering, choices limited to the partnership."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from svduty.web.common.forms import PartnershipModelForm
from svduty.web.common.periods import FinancialQuarter
from svduty.web.interventions.models import Evaluation, Intervention, Outcome, QuarterlyOutput


class InterventionForm(PartnershipModelForm):
    class Meta:
        model = Intervention
        fields = [
            "name",
            "description",
            "provider",
            "pillar",
            "level",
            "target_cohort",
            "min_age",
            "max_age",
            "areas",
            "start_date",
            "end_date",
            "funding",
            "actions",
        ]
        widgets = {
            "pillar": forms.RadioSelect,
            "level": forms.RadioSelect,
            "actions": forms.CheckboxSelectMultiple,
        }


def quarter_choices(count: int = 8) -> list[tuple[str, str]]:
    """The current financial quarter and the ``count - 1`` before it, newest first."""
    quarters = [FinancialQuarter.of(timezone.localdate())]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return [(f"{q.year}-{q.quarter}", q.label) for q in quarters]


class QuarterlyOutputForm(PartnershipModelForm):
    """People reached in one quarter; the intervention comes from the URL."""

    period = forms.ChoiceField(label="Quarter")

    class Meta:
        model = QuarterlyOutput
        fields = ["people_reached", "sessions_delivered", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = quarter_choices()
        if self.instance.pk:
            own = (
                f"{self.instance.financial_year}-{self.instance.quarter}",
                self.instance.period.label,
            )
            if own not in choices:
                choices.append(own)
            self.initial["period"] = own[0]
        self.fields["period"].choices = [("", "Choose a quarter"), *choices]
        self.fields["period"].widget.attrs["class"] = "govuk-select"
        self.order_fields(["period", "people_reached", "sessions_delivered", "notes"])

    def clean_period(self) -> FinancialQuarter:
        year, quarter = (int(part) for part in self.cleaned_data["period"].split("-"))
        period = FinancialQuarter(year, quarter)
        clash = QuarterlyOutput.objects.filter(
            intervention=self.instance.intervention, financial_year=year, quarter=quarter
        ).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(
                f"Outputs for {period.label} are already recorded; change them instead."
            )
        self.instance.financial_year, self.instance.quarter = year, quarter
        return period


class OutcomeForm(PartnershipModelForm):
    class Meta:
        model = Outcome
        fields = ["measure", "baseline", "result", "measured_on", "notes"]


class EvaluationForm(PartnershipModelForm):
    class Meta:
        model = Evaluation
        fields = ["method", "evaluator", "completed_on", "result", "maryland_level", "eif_level"]
