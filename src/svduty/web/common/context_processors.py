"""Template context every page needs: the service name, the partnership menu, admin access."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from svduty.web.common import navigation as menu_registry
from svduty.web.common.access import visible_partnership_ids
from svduty.web.common.roles import ADMINISTRATORS


def navigation(request) -> dict:
    context = {"service_name": settings.SVDUTY_SERVICE_NAME, "nav_items": [], "can_admin": False}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    context["can_admin"] = user.is_superuser or bool(visible_partnership_ids(user, ADMINISTRATORS))
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("partnership") if match else None
    if not slug:
        return context
    items = []
    for label, url_name in menu_registry.menu():
        try:
            url = reverse(url_name, kwargs={"partnership": slug})
        except NoReverseMatch:
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
