"""A page that reads the warehouse while another process imports into it answers 503.

DuckDB lets one process write the warehouse file and no other open it meanwhile, even read-only,
so while `svduty import` (or any other writer outside this process) runs, every open raises
:class:`~svduty.errors.WarehouseBusy`, wherever the view opens it (the filters' choices, the
sections, a job's quarantine). This middleware is the one place that answers it: "The data is
being updated", ``Retry-After`` and a link back to the same address. The worker's own imports
never reach here: they share the process's :data:`svduty.web.insight.warehouse.LOCK` with the
pages, which wait for them instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from svduty.errors import WarehouseBusy

log = logging.getLogger(__name__)

#: How long a client is asked to wait before retrying (an import usually takes a minute or two).
RETRY_AFTER_SECONDS = 30


class WarehouseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, WarehouseBusy):
            return None
        log.info("warehouse busy: %s %s answered 503", request.method, request.path)
        return busy_response(request)


def busy_response(request: HttpRequest) -> HttpResponse:
    html = render_to_string(
        "insight/warehouse_busy.html",
        {"retry_url": request.get_full_path(), "retry_after": RETRY_AFTER_SECONDS},
        request=request,
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
