"""The board report page and its PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from svduty.web.boardreport import services
from svduty.web.boardreport.forms import ReportChoiceForm, last_complete_quarter
from svduty.web.common.views import ScopedTemplateView


class _ReportMixin:
    permission_required = "partnership.view_board"

    def get_report(self):
        """The report for the chosen board and quarter (default: first board, last full quarter)."""
        self.form = ReportChoiceForm(self.request.GET or None, partnership=self.partnership)
        board = self.partnership.boards.first()
        period = last_complete_quarter()
        if self.form.is_bound and self.form.is_valid():
            board, period = self.form.cleaned_data["board"], self.form.cleaned_data["quarter"]
        elif not self.form.is_bound:
            self.form = ReportChoiceForm(
                initial={"board": board, "quarter": f"{period.year}-{period.quarter}"},
                partnership=self.partnership,
            )
        if board is None:
            return None
        return services.build(self.partnership, board, period)


class BoardReportPage(_ReportMixin, ScopedTemplateView):
    template_name = "boardreport/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        context.update(report=report, form=self.form, query=self.request.GET.urlencode())
        return context


class BoardReportPdf(_ReportMixin, ScopedTemplateView):
    """The same report as an A4 PDF, for board papers."""

    template_name = "boardreport/print.html"

    def get(self, request, *args, **kwargs):
        self.check_permission()
        report = self.get_report()
        if report is None:
            return HttpResponse("Add a board before producing a board report.", status=404)
        html = render_to_string(
            self.template_name,
            {"report": report, "partnership": self.partnership, "generated": timezone.now()},
            request=request,
        )
        pdf = services.render_pdf(html)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = slugify(f"{report.board} {report.period.label}")
        response["Content-Disposition"] = f'inline; filename="board-report-{name}.pdf"'
        return response
