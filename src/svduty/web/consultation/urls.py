from django.urls import path

from svduty.web.consultation import views

app_name = "consultation"
urlpatterns = [
    path("", views.ConsultationList.as_view(), name="list"),
    path("add/", views.ConsultationCreate.as_view(), name="add"),
    path("<int:pk>/", views.ConsultationDetail.as_view(), name="detail"),
    path("<int:pk>/change/", views.ConsultationUpdate.as_view(), name="change"),
    path("<int:parent>/responses/add/", views.ResponseCreate.as_view(), name="response_add"),
    path(
        "<int:parent>/responses/<int:pk>/change/",
        views.ResponseUpdate.as_view(),
        name="response_change",
    ),
]
