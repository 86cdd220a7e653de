"""Training pages: courses and sessions, a session's attendance, and who has been trained."""

from __future__ import annotations

from django.urls import reverse

from svduty.web.common.parents import child_view, form_view
from svduty.web.common.views import ScopedDetailView, ScopedTemplateView
from svduty.web.organisations.models import OrganisationKind
from svduty.web.training import services
from svduty.web.training.forms import AttendanceForm, CourseForm, TrainingSessionForm
from svduty.web.training.models import Attendance, Course, TrainingSession


class Overview(ScopedTemplateView):
    template_name = "training/overview.html"
    permission_required = "training.view_course"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_organisation = services.attendance_by_organisation(self.partnership)
        for row in by_organisation:
            row["kind_label"] = OrganisationKind(row["organisation__kind"]).label
        context.update(
            courses=self.partnership.courses.all(),
            sessions=self.partnership.training_sessions.select_related("course"),
            by_organisation=by_organisation,
            total_trained=sum(row["attendees"] for row in by_organisation),
        )
        return context


class SessionDetail(ScopedDetailView):
    model = TrainingSession
    template_name = "training/session_detail.html"
    permission_required = "training.view_trainingsession"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attendances"] = self.object.attendances.select_related("organisation")
        context["attended"] = self.object.attended()
        return context


CourseCreate = form_view(Course, CourseForm, "add", "training:overview")
CourseUpdate = form_view(Course, CourseForm, "change", "training:overview")


class _ToSession:
    def get_success_url(self) -> str:
        return reverse(
            "training:session_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.object.pk},
        )


class SessionCreate(
    _ToSession, form_view(TrainingSession, TrainingSessionForm, "add", "training:overview")
):
    page_title = "Add a training session"


class SessionUpdate(
    _ToSession, form_view(TrainingSession, TrainingSessionForm, "change", "training:overview")
):
    pass


AttendanceCreate = child_view(
    Attendance,
    AttendanceForm,
    "add",
    TrainingSession,
    "session",
    "training:session_detail",
    page_title="Record attendance",
)
AttendanceUpdate = child_view(
    Attendance,
    AttendanceForm,
    "change",
    TrainingSession,
    "session",
    "training:session_detail",
    page_title="Change attendance",
)
