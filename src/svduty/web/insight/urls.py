from django.urls import path

from svduty.web.insight import views

app_name = "insight"
urlpatterns = [
    path("", views.DashboardSection.as_view(), name="dashboard"),
    path("dashboards/<slug:section>/", views.DashboardSection.as_view(), name="section"),
    path("core-measures/", views.CoreMeasures.as_view(), name="core_measures"),
    path("uploads/", views.UploadList.as_view(), name="uploads"),
    path("uploads/new/", views.UploadCreate.as_view(), name="upload"),
    path("jobs/<int:pk>/", views.JobDetail.as_view(), name="job"),
    path("jobs/<int:pk>/status/", views.JobStatus.as_view(), name="job_status"),
    path("jobs/<int:pk>/quarantine.csv", views.QuarantineCsv.as_view(), name="quarantine_csv"),
    path("jobs/<int:pk>/summary.csv", views.SummaryCsv.as_view(), name="summary_csv"),
    path("jobs/<int:pk>/report.<str:fmt>", views.ReportDownload.as_view(), name="report_file"),
    path("reports/", views.ReportList.as_view(), name="reports"),
    path("public-summary/", views.PublishSummary.as_view(), name="publish"),
]
