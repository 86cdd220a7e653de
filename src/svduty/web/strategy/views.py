"""Strategy pages: overview, delivery plan, action detail, and the forms that change them."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from svduty.web.common.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedTemplateView,
    ScopedUpdateView,
)
from svduty.web.strategy import measures, services
from svduty.web.strategy.forms import (
    ActionForm,
    DeliveryPlanFilter,
    MeasureForm,
    MeasureValueForm,
    PriorityForm,
    QuarterlyUpdateForm,
    RecommendationForm,
    StrategyForm,
)
from svduty.web.strategy.models import (
    RAG_TAGS,
    Action,
    Measure,
    MeasureKind,
    MeasureValue,
    Priority,
    QuarterlyUpdate,
    Rag,
    Recommendation,
    Strategy,
)
from svduty.web.strategy.status import LAPSED_GREEN, LAPSED_GREEN_LABEL, shown_status


class Overview(ScopedTemplateView):
    template_name = "strategy/overview.html"
    permission_required = "strategy.view_strategy"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p = self.partnership
        context["strategies"] = p.strategies.all()
        context["priorities"] = p.priorities.select_related("strategy")
        context["recommendations"] = p.recommendations.select_related("strategy")
        context["measure_rows"] = measures.rows(p)
        return context


class DeliveryPlan(ScopedTemplateView):
    """Every action with its latest RAG; filter by priority, owner, pillar, RAG; overdue marked."""

    template_name = "strategy/delivery_plan.html"
    permission_required = "strategy.view_action"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form = DeliveryPlanFilter(self.request.GET or None, partnership=self.partnership)
        actions = services.actions_with_latest_rag(self.partnership)
        if form.is_valid():
            actions = services.filter_actions(actions, **form.cleaned_data)
        rows = services.in_reference_order(actions)
        for action in rows:
            action.overdue = action.is_overdue(today)
            action.status = services.status_shown(action, today)
            action.rag_label = services.status_label(action.status)
            action.rag_tag = RAG_TAGS.get(action.status, "govuk-tag--grey")
        counts = services.rag_counts(rows, today)
        summary = [(Rag(r).label, RAG_TAGS[r], counts.get(r, 0)) for r in Rag.values]
        if counts.get(LAPSED_GREEN):
            summary.append((LAPSED_GREEN_LABEL, RAG_TAGS[LAPSED_GREEN], counts[LAPSED_GREEN]))
        context.update(
            filter_form=form,
            actions=rows,
            summary=[*summary, ("No update", "govuk-tag--grey", counts.get("none", 0))],
            overdue_count=counts["overdue"],
        )
        return context


class ActionDetail(ScopedDetailView):
    model = Action
    template_name = "strategy/action_detail.html"
    permission_required = "strategy.view_action"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        updates = list(self.object.updates.select_related("submitted_by"))
        context["overdue"] = self.object.is_overdue(today)
        context["updates"] = updates
        latest = updates[0] if updates else None  # the model orders the newest quarter first
        context["green_needs_reason"] = latest is not None and (
            shown_status(latest.rag, latest.green_override_reason, context["overdue"])
            == LAPSED_GREEN
        )
        return context


def _strategy_form_view(model, form, verb, success="strategy:overview"):
    """Build the add or change view of a strategy record."""
    base = ScopedCreateView if verb == "add" else ScopedUpdateView
    return type(
        f"{model.__name__}{verb.capitalize()}",
        (base,),
        {
            "model": model,
            "form_class": form,
            "permission_required": f"strategy.{verb}_{model._meta.model_name}",
            "success_url_name": success,
        },
    )


StrategyCreate = _strategy_form_view(Strategy, StrategyForm, "add")
StrategyUpdate = _strategy_form_view(Strategy, StrategyForm, "change")
PriorityCreate = _strategy_form_view(Priority, PriorityForm, "add")
PriorityUpdate = _strategy_form_view(Priority, PriorityForm, "change")
RecommendationCreate = _strategy_form_view(Recommendation, RecommendationForm, "add")
RecommendationUpdate = _strategy_form_view(Recommendation, RecommendationForm, "change")


class _ActionFormMixin:
    model = Action
    form_class = ActionForm
    success_url_name = "strategy:delivery_plan"

    def get_success_url(self) -> str:
        return reverse(
            "strategy:action_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.object.pk},
        )


class ActionCreate(_ActionFormMixin, ScopedCreateView):
    permission_required = "strategy.add_action"
    page_title = "Add an action"


class ActionUpdate(_ActionFormMixin, ScopedUpdateView):
    permission_required = "strategy.change_action"
    page_title = "Change action"


class _UpdateFormMixin:
    """Quarterly update forms: the action comes from the URL and is the permission object."""

    model = QuarterlyUpdate
    form_class = QuarterlyUpdateForm
    submit_label = "Save update"

    def get_action(self) -> Action:
        if not hasattr(self, "_action"):
            self._action = get_object_or_404(
                Action, partnership=self.partnership, pk=self.kwargs["action"]
            )
        return self._action

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["action"] = self.get_action()
        return kwargs

    def get_success_url(self) -> str:
        return reverse(
            "strategy:action_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.get_action().pk},
        )

    def get_back_url(self) -> str:
        return self.get_success_url()


class QuarterlyUpdateCreate(_UpdateFormMixin, ScopedCreateView):
    permission_required = "strategy.add_quarterlyupdate"

    def get_permission_object(self):
        return self.get_action()

    def get_page_title(self) -> str:
        return f"Quarterly update: {self.get_action()}"

    def form_valid(self, form):
        form.instance.submitted_by = self.request.user
        return super().form_valid(form)


class QuarterlyUpdateUpdate(_UpdateFormMixin, ScopedUpdateView):
    permission_required = "strategy.change_quarterlyupdate"

    def get_queryset(self):
        return super().get_queryset().filter(action=self.get_action())

    def get_page_title(self) -> str:
        return f"Change quarterly update: {self.get_action()}"

    def form_valid(self, form):
        messages.info(self.request, "The earlier version is kept in the update's history.")
        return super().form_valid(form)


# -- local measures framework ---------------------------------------------------------------------


class MeasureList(ScopedTemplateView):
    """Every measure with its latest figure, trajectory value, RAG and recent trend."""

    template_name = "strategy/measures.html"
    permission_required = "strategy.view_measure"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["measure_rows"] = measures.rows(self.partnership)
        return context


class MeasureDetail(ScopedDetailView):
    model = Measure
    template_name = "strategy/measure_detail.html"
    permission_required = "strategy.view_measure"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["row"] = measures.row(self.partnership, self.object, trend_quarters=40)
        context["values"] = self.object.values.select_related("entered_by")
        context["is_manual"] = self.object.kind == MeasureKind.MANUAL
        return context


class _MeasureFormMixin:
    model = Measure
    form_class = MeasureForm
    success_url_name = "strategy:measures"

    def get_form_kwargs(self):
        from svduty.web.insight import sections

        kwargs = super().get_form_kwargs()
        kwargs["districts"] = sections.districts()
        return kwargs

    def get_success_url(self) -> str:
        return reverse(
            "strategy:measure_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.object.pk},
        )


class MeasureCreate(_MeasureFormMixin, ScopedCreateView):
    permission_required = "strategy.add_measure"
    page_title = "Add a measure"


class MeasureUpdate(_MeasureFormMixin, ScopedUpdateView):
    permission_required = "strategy.change_measure"
    page_title = "Change measure"


class _ValueFormMixin:
    """Reported figures: the measure (a reported one) comes from the URL."""

    model = MeasureValue
    form_class = MeasureValueForm
    submit_label = "Save figure"

    def get_measure(self) -> Measure:
        if not hasattr(self, "_measure"):
            self._measure = get_object_or_404(
                Measure,
                partnership=self.partnership,
                pk=self.kwargs["measure"],
                kind=MeasureKind.MANUAL,
            )
        return self._measure

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["measure"] = self.get_measure()
        return kwargs

    def get_success_url(self) -> str:
        return reverse(
            "strategy:measure_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.get_measure().pk},
        )

    def get_back_url(self) -> str:
        return self.get_success_url()


class MeasureValueCreate(_ValueFormMixin, ScopedCreateView):
    permission_required = "strategy.add_measurevalue"

    def get_permission_object(self):
        return self.get_measure()

    def get_page_title(self) -> str:
        return f"Enter a figure: {self.get_measure()}"

    def form_valid(self, form):
        form.instance.entered_by = self.request.user
        return super().form_valid(form)


class MeasureValueUpdate(_ValueFormMixin, ScopedUpdateView):
    permission_required = "strategy.change_measurevalue"

    def get_queryset(self):
        return super().get_queryset().filter(measure=self.get_measure())

    def get_page_title(self) -> str:
        return f"Change figure: {self.get_measure()}"

    def form_valid(self, form):
        form.instance.entered_by = self.request.user
        form.instance.entered_at = timezone.now()
        messages.info(self.request, "The earlier figure is kept in its history.")
        return super().form_valid(form)
