"""``{% load money %}{{ amount|pounds }}``: £1,234.56, exact from ``Decimal``."""

from __future__ import annotations

from decimal import Decimal

from django import template

from svduty.web.funding import money

register = template.Library()


@register.filter
def pounds(amount) -> str:
    if amount is None or amount == "":
        return "–"
    return money.pounds(Decimal(amount))
