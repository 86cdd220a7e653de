"""The partnership web application: a Django project of governance and delivery apps.

Settings live in :mod:`svduty.web.project.settings` (read from the environment); the architecture,
and how a new app joins the project, is described in ``docs/web-architecture.md``.
"""

import os

import django

DEFAULT_SETTINGS_MODULE = "svduty.web.project.settings"


def setup_django(settings_module: str | None = None) -> None:
    """Configure Django for use outside ``manage.py`` (the ``svduty`` CLI, scripts, benchmarks)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module or DEFAULT_SETTINGS_MODULE)
    django.setup()
