"""Top-level URLs: accounts, admin, home, history, and each app under ``/p/<partnership>/``.

An app joins by adding one ``path("p/<slug:partnership>/<prefix>/", include(...))`` line here.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from svduty.web.common import views
from svduty.web.common.auth_forms import (
    GovukPasswordChangeForm,
    GovukPasswordResetForm,
    GovukSetPasswordForm,
)

account_patterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(form_class=GovukPasswordChangeForm),
        name="password_change",
    ),
    path(
        "password/changed/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=GovukPasswordResetForm,
            extra_context={"page_title": "Reset your password", "submit_label": "Send link"},
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=GovukSetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include(account_patterns)),
    path("admin/", admin.site.urls),
    path(
        "p/<slug:partnership>/history/<str:app_label>/<str:model_name>/<int:pk>/",
        views.HistoryView.as_view(),
        name="history",
    ),
    path("p/<slug:partnership>/", include("svduty.web.partnership.urls")),
    path("p/<slug:partnership>/organisations/", include("svduty.web.organisations.urls")),
    path("p/<slug:partnership>/strategy/", include("svduty.web.strategy.urls")),
    path("p/<slug:partnership>/funding/", include("svduty.web.funding.urls")),
    path("p/<slug:partnership>/interventions/", include("svduty.web.interventions.urls")),
    path("p/<slug:partnership>/training/", include("svduty.web.training.urls")),
    path("p/<slug:partnership>/consultation/", include("svduty.web.consultation.urls")),
    path("p/<slug:partnership>/board-report/", include("svduty.web.boardreport.urls")),
    path("p/<slug:partnership>/panel/", include("svduty.web.panel.urls")),
    path("p/<slug:partnership>/insight/", include("svduty.web.insight.urls")),
    path("public/", include("svduty.web.insight.public_urls")),
]
