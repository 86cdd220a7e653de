from django.urls import path

from svduty.web.strategy import views

app_name = "strategy"
urlpatterns = [
    path("", views.Overview.as_view(), name="overview"),
    path("add/", views.StrategyCreate.as_view(), name="strategy_add"),
    path("<int:pk>/change/", views.StrategyUpdate.as_view(), name="strategy_change"),
    path("priorities/add/", views.PriorityCreate.as_view(), name="priority_add"),
    path("priorities/<int:pk>/change/", views.PriorityUpdate.as_view(), name="priority_change"),
    path("recommendations/add/", views.RecommendationCreate.as_view(), name="recommendation_add"),
    path(
        "recommendations/<int:pk>/change/",
        views.RecommendationUpdate.as_view(),
        name="recommendation_change",
    ),
    path("delivery-plan/", views.DeliveryPlan.as_view(), name="delivery_plan"),
    path("actions/add/", views.ActionCreate.as_view(), name="action_add"),
    path("actions/<int:pk>/", views.ActionDetail.as_view(), name="action_detail"),
    path("actions/<int:pk>/change/", views.ActionUpdate.as_view(), name="action_change"),
    path(
        "actions/<int:action>/updates/add/",
        views.QuarterlyUpdateCreate.as_view(),
        name="update_add",
    ),
    path(
        "actions/<int:action>/updates/<int:pk>/change/",
        views.QuarterlyUpdateUpdate.as_view(),
        name="update_change",
    ),
    path("measures/", views.MeasureList.as_view(), name="measures"),
    path("measures/add/", views.MeasureCreate.as_view(), name="measure_add"),
    path("measures/<int:pk>/", views.MeasureDetail.as_view(), name="measure_detail"),
    path("measures/<int:pk>/change/", views.MeasureUpdate.as_view(), name="measure_change"),
    path(
        "measures/<int:measure>/values/add/",
        views.MeasureValueCreate.as_view(),
        name="measure_value_add",
    ),
    path(
        "measures/<int:measure>/values/<int:pk>/change/",
        views.MeasureValueUpdate.as_view(),
        name="measure_value_change",
    ),
]
