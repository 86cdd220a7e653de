"""``/public/``: the published summaries, readable by anyone, no sign-in."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from svduty.errors import SvdutyError, WarehouseBusy
from svduty.web.insight import public
from svduty.web.insight.models import PublishedSummary


def _published():
    return PublishedSummary.objects.filter(published=True).select_related("partnership")


@require_safe
def index(request):
    """The one published summary, or a list of them."""
    summaries = list(_published().order_by("partnership__name"))
    if len(summaries) == 1:
        return redirect("public:summary", slug=summaries[0].partnership.slug)
    return render(request, "insight/public_index.html", {"summaries": summaries})


def _summary(slug: str):
    published = get_object_or_404(_published(), partnership__slug=slug)
    try:
        return (
            published,
            public.build(
                published.partnership.name, published.definition_name, published.area_code or None
            ),
            None,
        )
    except WarehouseBusy:
        raise  # answered 503 by WarehouseBusyMiddleware
    except SvdutyError as error:
        return published, None, str(error)


@require_safe
def summary(request, slug: str):
    published, content, error = _summary(slug)
    return render(
        request,
        "insight/public_summary.html",
        {"published": published, "summary": content, "error": error, "printable": False},
    )


@require_safe
def printable(request, slug: str):
    published, content, error = _summary(slug)
    return render(
        request,
        "insight/public_print.html",
        {"published": published, "summary": content, "error": error, "printable": True},
    )
