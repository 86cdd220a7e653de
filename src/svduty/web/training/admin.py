from django.contrib import admin

from svduty.web.common.admin_site import PartnershipScopedAdmin
from svduty.web.training.models import Attendance, Course, TrainingSession


@admin.register(Course)
class CourseAdmin(PartnershipScopedAdmin):
    list_display = ["title", "audience", "duration_hours", "partnership"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(PartnershipScopedAdmin):
    list_display = ["course", "held_on", "venue", "capacity"]
    date_hierarchy = "held_on"


@admin.register(Attendance)
class AttendanceAdmin(PartnershipScopedAdmin):
    list_display = ["session", "organisation", "attendees"]
