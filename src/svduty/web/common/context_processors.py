"""Template context every page needs: the service name, the partnership menu, admin access.

The menu offers only what the user may open: each entry asks its view's own check
(:meth:`~svduty.web.common.mixins.PartnershipScopedMixin.may_open`), and the Admin link asks the
admin site's ``has_permission``; no list of roles is kept here.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from svduty.web.common import navigation as menu_registry


def _may_open(user, partnership, url: str) -> bool:
    try:
        view_class = getattr(resolve(url).func, "view_class", None)
    except Resolver404:
        return False
    may_open = getattr(view_class, "may_open", None)
    return may_open is None or may_open(user, partnership)


def navigation(request) -> dict:
    context = {"service_name": settings.SVDUTY_SERVICE_NAME, "nav_items": [], "can_admin": False}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    context["can_admin"] = admin.site.has_permission(request)
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("partnership") if match else None
    if not slug:
        return context
    partnership = apps.get_model("partnership", "Partnership").objects.filter(slug=slug).first()
    if partnership is None:
        return context
    items = []
    for label, url_name in menu_registry.menu():
        try:
            url = reverse(url_name, kwargs={"partnership": slug})
        except NoReverseMatch:
            continue
        if not _may_open(user, partnership, url):
            continue
        items.append({"label": label, "url": url, "active": request.path.startswith(url)})
    # The overview's URL prefixes every other page: mark it active only on itself.
    active = [item for item in items if item["active"]]
    if len(active) > 1:
        longest = max(active, key=lambda item: len(item["url"]))
        for item in items:
            item["active"] = item is longest
    context["nav_items"] = items
    return context
