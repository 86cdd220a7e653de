"""App configs for the project itself: its templates/static files and the scoped admin site."""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class WebConfig(AppConfig):
    name = "svduty.web"
    label = "web"
    verbose_name = "svduty web"


class SvdutyAdminConfig(AdminConfig):
    default_site = "svduty.web.common.admin_site.SvdutyAdminSite"
