"""Consultation pages: the list, one consultation with its responses, and their forms."""

from __future__ import annotations

from collections import Counter

from django.urls import reverse

from svduty.web.common.parents import child_view, form_view
from svduty.web.common.views import ScopedDetailView, ScopedListView
from svduty.web.consultation.forms import ConsultationForm, ConsultationResponseForm
from svduty.web.consultation.models import Consultation, ConsultationResponse, ConsulteeKind


class ConsultationList(ScopedListView):
    model = Consultation
    template_name = "consultation/list.html"
    permission_required = "consultation.view_consultation"


class ConsultationDetail(ScopedDetailView):
    model = Consultation
    template_name = "consultation/detail.html"
    permission_required = "consultation.view_consultation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        responses = list(self.object.responses.select_related("organisation"))
        counts = Counter(r.consultee_kind for r in responses)
        context.update(
            responses=responses,
            by_kind=[
                (label, counts[value]) for value, label in ConsulteeKind.choices if counts[value]
            ],
            changed=sum(1 for r in responses if r.what_changed.strip()),
        )
        return context


class _ToDetail:
    def get_success_url(self) -> str:
        return reverse(
            "consultation:detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.object.pk},
        )


class ConsultationCreate(
    _ToDetail, form_view(Consultation, ConsultationForm, "add", "consultation:list")
):
    page_title = "Add a consultation"


class ConsultationUpdate(
    _ToDetail, form_view(Consultation, ConsultationForm, "change", "consultation:list")
):
    pass


ResponseCreate = child_view(
    ConsultationResponse,
    ConsultationResponseForm,
    "add",
    Consultation,
    "consultation",
    "consultation:detail",
    page_title="Record what a consultee said",
)
ResponseUpdate = child_view(
    ConsultationResponse,
    ConsultationResponseForm,
    "change",
    Consultation,
    "consultation",
    "consultation:detail",
)
