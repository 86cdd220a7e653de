"""Refused requests for panel pages go into the panel's access log.

A 403 on ``/p/<partnership>/panel/...`` is someone reaching for case data their role does not
allow: the log's readers (administrators, the panel chair) need to see it as much as a view. The
entry holds the user, the method and path (never the query string: it can carry search words) and
the time. Requests from people with no membership are answered 404 before any panel view runs and
are not entries of that partnership's log.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from svduty.web.panel.audit import record
from svduty.web.panel.models import AccessKind
from svduty.web.partnership.models import Partnership


class RefusedPanelAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if response.status_code == 403 and match is not None and "panel" in match.namespaces:
            partnership = Partnership.objects.filter(slug=match.kwargs.get("partnership")).first()
            if partnership is not None:
                record(
                    request.user,
                    partnership,
                    AccessKind.REFUSED,
                    detail=f"{request.method} {request.path}",
                )
        return response
