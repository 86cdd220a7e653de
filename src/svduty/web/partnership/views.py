"""Partnership overview, governance (boards, SROs, agreement, spokes) and the Duty calendar."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views import generic

from svduty.web.common.mixins import PartnershipScopedMixin
from svduty.web.common.views import (
    ScopedCreateView,
    ScopedFormMixin,
    ScopedTemplateView,
    ScopedUpdateView,
)
from svduty.web.partnership import calendar, services
from svduty.web.partnership.forms import (
    BoardForm,
    DutyRequirementForm,
    PartnershipAgreementForm,
    SeniorResponsibleOfficerForm,
    StandardRequirementsForm,
)
from svduty.web.partnership.models import (
    Board,
    DutyRequirement,
    PartnershipAgreement,
    SeniorResponsibleOfficer,
)


def _board_tree(boards: list[Board]) -> list[tuple[Board, list]]:
    children: dict[int | None, list[Board]] = {}
    for board in boards:
        children.setdefault(board.parent_id, []).append(board)

    def build(parent_id):
        return [(board, build(board.pk)) for board in children.get(parent_id, [])]

    return build(None)


class Overview(ScopedTemplateView):
    template_name = "partnership/overview.html"
    permission_required = "partnership.view_partnership"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        requirements = list(self.partnership.requirements.all())
        counts = Counter(r.status(today) for r in requirements)
        context["requirement_counts"] = [
            (calendar.STATUS_LABELS[s], calendar.STATUS_TAGS[s], counts.get(s, 0))
            for s in (
                calendar.Status.OVERDUE,
                calendar.Status.DUE_SOON,
                calendar.Status.UPCOMING,
                calendar.Status.DONE,
            )
        ]
        context["next_requirements"] = [r for r in requirements if r.completed_on is None][:5]
        context["organisation_count"] = self.partnership.organisations.count()
        return context


class Governance(ScopedTemplateView):
    template_name = "partnership/governance.html"
    permission_required = "partnership.view_partnership"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p = self.partnership
        context["board_tree"] = _board_tree(list(p.boards.all()))
        context["officers"] = p.senior_responsible_officers.select_related("organisation")
        context["agreements"] = p.agreements.all()
        context["spokes"] = p.spokes.all()
        return context


class Calendar(ScopedTemplateView):
    template_name = "partnership/calendar.html"
    permission_required = "partnership.view_partnership"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requirements"] = self.partnership.requirements.all()
        return context


class BoardCreate(ScopedCreateView):
    model = Board
    form_class = BoardForm
    permission_required = "partnership.add_board"
    success_url_name = "partnership:governance"
    page_title = "Add a board or sub-group"


class BoardUpdate(ScopedUpdateView):
    model = Board
    form_class = BoardForm
    permission_required = "partnership.change_board"
    success_url_name = "partnership:governance"


class OfficerCreate(ScopedCreateView):
    model = SeniorResponsibleOfficer
    form_class = SeniorResponsibleOfficerForm
    permission_required = "partnership.add_seniorresponsibleofficer"
    success_url_name = "partnership:governance"
    page_title = "Add a senior responsible officer"


class OfficerUpdate(ScopedUpdateView):
    model = SeniorResponsibleOfficer
    form_class = SeniorResponsibleOfficerForm
    permission_required = "partnership.change_seniorresponsibleofficer"
    success_url_name = "partnership:governance"


class AgreementCreate(ScopedCreateView):
    model = PartnershipAgreement
    form_class = PartnershipAgreementForm
    permission_required = "partnership.add_partnershipagreement"
    success_url_name = "partnership:governance"
    page_title = "Add a partnership agreement"


class AgreementUpdate(ScopedUpdateView):
    model = PartnershipAgreement
    form_class = PartnershipAgreementForm
    permission_required = "partnership.change_partnershipagreement"
    success_url_name = "partnership:governance"


class RequirementCreate(ScopedCreateView):
    model = DutyRequirement
    form_class = DutyRequirementForm
    permission_required = "partnership.add_dutyrequirement"
    success_url_name = "partnership:calendar"
    page_title = "Add a Duty requirement"


class RequirementUpdate(ScopedUpdateView):
    model = DutyRequirement
    form_class = DutyRequirementForm
    permission_required = "partnership.change_dutyrequirement"
    success_url_name = "partnership:calendar"


class StandardRequirements(ScopedFormMixin, PartnershipScopedMixin, generic.FormView):
    """Fill the calendar with the Duty's standard milestones and the agreement's review dates."""

    form_class = StandardRequirementsForm
    permission_required = "partnership.add_dutyrequirement"
    success_url_name = "partnership:calendar"
    page_title = "Add the Duty's standard milestones"
    submit_label = "Add milestones"

    def form_valid(self, form):
        added = services.add_standard_requirements(
            self.partnership, form.cleaned_data["first_year"], form.cleaned_data["last_year"]
        )
        messages.success(self.request, f"Added {added} milestone{'s' if added != 1 else ''}.")
        return redirect(self.get_success_url())
