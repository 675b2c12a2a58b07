"""pytest: fast hasher, locmem email, eager Celery, locmem cache, unless a *_URL asks otherwise."""

from pathlib import Path

from .base import *  # noqa: F403 (settings modules extend the base namespace)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Integration tests point EMAIL_URL at a real SMTP sink; everything else reads mail.outbox.
if not env("EMAIL_URL", default=""):  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# a test's Celery worker process is told its test's folders through these variables
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / ".test-media")))  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(MEDIA_ROOT / "private")))  # noqa: F405
ACCOUNT_RATE_LIMITS = False
SIEM_REQUIRE_MFA_FOR_STAFF = False
AXES_ENABLED = True
# Files on the local disk (a folder per test, see conftest.py); the tests marked `s3` switch the
# private storage to the S3 API named by S3_ENDPOINT_URL themselves.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "siem_portal.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "en"
# Static files straight from the app folders, no collectstatic (the live server serves them too).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
SIEM_ENVIRONMENT = "test"
# Tests run tasks in-process even when a broker is configured; the integration tests switch to the
# real broker and worker themselves.
CELERY_TASK_ALWAYS_EAGER = True
