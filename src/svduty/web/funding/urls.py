from django.urls import path

from svduty.web.funding import views

app_name = "funding"
urlpatterns = [
    path("", views.Overview.as_view(), name="overview"),
    path("streams/add/", views.StreamCreate.as_view(), name="stream_add"),
    path("streams/<int:pk>/change/", views.StreamUpdate.as_view(), name="stream_change"),
    path("allocations/add/", views.AllocationCreate.as_view(), name="allocation_add"),
    path("allocations/<int:pk>/", views.AllocationDetail.as_view(), name="allocation_detail"),
    path(
        "allocations/<int:pk>/change/",
        views.AllocationUpdate.as_view(),
        name="allocation_change",
    ),
    path("projects/add/", views.ProjectCreate.as_view(), name="project_add"),
    path("projects/<int:pk>/change/", views.ProjectUpdate.as_view(), name="project_change"),
    path("spend/add/", views.SpendCreate.as_view(), name="spend_add"),
    path("spend/<int:pk>/change/", views.SpendUpdate.as_view(), name="spend_change"),
    path("rounds/add/", views.RoundCreate.as_view(), name="round_add"),
    path("rounds/<int:pk>/", views.RoundDetail.as_view(), name="round_detail"),
    path("rounds/<int:pk>/change/", views.RoundUpdate.as_view(), name="round_change"),
    path(
        "rounds/<int:parent>/criteria/add/",
        views.CriterionCreate.as_view(),
        name="criterion_add",
    ),
    path(
        "rounds/<int:parent>/criteria/<int:pk>/change/",
        views.CriterionUpdate.as_view(),
        name="criterion_change",
    ),
    path(
        "rounds/<int:parent>/applications/add/",
        views.ApplicationCreate.as_view(),
        name="application_add",
    ),
    path("applications/<int:pk>/", views.ApplicationDetail.as_view(), name="application_detail"),
    path(
        "applications/<int:application>/score/",
        views.ScorecardCreate.as_view(),
        name="scorecard_add",
    ),
    path("applications/<int:application>/moderate/", views.Moderate.as_view(), name="moderate"),
    path("applications/<int:application>/decision/", views.Decide.as_view(), name="decide"),
]
