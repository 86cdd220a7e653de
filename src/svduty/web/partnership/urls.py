from django.urls import path

from svduty.web.partnership import views

app_name = "partnership"
urlpatterns = [
    path("", views.Overview.as_view(), name="overview"),
    path("governance/", views.Governance.as_view(), name="governance"),
    path("governance/boards/add/", views.BoardCreate.as_view(), name="board_add"),
    path("governance/boards/<int:pk>/change/", views.BoardUpdate.as_view(), name="board_change"),
    path("governance/officers/add/", views.OfficerCreate.as_view(), name="officer_add"),
    path(
        "governance/officers/<int:pk>/change/",
        views.OfficerUpdate.as_view(),
        name="officer_change",
    ),
    path("governance/agreements/add/", views.AgreementCreate.as_view(), name="agreement_add"),
    path(
        "governance/agreements/<int:pk>/change/",
        views.AgreementUpdate.as_view(),
        name="agreement_change",
    ),
    path("calendar/", views.Calendar.as_view(), name="calendar"),
    path("calendar/add/", views.RequirementCreate.as_view(), name="requirement_add"),
    path(
        "calendar/standard/",
        views.StandardRequirements.as_view(),
        name="requirement_standard",
    ),
    path(
        "calendar/<int:pk>/change/",
        views.RequirementUpdate.as_view(),
        name="requirement_change",
    ),
]
