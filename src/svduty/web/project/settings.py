"""Django settings from the environment (as :mod:`svduty.config` reads it), so one module serves
development and production.

Production-grade by default: ``DEBUG`` is off unless ``DEBUG`` is set, cookies are secure, HSTS and
a content security policy are sent. ``SVDUTY_HTTPS=0`` relaxes only the HTTPS-dependent settings for
plain-HTTP use on a loopback address (``svduty serve`` on 127.0.0.1, the demo).
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.management.utils import get_random_secret_key

from svduty import config


def _secret_key(env: config.WebEnvironment) -> str:
    """``SECRET_KEY`` from the environment, else one generated once and kept in ``SVDUTY_HOME``."""
    if env.secret_key:
        return env.secret_key
    made = config.secret_file(
        config.secret_key_path(), lambda: get_random_secret_key().encode("utf-8")
    )
    return made.decode("utf-8").strip()


env = config.web_environment()
WEB_DIR = Path(__file__).resolve().parents[1]  # svduty/web: the project app's templates, static
SVDUTY_HOME = config.home()

SECRET_KEY = _secret_key(env)
DEBUG = env.debug
ALLOWED_HOSTS = list(env.allowed_hosts)
HTTPS = env.https

INSTALLED_APPS = [
    "svduty.web.project.apps.SvdutyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "svduty.web.project.apps.WebConfig",
    "svduty.web.organisations",
    "svduty.web.partnership",
    "svduty.web.strategy",
    "svduty.web.funding",
    "svduty.web.interventions",
    "svduty.web.training",
    "svduty.web.consultation",
    "svduty.web.boardreport",
    "svduty.web.panel",
    "svduty.web.insight",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "svduty.web.panel.middleware.RefusedPanelAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "svduty.web.insight.middleware.WarehouseBusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "svduty.web.project.urls"
WSGI_APPLICATION = "svduty.web.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "svduty.web.common.context_processors.navigation",
            ],
        },
    }
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        env.database_url or f"sqlite:///{config.app_database_path()}",
        conn_max_age=env.conn_max_age,
        conn_health_checks=True,
    )
}
# Server-side cursors cost a round trip per form choice list and break behind a pooler.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failed log-ins (django-axes), for an hour: per user name and address,
# and per address across user names against password spraying (svduty.web.common.lockout).
AXES_FAILURE_LIMIT = env.axes_failure_limit
AXES_ADDRESS_FAILURE_LIMIT = env.axes_address_failure_limit
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # this order: see lockout.py
AXES_HANDLER = "svduty.web.common.lockout.AddressAwareHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Password-reset e-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = env.email_host
EMAIL_PORT = env.email_port
EMAIL_HOST_USER = env.email_host_user
EMAIL_HOST_PASSWORD = env.email_host_password
EMAIL_USE_TLS = env.email_use_tls
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.default_from_email

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.static_root
STATICFILES_DIRS: list[Path] = []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = config.uploads_dir()

# Security: secure cookies, HSTS and HTTPS redirect whenever the service is reached over HTTPS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = list(env.csrf_trusted_origins)
if env.behind_tls_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content security policy (django-csp 3): only our own origin; no inline script or style.
CSP_DEFAULT_SRC = ("'self'",)
CSP_SCRIPT_SRC = ("'self'",)
CSP_STYLE_SRC = ("'self'",)
CSP_IMG_SRC = ("'self'", "data:")
CSP_FONT_SRC = ("'self'",)
CSP_CONNECT_SRC = ("'self'",)
CSP_OBJECT_SRC = ("'none'",)
CSP_BASE_URI = ("'self'",)
CSP_FORM_ACTION = ("'self'",)
CSP_FRAME_ANCESTORS = ("'none'",)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.log_level},
}

SVDUTY_SERVICE_NAME = "Serious Violence Duty partnership"
#: Closed panel cases older than this are flagged for deletion (svduty.web.panel).
SVDUTY_PANEL_RETENTION_DAYS = env.panel_retention_days
#: Days an uploaded extract is kept after its import ends (0: deleted at once); see uploads.py.
SVDUTY_UPLOAD_RETENTION_DAYS = env.upload_retention_days
#: Largest upload per source in MB ("default" for the rest); SVDUTY_UPLOAD_LIMITS_MB overrides.
SVDUTY_UPLOAD_LIMITS_MB = env.upload_limits_mb
