from django.urls import path

from svduty.web.boardreport import views

app_name = "boardreport"
urlpatterns = [
    path("", views.BoardReportPage.as_view(), name="report"),
    path("pdf/", views.BoardReportPdf.as_view(), name="pdf"),
]
