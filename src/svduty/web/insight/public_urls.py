from django.urls import path

from svduty.web.insight import public_views

app_name = "public"
urlpatterns = [
    path("", public_views.index, name="index"),
    path("<slug:slug>/", public_views.summary, name="summary"),
    path("<slug:slug>/print/", public_views.printable, name="print"),
]
