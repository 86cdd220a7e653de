from django import forms
from django.core.exceptions import ValidationError

from svduty.web.common.forms import GovukFormMixin, PartnershipModelForm
from svduty.web.partnership.models import (
    Board,
    DutyRequirement,
    PartnershipAgreement,
    SeniorResponsibleOfficer,
)


class BoardForm(PartnershipModelForm):
    class Meta:
        model = Board
        fields = ["name", "kind", "parent", "meeting_frequency", "chair", "terms_of_reference"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )


class SeniorResponsibleOfficerForm(PartnershipModelForm):
    class Meta:
        model = SeniorResponsibleOfficer
        fields = ["organisation", "name", "job_title", "email"]

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        clash = SeniorResponsibleOfficer.objects.filter(
            partnership=self.partnership, organisation=organisation
        ).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(f"{organisation} already has a senior responsible officer.")
        return organisation


class PartnershipAgreementForm(PartnershipModelForm):
    class Meta:
        model = PartnershipAgreement
        fields = ["title", "signed_on", "period_start", "period_end", "review_frequency"]


class DutyRequirementForm(PartnershipModelForm):
    class Meta:
        model = DutyRequirement
        fields = ["kind", "title", "due_date", "completed_on", "notes"]
        help_texts = {"completed_on": "Leave blank until it is done."}


class StandardRequirementsForm(GovukFormMixin, forms.Form):
    """Which strategy years to fill the calendar for with the Duty's standard milestones."""

    first_year = forms.IntegerField(
        label="First strategy year",
        min_value=2022,
        max_value=2100,
        initial=2023,
        help_text="The year the partnership started under the Duty, for example 2023.",
    )
    last_year = forms.IntegerField(
        label="Last strategy year", min_value=2022, max_value=2100, initial=2026
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", "The last year must not be before the first year.")
        return cleaned
