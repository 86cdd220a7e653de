"""The board report page and its PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from svduty.web.boardreport import services
from svduty.web.boardreport.forms import ReportChoiceForm, last_complete_quarter
from svduty.web.common.views import ScopedTemplateView

CHOICES = ("board", "quarter")


def _session_key(partnership) -> str:
    return f"boardreport:board:{partnership.pk}"


class _ReportMixin:
    permission_required = "partnership.view_board"

    def default_board(self):
        """The board the user last chose in this partnership, else the top-level board."""
        remembered = self.request.session.get(_session_key(self.partnership))
        board = self.partnership.boards.filter(pk=remembered).first() if remembered else None
        return board or services.default_board(self.partnership)

    def get_report(self):
        """The report for the board and quarter in the query; a choice left out takes its
        default (the board last chosen, else the top-level board; the last full quarter), so
        ``?board=<pk>`` alone opens that board. An invalid choice shows its error, no report."""
        board = self.default_board()
        if board is None:
            self.form = ReportChoiceForm(partnership=self.partnership)
            return None
        period = last_complete_quarter()
        data = {"board": str(board.pk), "quarter": f"{period.year}-{period.quarter}"}
        query = self.request.GET
        data.update({name: query[name] for name in CHOICES if query.get(name)})
        self.form = ReportChoiceForm(data, partnership=self.partnership)
        if not self.form.is_valid():
            return None
        board, period = self.form.cleaned_data["board"], self.form.cleaned_data["quarter"]
        if self.request.GET.get("board"):
            self.request.session[_session_key(self.partnership)] = board.pk
        return services.build(self.partnership, board, period)


class BoardReportPage(_ReportMixin, ScopedTemplateView):
    template_name = "boardreport/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        context.update(
            report=report,
            form=self.form,
            has_boards=self.partnership.boards.exists(),
            query=self.request.GET.urlencode(),
        )
        return context


class BoardReportPdf(_ReportMixin, ScopedTemplateView):
    """The same report as an A4 PDF, for board papers."""

    template_name = "boardreport/print.html"

    def get(self, request, *args, **kwargs):
        self.check_permission()
        report = self.get_report()
        if report is None:
            message = (
                "Choose a board and a quarter the partnership has."
                if self.partnership.boards.exists()
                else "Add a board before producing a board report."
            )
            return HttpResponse(message, status=404)
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
