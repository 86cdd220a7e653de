"""The Django project: settings, URL configuration, WSGI entry and the project's own app configs."""
