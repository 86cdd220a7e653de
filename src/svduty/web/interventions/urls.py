from django.urls import path

from svduty.web.interventions import views

app_name = "interventions"
urlpatterns = [
    path("", views.Register.as_view(), name="register"),
    path("add/", views.InterventionCreate.as_view(), name="add"),
    path("<int:pk>/", views.InterventionDetail.as_view(), name="detail"),
    path("<int:pk>/change/", views.InterventionUpdate.as_view(), name="change"),
    path("<int:parent>/outputs/add/", views.OutputCreate.as_view(), name="output_add"),
    path(
        "<int:parent>/outputs/<int:pk>/change/", views.OutputUpdate.as_view(), name="output_change"
    ),
    path("<int:parent>/outcomes/add/", views.OutcomeCreate.as_view(), name="outcome_add"),
    path(
        "<int:parent>/outcomes/<int:pk>/change/",
        views.OutcomeUpdate.as_view(),
        name="outcome_change",
    ),
    path("<int:parent>/evaluations/add/", views.EvaluationCreate.as_view(), name="evaluation_add"),
    path(
        "<int:parent>/evaluations/<int:pk>/change/",
        views.EvaluationUpdate.as_view(),
        name="evaluation_change",
    ),
]
