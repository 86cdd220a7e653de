from svduty.web.common.forms import PartnershipModelForm
from svduty.web.training.models import Attendance, Course, TrainingSession


class CourseForm(PartnershipModelForm):
    class Meta:
        model = Course
        fields = ["title", "description", "audience", "duration_hours"]


class TrainingSessionForm(PartnershipModelForm):
    class Meta:
        model = TrainingSession
        fields = ["course", "held_on", "venue", "trainer", "capacity"]


class AttendanceForm(PartnershipModelForm):
    class Meta:
        model = Attendance
        fields = ["organisation", "attendees"]
