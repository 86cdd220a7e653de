"""Funding pages: the overview of money by year, an allocation's projects and spend, bidding rounds,
independent scoring, moderation and the award decision. Rules live in the models and services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views import generic

from svduty.web.common.mixins import PartnershipScopedMixin
from svduty.web.common.parents import ParentMixin, child_view, form_view
from svduty.web.common.views import ScopedDetailView, ScopedFormMixin, ScopedTemplateView
from svduty.web.funding import services
from svduty.web.funding.forms import (
    ApplicationForm,
    BiddingRoundForm,
    CriterionForm,
    DecisionForm,
    GrantAllocationForm,
    GrantStreamForm,
    ModerationForm,
    ProjectAllocationForm,
    ScorecardForm,
    SpendLineForm,
)
from svduty.web.funding.models import (
    Application,
    BiddingRound,
    Criterion,
    GrantAllocation,
    GrantStream,
    ProjectAllocation,
    SpendLine,
)


class Overview(ScopedTemplateView):
    """Every allocation by stream and year: allocated, given to projects, spent and left."""

    template_name = "funding/overview.html"
    permission_required = "funding.view_grantallocation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = services.spend_against_allocation(self.partnership)
        context.update(
            streams=self.partnership.grant_streams.all(),
            rows=rows,
            totals=services.totals(rows),
            rounds=self.partnership.bidding_rounds.select_related("stream"),
        )
        return context


class AllocationDetail(ScopedDetailView):
    model = GrantAllocation
    template_name = "funding/allocation_detail.html"
    permission_required = "funding.view_grantallocation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        allocation = self.object
        rows = [
            row
            for row in services.spend_against_allocation(
                self.partnership, allocation.financial_year
            )
            if row.allocation.pk == allocation.pk
        ]
        context.update(
            rows=rows,
            projects=allocation.projects.select_related("organisation"),
            spend_lines=allocation.spend_lines.select_related("project"),
        )
        return context


StreamCreate = form_view(GrantStream, GrantStreamForm, "add", "funding:overview")
StreamUpdate = form_view(GrantStream, GrantStreamForm, "change", "funding:overview")
AllocationCreate = form_view(GrantAllocation, GrantAllocationForm, "add", "funding:overview")
AllocationUpdate = form_view(GrantAllocation, GrantAllocationForm, "change", "funding:overview")


class _ToAllocation:
    """After saving a project or a spend line, show its allocation."""

    success_url_name = "funding:overview"

    def get_success_url(self) -> str:
        return reverse(
            "funding:allocation_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.object.allocation_id},
        )


class ProjectCreate(_ToAllocation, form_view(ProjectAllocation, ProjectAllocationForm, "add", "")):
    page_title = "Allocate money to a project"


class ProjectUpdate(
    _ToAllocation, form_view(ProjectAllocation, ProjectAllocationForm, "change", "")
):
    pass


class SpendCreate(_ToAllocation, form_view(SpendLine, SpendLineForm, "add", "")):
    page_title = "Record spend"
    submit_label = "Record spend"


class SpendUpdate(_ToAllocation, form_view(SpendLine, SpendLineForm, "change", "")):
    page_title = "Change spend"


class RoundDetail(ScopedDetailView):
    """A round's criteria and applications; scores only where the user may see them."""

    model = BiddingRound
    template_name = "funding/round_detail.html"
    permission_required = "funding.view_biddinground"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        applications = []
        for application in self.object.applications.select_related("applicant"):
            if not user.has_perm("funding.view_application", application):
                continue
            cards = services.visible_scorecards(application, user)
            application.visible_count = len(cards)
            application.scored_by_me = any(card.evaluator_id == user.pk for card in cards)
            sees_all = 0 < len(cards) == application.scorecards.count()
            application.shown_score = services.final_score(application) if sees_all else None
            applications.append(application)
        context.update(
            criteria=self.object.criteria.all(),
            applications=applications,
            awarded_total=self.object.awarded_total(),
        )
        return context


RoundCreate = form_view(BiddingRound, BiddingRoundForm, "add", "funding:overview")
RoundUpdate = form_view(BiddingRound, BiddingRoundForm, "change", "funding:overview")
CriterionCreate = child_view(
    Criterion, CriterionForm, "add", BiddingRound, "bidding_round", "funding:round_detail"
)
CriterionUpdate = child_view(
    Criterion, CriterionForm, "change", BiddingRound, "bidding_round", "funding:round_detail"
)
ApplicationCreate = child_view(
    Application, ApplicationForm, "add", BiddingRound, "bidding_round", "funding:round_detail"
)


class ApplicationDetail(ScopedDetailView):
    """A bid, with the scorecards this user may see (none of others' before one's own)."""

    model = Application
    template_name = "funding/application_detail.html"
    permission_required = "funding.view_application"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        cards = services.visible_scorecards(self.object, user)
        for card in cards:
            card.weighted = services.weighted_score(card)
            card.score_list = card.scores.select_related("criterion")
        total = self.object.scorecards.count()
        context.update(
            scorecards=cards,
            scorecard_total=total,
            hidden_count=total - len(cards),
            scored_by_me=any(card.evaluator_id == user.pk for card in cards),
            mean_score=services.mean_score(self.object) if cards and len(cards) == total else None,
            can_score=user.has_perm("funding.add_scorecard", self.object),
        )
        return context


class _ApplicationChild(ParentMixin):
    """Pages about one application named ``<int:application>`` in the URL."""

    parent_model = Application
    parent_kwarg = "application"
    parent_url_name = "funding:application_detail"
    success_url_name = "funding:overview"


class ScorecardCreate(_ApplicationChild, ScopedFormMixin, PartnershipScopedMixin, generic.FormView):
    """An evaluator's scorecard: every criterion at once; one per evaluator per application."""

    form_class = ScorecardForm
    permission_required = "funding.add_scorecard"
    submit_label = "Submit scores"

    def get_permission_object(self):
        return self.get_parent()

    def get_page_title(self) -> str:
        return f"Score: {self.get_parent().project_title}"

    def get_form_kwargs(self):
        kwargs = generic.FormView.get_form_kwargs(self)
        kwargs["criteria"] = list(self.get_parent().bidding_round.criteria.all())
        return kwargs

    def get(self, request, *args, **kwargs):
        self.check_permission()
        if self.get_parent().scorecards.filter(evaluator=request.user).exists():
            messages.info(request, "You have already scored this application.")
            return redirect(self.get_success_url())
        return generic.FormView.get(self, request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.submit_scorecard(
                self.get_parent(), self.request.user, form.values(), form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, "Your scores are submitted.")
        return redirect(self.get_success_url())


class Moderate(ScopedFormMixin, PartnershipScopedMixin, generic.UpdateView):
    """Record the moderated score agreed by the panel."""

    model = Application
    form_class = ModerationForm
    pk_url_kwarg = "application"
    permission_required = "funding.change_application"
    submit_label = "Save moderation"

    def get_permission_object(self):
        return self.get_object()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def get_page_title(self) -> str:
        return f"Moderate: {self.object.project_title}"

    def get_success_url(self) -> str:
        return reverse(
            "funding:application_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.object.pk},
        )

    get_back_url = get_success_url

    template_name = "funding/moderate.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        in_moderation = self.object.bidding_round.status in ("moderation", "awarded")
        context["mean_score"] = services.mean_score(self.object) if in_moderation else None
        context["scorecard_total"] = self.object.scorecards.count()
        return context


class Decide(Moderate):
    """Award or decline a bid; an award must fit the round's budget and the stream's allocation."""

    form_class = DecisionForm
    submit_label = "Save decision"

    def get_page_title(self) -> str:
        return f"Decision: {self.object.project_title}"

    def form_valid(self, form):
        application = form.instance
        try:
            services.decide(
                application, form.cleaned_data["outcome"], form.cleaned_data.get("amount_awarded")
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Decision saved: {application}")
        return redirect(self.get_success_url())
