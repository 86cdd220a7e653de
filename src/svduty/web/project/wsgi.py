"""WSGI entry point served by waitress (``svduty serve``) or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svduty.web.project.settings")
application = get_wsgi_application()
