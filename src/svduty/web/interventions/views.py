"""The intervention register, one intervention's page, and the forms that record its delivery."""

from __future__ import annotations

from django.urls import reverse

from svduty.web.common.parents import child_view, form_view
from svduty.web.common.views import ScopedDetailView, ScopedTemplateView
from svduty.web.interventions.forms import (
    EvaluationForm,
    InterventionForm,
    OutcomeForm,
    QuarterlyOutputForm,
)
from svduty.web.interventions.models import (
    Evaluation,
    Intervention,
    Level,
    Outcome,
    QuarterlyOutput,
)
from svduty.web.strategy.models import Pillar


class Register(ScopedTemplateView):
    """Every intervention, grouped by pillar, with its level, cohort and total people reached."""

    template_name = "interventions/register.html"
    permission_required = "interventions.view_intervention"

    def get_context_data(self, **kwargs):
        from django.db.models import Sum

        context = super().get_context_data(**kwargs)
        interventions = (
            Intervention.objects.filter(partnership=self.partnership)
            .select_related("provider", "funding")
            .annotate(reached=Sum("outputs__people_reached"))
        )
        pillars = [
            (label, [i for i in interventions if i.pillar == value])
            for value, label in Pillar.choices
        ]
        levels = {
            value: sum(1 for i in interventions if i.level == value) for value in Level.values
        }
        context.update(
            pillars=pillars,
            total=len(interventions),
            levels=[(Level(v).label, n) for v, n in levels.items()],
        )
        return context


class InterventionDetail(ScopedDetailView):
    model = Intervention
    template_name = "interventions/intervention_detail.html"
    permission_required = "interventions.view_intervention"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, obj = self.request.user, self.object
        context.update(
            outputs=obj.outputs.all(),
            outcomes=obj.outcomes.all(),
            evaluations=obj.evaluations.all(),
            can_report=user.has_perm("interventions.add_quarterlyoutput", obj),
            can_evaluate=user.has_perm("interventions.add_evaluation", obj),
            can_change=user.has_perm("interventions.change_intervention", obj),
        )
        return context


class _ToDetail:
    def get_success_url(self) -> str:
        return reverse(
            "interventions:detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.object.pk},
        )


class InterventionCreate(
    _ToDetail, form_view(Intervention, InterventionForm, "add", "interventions:register")
):
    page_title = "Add an intervention"


class InterventionUpdate(
    _ToDetail, form_view(Intervention, InterventionForm, "change", "interventions:register")
):
    pass


def _child(model, form, verb, **attrs):
    return child_view(
        model, form, verb, Intervention, "intervention", "interventions:detail", **attrs
    )


OutputCreate = _child(QuarterlyOutput, QuarterlyOutputForm, "add", page_title="Record outputs")
OutputUpdate = _child(QuarterlyOutput, QuarterlyOutputForm, "change", page_title="Change outputs")
OutcomeCreate = _child(Outcome, OutcomeForm, "add")
OutcomeUpdate = _child(Outcome, OutcomeForm, "change")
EvaluationCreate = _child(Evaluation, EvaluationForm, "add")
EvaluationUpdate = _child(Evaluation, EvaluationForm, "change")
