"""View and form mixins that scope everything to the partnership in the URL and apply the rules."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from svduty.web.common.access import belongs_to_partnership, roles_in
from svduty.web.partnership.models import Partnership


class PartnershipScopedMixin(LoginRequiredMixin):
    """Base for every partnership page: resolves the partnership, scopes querysets, checks rules.

    URLs carry ``<slug:partnership>``. A user with no membership there gets 404 (the partnership's
    existence is not revealed); a member whose role lacks ``permission_required`` gets 403.
    ``permission_required`` is checked against :meth:`get_permission_object`: the object for
    detail/update/delete views, the partnership for lists and create views. ``read_permission``,
    when set, is what a GET needs instead (a list anyone may read above a form only some may send).
    The menu asks :meth:`may_open`, so it offers a page exactly when the page would open.
    """

    permission_required: str = ""
    read_permission: str = ""

    @classmethod
    def may_open(cls, user: Any, partnership: Any) -> bool:
        """Whether ``user`` may GET this page of ``partnership``: the checks :meth:`get` makes.

        For pages whose permission object is the partnership (lists, overviews, create forms):
        the only pages the menu links to.
        """
        if not roles_in(user, partnership):
            return False
        permission = cls.read_permission or cls.permission_required
        return not permission or user.has_perm(permission, partnership)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()

        self.partnership = get_object_or_404(Partnership, slug=kwargs["partnership"])
        if not roles_in(request.user, self.partnership):
            raise Http404("No such partnership.")
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self) -> Any:
        if hasattr(self, "get_object") and ("pk" in self.kwargs or "slug" in self.kwargs):
            return self.get_object()
        return self.partnership

    def check_permission(self) -> None:
        permission = self.permission_required
        if self.read_permission and self.request.method in ("GET", "HEAD"):
            permission = self.read_permission
        if permission and not self.request.user.has_perm(permission, self.get_permission_object()):
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        self.check_permission()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        handler = getattr(super(), "post", None)
        if handler is None:  # a read-only page: answer 405, as Django does without this mixin
            return self.http_method_not_allowed(request, *args, **kwargs)
        self.check_permission()
        return handler(request, *args, **kwargs)

    def get_queryset(self):
        """The view's queryset narrowed to this partnership: other partnerships' rows are 404."""
        return super().get_queryset().filter(partnership=self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.partnership
        context["roles"] = roles_in(self.request.user, self.partnership)
        return context


class PartnershipCreateMixin(PartnershipScopedMixin):
    """For create views: the new object joins the URL's partnership before it is saved."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def form_valid(self, form):
        form.instance.partnership = self.partnership
        return super().form_valid(form)


class PartnershipFormMixin:
    """Forms taking ``partnership=``: every related-object choice limited to that partnership."""

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        if partnership is None:
            return
        instance = getattr(self, "instance", None)
        # Before validation: the model's clean() compares related records' partnership with
        # its own, which a new record would otherwise not have yet.
        if (
            instance is not None
            and belongs_to_partnership(type(instance))
            and instance.partnership_id is None
        ):
            instance.partnership = partnership
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and belongs_to_partnership(queryset.model):
                field.queryset = queryset.filter(partnership=partnership)
