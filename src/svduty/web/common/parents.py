"""Views of records that live under a parent named in the URL (a session's attendance, a round's
criteria, an intervention's outputs), and a factory for plain add/change views.

The parent is looked up inside the URL's partnership (another partnership's parent is 404), is the
permission object of create views, and is set on the new record before it is validated.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse

from svduty.web.common.views import ScopedCreateView, ScopedUpdateView


class ParentMixin:
    """``parent_model`` from ``self.kwargs[parent_kwarg]``, set as ``instance.<parent_field>``."""

    parent_model = None
    parent_kwarg = "parent"
    parent_field = ""
    parent_url_name = ""

    def get_parent(self):
        if not hasattr(self, "_parent"):
            self._parent = get_object_or_404(
                self.parent_model, partnership=self.partnership, pk=self.kwargs[self.parent_kwarg]
            )
        return self._parent

    def get_queryset(self):
        return super().get_queryset().filter(**{self.parent_field: self.get_parent()})

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if kwargs.get("instance") is None:
            kwargs["instance"] = self.model(**{self.parent_field: self.get_parent()})
        kwargs["instance"].partnership = self.partnership
        return kwargs

    def get_success_url(self) -> str:
        return reverse(
            self.parent_url_name,
            kwargs={"partnership": self.partnership.slug, "pk": self.get_parent().pk},
        )

    def get_back_url(self) -> str:
        return self.get_success_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parent"] = self.get_parent()
        return context


class ParentCreateView(ParentMixin, ScopedCreateView):
    """Add a record under the URL's parent; permission checked against the parent."""

    def get_permission_object(self):
        return self.get_parent()

    def get_page_title(self) -> str:
        return self.page_title or f"Add {self.model._meta.verbose_name}: {self.get_parent()}"


class ParentUpdateView(ParentMixin, ScopedUpdateView):
    """Change a record under the URL's parent; permission checked against the record."""

    def get_page_title(self) -> str:
        return self.page_title or f"Change {self.model._meta.verbose_name}: {self.get_parent()}"


def form_view(model, form, verb: str, success: str, **attrs):
    """An add (``verb="add"``) or change view of ``model`` with the rules' permission name."""
    base = ScopedCreateView if verb == "add" else ScopedUpdateView
    return type(
        f"{model.__name__}{verb.capitalize()}",
        (base,),
        {
            "model": model,
            "form_class": form,
            "permission_required": f"{model._meta.app_label}.{verb}_{model._meta.model_name}",
            "success_url_name": success,
            **attrs,
        },
    )


def child_view(model, form, verb: str, parent_model, parent_field: str, parent_url: str, **attrs):
    """An add or change view of a record under a parent named ``<int:parent>`` in the URL."""
    base = ParentCreateView if verb == "add" else ParentUpdateView
    return type(
        f"{model.__name__}{verb.capitalize()}",
        (base,),
        {
            "model": model,
            "form_class": form,
            "permission_required": f"{model._meta.app_label}.{verb}_{model._meta.model_name}",
            "parent_model": parent_model,
            "parent_field": parent_field,
            "parent_url_name": parent_url,
            "success_url_name": parent_url,
            **attrs,
        },
    )
