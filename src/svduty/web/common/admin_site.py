"""The Django admin, open to superusers and to partnership administrators for their partnerships.

Model admins derive from :class:`PartnershipScopedAdmin`, which shows and offers only the rows of
partnerships where the user is an administrator.
"""

from __future__ import annotations

from django.contrib import admin

from svduty.web.common.access import (
    belongs_to_partnership,
    partnership_id_of,
    visible_partnership_ids,
)
from svduty.web.common.roles import ADMINISTRATORS


class SvdutyAdminSite(admin.AdminSite):
    site_header = "svduty administration"
    site_title = "svduty administration"
    index_title = "Partnership data"

    def login(self, request, extra_context=None):
        """One sign-in page for the service (with lock-out); signed-in non-administrators: 403."""
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied

        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or "/admin/")

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(
            user.is_active and (user.is_superuser or visible_partnership_ids(user, ADMINISTRATORS))
        )


class PartnershipScopedAdmin(admin.ModelAdmin):
    """Rows of the user's administered partnerships only; permissions from the role."""

    partnership_field = "partnership"

    def _administered(self, request) -> list[int]:
        return visible_partnership_ids(request.user, ADMINISTRATORS)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.partnership_field}__in": self._administered(request)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        self._narrow(field, request)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        self._narrow(field, request)
        return field

    def _narrow(self, field, request) -> None:
        if field is None or request.user.is_superuser:
            return
        model = field.queryset.model
        if model._meta.label == "partnership.Partnership":
            field.queryset = field.queryset.filter(pk__in=self._administered(request))
        elif belongs_to_partnership(model):
            field.queryset = field.queryset.filter(partnership__in=self._administered(request))

    def _allowed(self, request, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        administered = self._administered(request)
        if obj is None:
            return bool(administered)

        return partnership_id_of(obj) in administered

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._allowed(request, obj)
