from django import forms

from svduty.web.common.forms import PartnershipModelForm
from svduty.web.consultation.models import Consultation, ConsultationResponse


class ConsultationForm(PartnershipModelForm):
    class Meta:
        model = Consultation
        fields = ["title", "subject", "opened_on", "closed_on", "summary"]


class ConsultationResponseForm(PartnershipModelForm):
    class Meta:
        model = ConsultationResponse
        fields = [
            "consultee_kind",
            "consultee",
            "organisation",
            "method",
            "held_on",
            "participants",
            "what_they_said",
            "what_changed",
        ]
        widgets = {"consultee_kind": forms.RadioSelect}
