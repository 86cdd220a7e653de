"""Funding forms: GOV.UK rendering, choices limited to the partnership; the money rules are the
models' (``clean()``), so a refused spend comes back as a GOV.UK error on the field concerned."""

from __future__ import annotations

from django import forms

from svduty.web.common.forms import GovukFormMixin, PartnershipModelForm
from svduty.web.funding.models import (
    Application,
    BiddingRound,
    CostType,
    Criterion,
    GrantAllocation,
    GrantStream,
    Outcome,
    ProjectAllocation,
    SpendLine,
)


class GrantStreamForm(PartnershipModelForm):
    class Meta:
        model = GrantStream
        fields = ["name", "kind", "funder", "recipient", "description"]


class GrantAllocationForm(PartnershipModelForm):
    class Meta:
        model = GrantAllocation
        fields = ["stream", "financial_year", "labour_amount", "non_labour_amount", "notes"]


class ProjectAllocationForm(PartnershipModelForm):
    class Meta:
        model = ProjectAllocation
        fields = ["allocation", "name", "organisation", "cost_type", "amount"]
        widgets = {"cost_type": forms.RadioSelect}


class SpendLineForm(PartnershipModelForm):
    class Meta:
        model = SpendLine
        fields = [
            "allocation",
            "project",
            "cost_type",
            "amount",
            "spent_on",
            "description",
            "reference",
        ]
        widgets = {"cost_type": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_type"].choices = CostType.choices
        self.fields["project"].help_text = "Leave blank for spend not tied to one project."

    def _post_clean(self):
        if self.partnership is not None:
            self.instance.partnership = self.partnership
        super()._post_clean()


class BiddingRoundForm(PartnershipModelForm):
    class Meta:
        model = BiddingRound
        fields = ["title", "stream", "financial_year", "budget", "opens_on", "closes_on", "status"]


class CriterionForm(PartnershipModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "guidance", "weight", "max_score"]


class ApplicationForm(PartnershipModelForm):
    class Meta:
        model = Application
        fields = ["applicant", "project_title", "summary", "amount_requested"]


class ScorecardForm(GovukFormMixin, forms.Form):
    """One integer field per criterion of the round, 0 to its highest score, plus a comment."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                help_text=f"Weight {criterion.weight}. Score 0 to {criterion.max_score}. "
                f"{criterion.guidance}".strip(),
                widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
            )
        self.fields["comment"] = forms.CharField(widget=forms.Textarea, required=False)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("class", "govuk-textarea")

    def values(self) -> dict[int, int]:
        return {
            int(name.removeprefix("criterion_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("criterion_")
        }


class ModerationForm(PartnershipModelForm):
    class Meta:
        model = Application
        fields = ["moderated_score", "moderation_notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderation_notes"].required = True
        self.fields[
            "moderation_notes"
        ].help_text = "Why the panel agreed this score, especially where evaluators differed."
        self.fields[
            "moderated_score"
        ].help_text = "Leave blank to keep the evaluators' mean weighted score."


class DecisionForm(PartnershipModelForm):
    class Meta:
        model = Application
        fields = ["outcome", "amount_awarded"]
        widgets = {"outcome": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (Outcome.AWARDED, Outcome.AWARDED.label),
            (Outcome.DECLINED, Outcome.DECLINED.label),
        ]
        self.fields["outcome"].initial = None
        self.fields[
            "outcome"
        ].help_text = "An award becomes a non-labour project allocation of the stream's allocation."
