"""Test settings: production settings with fast hashing, plain HTTP, finder-served static."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("SVDUTY_HOME", tempfile.mkdtemp(prefix="svduty-test-home-"))
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("SVDUTY_HTTPS", "0")

from svduty.web.project.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]

# The test database is a file, not SQLite's shared-cache memory database: there, a request that
# writes while the in-process job worker reads gets "database table is locked" at once (shared
# cache ignores the busy timeout), which made the browser tests race. A file waits, as the
# production database does. Each test process has its own SVDUTY_HOME, so its own file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    from svduty import config

    DATABASES["default"]["TEST"] = {"NAME": str(config.home() / "test-app.sqlite3")}  # noqa: F405
