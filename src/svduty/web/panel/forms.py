"""Panel forms: GOV.UK rendering, choices limited to the partnership, identity fields handled."""

from __future__ import annotations

from django import forms

from svduty.web.common.forms import GovukFormMixin, PartnershipModelForm
from svduty.web.panel.models import (
    Attendance,
    CaseReview,
    Connection,
    Meeting,
    Network,
    NetworkNode,
    Outcome,
    PanelAction,
    PlaceReview,
    Referral,
    RiskIndicator,
)


class ReferralForm(PartnershipModelForm):
    risk_indicators = forms.MultipleChoiceField(
        choices=RiskIndicator.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Referral
        fields = [
            "referral_date",
            "referring_organisation",
            "referrer",
            "referrer_contact",
            "name",
            "date_of_birth",
            "address",
            "sex",
            "ethnicity",
            "school",
            "reason",
            "risk_indicators",
            "lawful_basis",
            "consent_status",
            "risk_level",
            "risk_reasons",
        ]
        widgets = {
            "name": forms.TextInput,
            "address": forms.Textarea(attrs={"rows": 3}),
            "lawful_basis": forms.RadioSelect,
            "consent_status": forms.RadioSelect,
            "risk_level": forms.RadioSelect,
        }


class ReferralCaseForm(ReferralForm):
    """The case without the identity fields (those have their own, logged, page)."""

    class Meta(ReferralForm.Meta):
        fields = [f for f in ReferralForm.Meta.fields if f not in Referral.IDENTITY_FIELDS]


class ReferralIdentityForm(PartnershipModelForm):
    class Meta:
        model = Referral
        fields = list(Referral.IDENTITY_FIELDS)
        widgets = {"name": forms.TextInput, "address": forms.Textarea(attrs={"rows": 3})}


class ReferralCloseForm(PartnershipModelForm):
    class Meta:
        model = Referral
        fields = ["closed_on", "outcome", "outcome_notes"]
        widgets = {"outcome": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("closed_on", "outcome"):
            self.fields[name].required = True
        self.fields["outcome"].choices = Outcome.choices
        self.fields["closed_on"].label = "Closed on"
        self.fields["outcome"].error_messages["required"] = "Select the outcome"
        self.fields["closed_on"].error_messages["required"] = "Enter the closing date"


class RevealForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why do you need to see this person's identity?",
        max_length=300,
        help_text="Recorded in the access log with your name and the time.",
    )


class MeetingForm(PartnershipModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "chair", "location"]


class AttendanceForm(PartnershipModelForm):
    class Meta:
        model = Attendance
        fields = ["organisation", "attendee", "present"]


class CaseReviewForm(PartnershipModelForm):
    class Meta:
        model = CaseReview
        fields = ["minutes", "risk_level", "decision", "outcome", "next_review_date"]
        widgets = {"risk_level": forms.RadioSelect, "decision": forms.RadioSelect}


class PanelActionForm(PartnershipModelForm):
    class Meta:
        model = PanelAction
        fields = ["description", "owner_organisation", "due_date", "completed_on", "meeting"]


class NetworkForm(PartnershipModelForm):
    class Meta:
        model = Network
        fields = ["title", "summary", "strategy_meeting_date"]


class NetworkNodeForm(PartnershipModelForm):
    class Meta:
        model = NetworkNode
        fields = ["kind", "referral", "label"]
        widgets = {"kind": forms.RadioSelect}


class ConnectionForm(PartnershipModelForm):
    class Meta:
        model = Connection
        fields = [
            "source_node",
            "target_node",
            "relationship",
            "information_source",
            "reliability",
        ]
        widgets = {"reliability": forms.RadioSelect}

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        network = network or self.instance.network
        for name in ("source_node", "target_node"):
            self.fields[name].queryset = network.nodes.select_related("referral")


class PlaceReviewForm(PartnershipModelForm):
    class Meta:
        model = PlaceReview
        fields = [
            "name",
            "lsoa_code",
            "review_date",
            "concerns",
            "design_out",
            "trusted_adults",
            "retailer_support",
        ]


class DeleteCaseForm(GovukFormMixin, forms.Form):
    confirm = forms.BooleanField(label="Yes, delete this case and everything recorded about it")
    reason = forms.CharField(
        label="Reason", max_length=300, initial="Retention period ended", required=True
    )
