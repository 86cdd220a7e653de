"""Insight pages: uploads and their jobs, dashboards, core measures, reports, publishing."""

from __future__ import annotations

import io
from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views import generic

from svduty.analysis.bands import BAND_LABELS, UNKNOWN
from svduty.definitions import load_preset
from svduty.errors import SvdutyError, WarehouseBusy
from svduty.reports.cells import SafeCsvWriter
from svduty.reports.charts import CORE_MEASURES
from svduty.warehouse import connect
from svduty.web.common.mixins import PartnershipScopedMixin
from svduty.web.common.views import ScopedDetailView, ScopedFormMixin, ScopedTemplateView
from svduty.web.insight import core, dashboards, sections, uploads
from svduty.web.insight.defaults import default_definition
from svduty.web.insight.forms import FilterForm, PublishForm, ReportForm, UploadForm
from svduty.web.insight.models import Job, PublishedSummary
from svduty.web.strategy import measures
from svduty.web.strategy.models import MeasureKind

DEFAULT_SECTION = "profile"
REPORT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


# -- uploads -------------------------------------------------------------------------------------


class UploadList(ScopedTemplateView):
    template_name = "insight/uploads.html"
    permission_required = "insight.view_job"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = Job.objects.filter(partnership=self.partnership, kind=Job.Kind.IMPORT)[
            :50
        ]
        return context


class UploadCreate(ScopedFormMixin, PartnershipScopedMixin, generic.FormView):
    """Save the file under the uploads folder and queue the import; the worker runs it."""

    form_class = UploadForm
    permission_required = "insight.add_job"
    success_url_name = "insight:uploads"
    page_title = "Upload a partner extract"
    submit_label = "Upload and import"
    template_name = "insight/upload_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retention"] = uploads.retention_statement()
        return context

    def form_valid(self, form):
        # Files first, then the job in one INSERT: the worker polls for queued jobs and must
        # never claim one whose file is not yet saved (it did, now and then, when the job was
        # created first and its path added after).
        data = form.cleaned_data
        folder = uploads.new_folder()
        params = {
            "source": data["source"],
            "replace": data["replace"],
            "append": data["append"],
            "path": str(uploads.save(data["extract"], folder)),
        }
        if data.get("mapping"):
            params["mapping"] = str(uploads.save(data["mapping"], folder / "profile"))
        job = Job.objects.create(
            partnership=self.partnership,
            kind=Job.Kind.IMPORT,
            created_by=self.request.user,
            params=params,
        )
        messages.success(self.request, f"Uploaded {Path(params['path']).name}")
        return redirect("insight:job", partnership=self.partnership.slug, pk=job.pk)


class JobDetail(ScopedDetailView):
    model = Job
    permission_required = "insight.view_job"
    template_name = "insight/job.html"
    context_object_name = "job"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        if job.kind == Job.Kind.IMPORT and job.status == Job.Status.SUCCEEDED:
            context["quarantine"] = quarantine_rows(job, limit=50)
        return context


class JobStatus(ScopedDetailView):
    """JSON for the progress poll (``static/svduty/insight-progress.js``)."""

    model = Job
    permission_required = "insight.view_job"

    def render_to_response(self, context, **kwargs):
        job = self.object
        return JsonResponse(
            {
                "status": job.status,
                "status_label": job.get_status_display(),
                "stage": job.stage,
                "done": job.done,
                "total": job.total,
                "finished": job.finished,
                "error": job.error,
            }
        )


def quarantine_rows(job: Job, limit: int | None = None) -> list[tuple]:
    """The batch's quarantined cells from the warehouse (file, row, column, value, reason)."""
    batch_id = job.result.get("batch_id")
    if batch_id is None:
        return []

    sql = (
        'SELECT file, row_number, "column", value, reason FROM quarantine WHERE batch_id = ? '
        'ORDER BY file, row_number, "column"' + (f" LIMIT {int(limit)}" if limit else "")
    )
    try:
        with sections.warehouse.LOCK:
            con = connect(None, read_only=True)
            try:
                return con.execute(sql, [batch_id]).fetchall()
            finally:
                con.close()
    except WarehouseBusy:
        raise  # answered 503 by WarehouseBusyMiddleware, never an empty quarantine
    except SvdutyError:
        return []


def _csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class QuarantineCsv(ScopedDetailView):
    model = Job
    permission_required = "insight.view_job"

    def render_to_response(self, context, **kwargs):
        rows = quarantine_rows(self.object)
        return _csv_response(
            f"quarantine-job-{self.object.pk}.csv",
            ["file", "row_number", "column", "value", "reason"],
            rows,
        )


class SummaryCsv(ScopedDetailView):
    model = Job
    permission_required = "insight.view_job"

    def render_to_response(self, context, **kwargs):
        job = self.object
        keys = ["source", "batch_id", "duplicate_of", "rows_read", "rows_loaded"]
        keys += ["rows_quarantined", "period_start", "period_end", "status", "error"]
        values = {**job.params, **job.result, "status": job.status, "error": job.error}
        rows = [[key, "" if values.get(key) is None else values.get(key)] for key in keys]
        rows += [
            [f"reason: {r['column'] or '(file)'}: {r['reason']}", r["cells"]]
            for r in job.result.get("top_reasons", [])
        ]
        return _csv_response(f"import-job-{job.pk}.csv", ["item", "value"], rows)


# -- dashboards ----------------------------------------------------------------------------------


class _DashboardMixin:
    permission_required = "insight.view_dashboards"

    def filters(self) -> dashboards.Filters:
        definition = self.request.GET.get("definition") or default_definition(self.partnership)
        try:
            categories = sorted({r.tag for r in load_preset(definition).rules})
        except SvdutyError:
            definition, categories = default_definition(self.partnership), []
        self.form = FilterForm(
            self.request.GET or None,
            initial={"definition": definition},
            years=sections.crime_years(),
            districts=sections.districts(),
            categories=categories,
            age_bands=[*BAND_LABELS, UNKNOWN],
        )
        data = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        return dashboards.Filters(
            definition=data.get("definition") or definition,
            year=data.get("year"),
            district=data.get("district") or None,
            category=data.get("category") or None,
            age_band=data.get("age_band") or None,
        )


class DashboardSection(_DashboardMixin, ScopedTemplateView):
    template_name = "insight/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key = self.kwargs.get("section", DEFAULT_SECTION)
        filters = self.filters()
        try:
            computed, view = dashboards.section_view(filters, key)
        except WarehouseBusy:
            raise  # answered 503 by WarehouseBusyMiddleware
        except SvdutyError as error:
            computed, view, context["error"] = None, None, str(error)
        if computed is not None and view is None:
            raise Http404("No such section.")
        context.update(
            form=self.form,
            filters=filters,
            section=view,
            menu=dashboards.section_menu(computed),
            current=key,
            no_data=computed is None and "error" not in context,
            query=self.request.GET.urlencode(),
        )
        return context


class CoreMeasures(_DashboardMixin, ScopedTemplateView):
    template_name = "insight/core_measures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters()
        try:
            computed, view = dashboards.section_view(filters, "core_measures")
        except WarehouseBusy:
            raise  # answered 503 by WarehouseBusyMiddleware
        except SvdutyError as error:
            computed, view, context["error"] = None, None, str(error)
        comparisons = []
        if computed is not None:
            result = next(r for r in computed.results if r.key == "core_measures")
            if result.available:
                comparisons = core.compare(
                    result.table("core_measures_quarterly").frame, CORE_MEASURES
                )
        context.update(
            form=self.form,
            section=view,
            comparisons=comparisons,
            measure_rows=measures.rows(
                self.partnership, kinds=(MeasureKind.CORE, MeasureKind.WAREHOUSE)
            ),
            no_data=computed is None and "error" not in context,
            query=self.request.GET.urlencode(),
        )
        return context


# -- reports -------------------------------------------------------------------------------------


class ReportList(ScopedFormMixin, PartnershipScopedMixin, generic.FormView):
    """Choose a definition, area and period; the worker writes HTML, PDF and XLSX."""

    form_class = ReportForm
    permission_required = "insight.add_job"
    read_permission = "insight.view_job"  # anyone who may view jobs sees the list
    template_name = "insight/reports.html"
    success_url_name = "insight:reports"
    page_title = "Needs-assessment reports"
    submit_label = "Produce the report"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["districts"] = sections.districts()
        initial = kwargs.setdefault("initial", {})
        initial["definition"] = default_definition(self.partnership)
        code = self.partnership.area_code
        name = sections.area_name(code)
        if name is not None:
            kwargs["own_area"] = (code, name)
            initial["area"] = code
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = Job.objects.filter(partnership=self.partnership, kind=Job.Kind.REPORT)[
            :20
        ]
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        public = data.get("public", False)
        earlier = Job.objects.filter(
            partnership=self.partnership, kind=Job.Kind.REPORT, params__public=public
        ).count()
        user = self.request.user
        job = Job.objects.create(
            partnership=self.partnership,
            kind=Job.Kind.REPORT,
            created_by=user,
            params={
                "definition": data["definition"],
                "area": data.get("area") or None,
                "start": data.get("start") or None,
                "end": data.get("end") or None,
                "public": public,
                # for the cover: every version is kept, so the next one is one more
                "cover": {
                    "partnership": self.partnership.name,
                    "owner": user.get_full_name() or user.get_username(),
                    "version": str(earlier + 1),
                    "status": "Draft",
                },
            },
        )
        return redirect("insight:job", partnership=self.partnership.slug, pk=job.pk)


class ReportDownload(ScopedDetailView):
    model = Job
    permission_required = "insight.view_job"

    def render_to_response(self, context, **kwargs):
        fmt = self.kwargs["fmt"]
        files = self.object.result.get("files", {})
        if fmt not in REPORT_TYPES or fmt not in files or not Path(files[fmt]).exists():
            raise Http404("No such report file.")
        path = Path(files[fmt])
        return FileResponse(
            path.open("rb"),
            content_type=REPORT_TYPES[fmt],
            as_attachment=fmt != "html",
            filename=f"{path.stem}-job-{self.object.pk}.{fmt}",
        )


# -- publishing ----------------------------------------------------------------------------------


class PublishSummary(ScopedFormMixin, PartnershipScopedMixin, generic.UpdateView):
    """Choose what ``/public/`` shows for this partnership, and whether it is published."""

    model = PublishedSummary
    form_class = PublishForm
    permission_required = "insight.change_publishedsummary"
    success_url_name = "insight:dashboard"
    page_title = "Public summary"
    submit_label = "Save"

    def get_object(self, queryset=None):
        return PublishedSummary.objects.filter(partnership=self.partnership).first() or (
            PublishedSummary(
                partnership=self.partnership, definition_name=default_definition(self.partnership)
            )
        )

    def get_permission_object(self):
        return self.partnership

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def form_valid(self, form):
        form.instance.partnership = self.partnership
        return super().form_valid(form)
