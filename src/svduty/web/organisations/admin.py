from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q

from svduty.web.common.access import visible_partnership_ids
from svduty.web.common.admin_site import PartnershipScopedAdmin
from svduty.web.common.roles import ADMINISTRATORS
from svduty.web.organisations.models import Membership, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(PartnershipScopedAdmin):
    list_display = ["name", "kind", "partnership"]
    list_filter = ["kind"]
    search_fields = ["name"]


def _visible_users(request):
    """Users an administrator may see: members of their partnerships, and people not yet in any."""
    users = User.objects.all()
    if request.user.is_superuser:
        return users
    administered = visible_partnership_ids(request.user, ADMINISTRATORS)
    return users.filter(
        Q(memberships__partnership__in=administered) | Q(memberships__isnull=True)
    ).distinct()


def may_change_account(admin_user, account) -> bool:
    """Whether a partnership administrator may change an account's password, name or e-mail.

    Only when every membership the account holds is in a partnership they administer: anyone
    else's account (another partnership's administrator, a member of two partnerships) would
    otherwise be theirs to take over. An account with no membership is changeable only while it
    has never signed in (a newcomer being set up); once used, it is a superuser's to change.
    Otherwise the administrator can still remove the membership in their own partnership.
    """
    if account.is_superuser:
        return False
    held = set(account.memberships.values_list("partnership_id", flat=True))
    if not held:
        return account.last_login is None
    return held <= set(visible_partnership_ids(admin_user, ADMINISTRATORS))


@admin.register(Membership)
class MembershipAdmin(PartnershipScopedAdmin):
    list_display = ["user", "role", "partnership", "organisation"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = _visible_users(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class SvdutyUserAdmin(UserAdmin):
    """Superusers manage every account; partnership administrators see their members' accounts."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=_visible_users(request).values("pk"))

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser or bool(
            visible_partnership_ids(request.user, ADMINISTRATORS)
        )

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        if not self.has_module_permission(request):
            return False
        if obj is None or request.user.is_superuser:
            return True
        return may_change_account(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        # Partnership administrators cannot grant site-wide flags or Django permissions.
        return [fs for fs in fieldsets if fs[0] != "Permissions"]
