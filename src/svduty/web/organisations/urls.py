from django.urls import path

from svduty.web.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.OrganisationList.as_view(), name="list"),
    path("add/", views.OrganisationCreate.as_view(), name="add"),
    path("<int:pk>/change/", views.OrganisationUpdate.as_view(), name="change"),
]
