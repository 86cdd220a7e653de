"""Generic partnership-scoped views every app builds on, the home page and the history page.

An app's view is usually a few lines::

    class ActionCreate(ScopedCreateView):
        model = Action
        form_class = ActionForm
        permission_required = "strategy.add_action"
        success_url_name = "strategy:delivery_plan"
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import generic

from svduty.web.common.access import (
    belongs_to_partnership,
    permission_name,
    roles_in,
    visible_partnership_ids,
)
from svduty.web.common.mixins import PartnershipCreateMixin, PartnershipScopedMixin
from svduty.web.partnership.models import Partnership


@login_required
def home(request):
    """The signed-in user's partnerships; straight to the overview when there is only one."""
    partnerships = Partnership.objects.filter(pk__in=visible_partnership_ids(request.user))
    if len(partnerships) == 1:
        return redirect("partnership:overview", partnership=partnerships[0].slug)
    return render(request, "web/home.html", {"partnerships": partnerships})


class ScopedFormMixin:
    """Form pages: GOV.UK template, a back link, a success message and the redirect."""

    template_name = "web/form_page.html"
    success_url_name = ""
    page_title = ""
    submit_label = "Save"

    def get_success_url(self) -> str:
        return reverse(self.success_url_name, kwargs={"partnership": self.partnership.slug})

    def get_back_url(self) -> str:
        """Where "Back" and "Cancel" go: the success page unless a view says otherwise."""
        return reverse(self.success_url_name, kwargs={"partnership": self.partnership.slug})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.get_page_title()
        context["submit_label"] = self.submit_label
        context["back_url"] = self.get_back_url()
        return context

    def get_page_title(self) -> str:
        return self.page_title

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"Saved: {self.object}")
        return response


class ScopedCreateView(ScopedFormMixin, PartnershipCreateMixin, generic.CreateView):
    """Create an object in the URL's partnership; permission checked against the partnership."""

    def get_page_title(self) -> str:
        return self.page_title or f"Add {self.model._meta.verbose_name}"


class ScopedUpdateView(ScopedFormMixin, PartnershipScopedMixin, generic.UpdateView):
    """Change an object of the URL's partnership; permission checked against the object."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def get_page_title(self) -> str:
        return self.page_title or f"Change {self.model._meta.verbose_name}"


class ScopedListView(PartnershipScopedMixin, generic.ListView):
    """A list of the URL's partnership's objects."""


class ScopedDetailView(PartnershipScopedMixin, generic.DetailView):
    """One object of the URL's partnership."""


class ScopedTemplateView(PartnershipScopedMixin, generic.TemplateView):
    """A page about the partnership as a whole (permission checked against the partnership)."""


class HistoryView(PartnershipScopedMixin, generic.TemplateView):
    """Every recorded change of one object: who, when, and each field before and after.

    URL: ``/p/<partnership>/history/<app_label>/<model_name>/<pk>/``; needs view permission on it.
    """

    template_name = "web/history.html"

    def get_permission_object(self):
        try:
            model = apps.get_model(self.kwargs["app_label"], self.kwargs["model_name"])
        except LookupError as error:
            raise Http404("No such kind of record.") from error
        if not hasattr(model, "history"):
            raise Http404("No history is kept for this kind of record.")
        if belongs_to_partnership(model):
            queryset = model.objects.filter(partnership=self.partnership)
        elif model._meta.label == "partnership.Partnership":
            queryset = model.objects.filter(pk=self.partnership.pk)
        else:
            raise Http404("No such record in this partnership.")
        self.object = get_object_or_404(queryset, pk=self.kwargs["pk"])
        self.permission_required = permission_name(model, "view")
        return self.object

    def check_permission(self) -> None:
        obj = self.get_permission_object()
        if not self.request.user.has_perm(self.permission_required, obj):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records = list(
            self.object.history.all().select_related("history_user").order_by("-history_id")
        )
        entries = []
        for index, record in enumerate(records):
            previous = records[index + 1] if index + 1 < len(records) else None
            changes = []
            if previous is not None:
                delta = record.diff_against(previous)
                for change in delta.changes:
                    field = record.instance_type._meta.get_field(change.field)
                    changes.append(
                        {
                            "field": field.verbose_name,
                            "old": _display(field, change.old),
                            "new": _display(field, change.new),
                        }
                    )
            entries.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "what": record.get_history_type_display(),
                    "changes": changes,
                    "snapshot": record if previous is None else None,
                }
            )
        context["object"] = self.object
        context["entries"] = entries
        context["verbose_name"] = self.object._meta.verbose_name
        context["roles"] = roles_in(self.request.user, self.partnership)
        return context


def _display(field, value) -> str:
    """A recorded value as a person would read it: choice labels, names of related records."""
    if field.many_to_many:
        key = field.related_model._meta.model_name
        ids = [row.get(key) for row in value or [] if isinstance(row, dict)]
        found = field.related_model._default_manager.filter(pk__in=ids)
        return "; ".join(str(item) for item in found) or "(none)"
    if value in (None, ""):
        return "(blank)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        found = field.related_model._default_manager.filter(pk=value).first()
        return str(found) if found is not None else f"(deleted #{value})"
    return str(value)


def history_url(obj) -> str:
    """The history page of ``obj`` (for "View history" links)."""
    partnership = obj if obj._meta.label == "partnership.Partnership" else obj.partnership
    return reverse(
        "history",
        kwargs={
            "partnership": partnership.slug,
            "app_label": obj._meta.app_label,
            "model_name": obj._meta.model_name,
            "pk": obj.pk,
        },
    )
