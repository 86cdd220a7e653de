from django.urls import path

from svduty.web.training import views

app_name = "training"
urlpatterns = [
    path("", views.Overview.as_view(), name="overview"),
    path("courses/add/", views.CourseCreate.as_view(), name="course_add"),
    path("courses/<int:pk>/change/", views.CourseUpdate.as_view(), name="course_change"),
    path("sessions/add/", views.SessionCreate.as_view(), name="session_add"),
    path("sessions/<int:pk>/", views.SessionDetail.as_view(), name="session_detail"),
    path("sessions/<int:pk>/change/", views.SessionUpdate.as_view(), name="session_change"),
    path(
        "sessions/<int:parent>/attendance/add/",
        views.AttendanceCreate.as_view(),
        name="attendance_add",
    ),
    path(
        "sessions/<int:parent>/attendance/<int:pk>/change/",
        views.AttendanceUpdate.as_view(),
        name="attendance_change",
    ),
]
