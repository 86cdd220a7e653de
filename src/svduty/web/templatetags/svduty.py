"""Template helpers shared by every app: history links, GOV.UK tags for RAG and status."""

from __future__ import annotations

from django import template

from svduty.web.common.views import history_url as _history_url

register = template.Library()


@register.filter
def history_url(obj) -> str:
    return _history_url(obj)


@register.filter
def has_role(roles, wanted: str) -> bool:
    """``{% if roles|has_role:"coordinator,administrator" %}``."""
    return bool(set(roles or ()) & {item.strip() for item in wanted.split(",")})
