"""Settings shared by every environment.

With no environment variables at all the portal runs on SQLite, the locmem cache, eager Celery and
console email, so `make run` needs no service. Each *_URL variable switches to the real part.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-only-key-change-me-0123456789abcdef")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SIEM_ENVIRONMENT = "local"
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# The OAI-PMH repository identifier (oai:<this>:publication/<slug>): a domain name of the project, never
# the host a request came through, so that identifiers stay the same wherever the portal is served.
OAI_REPOSITORY_IDENTIFIER = env("OAI_REPOSITORY_IDENTIFIER", default="siem-project.eu")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    # third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_countries",
    "django_celery_beat",
    "auditlog",
    "csp",
    # ours
    "siem_portal",
    "accounts",
    "surveys",
    "impact",
    "testimonials",
    "events",
    "publications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "siem_portal.uploads.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # a signed-in person's saved language wins over the cookie and Accept-Language
    "siem_portal.languages.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # axes last, as its documentation asks
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "siem_portal.urls"
WSGI_APPLICATION = "siem_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "siem_portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: opening one per request costs more than most pages' own queries.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers queue instead of failing with "database is locked": every transaction takes
    # the write lock when it starts (a deferred one that reads, then writes, cannot wait for it), waits
    # up to SQLITE_BUSY_TIMEOUT seconds for it, and WAL lets readers go on while one writes. An
    # in-memory database (the test run's) ignores journal_mode=WAL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# allauth: email is the login, verification is mandatory before anything is posted.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SIEM] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Erasmus Impact Portal"
# Staff roles (accounts.rules.has_staff_role) use the portal, the admin and the API only with a
# session or token that passed the second factor (accounts/second_factor.py); local and test
# settings relax it for the demo accounts and the existing tests.
SIEM_REQUIRE_MFA_FOR_STAFF = True

# Staff sessions (any role in accounts.rules.has_staff_role) end after 30 minutes without a request
# and 12 hours after the sign-in; everyone else keeps Django's 14 days (SESSION_COOKIE_AGE).
SESSION_COOKIE_AGE = 14 * 24 * 3600
SIEM_STAFF_SESSION_IDLE = timedelta(minutes=30)
SIEM_STAFF_SESSION_MAX = timedelta(hours=12)

# How many reverse proxies stand in front of the portal and append to X-Forwarded-For. 0 (`make
# run`, tests): X-Forwarded-For is ignored and REMOTE_ADDR is the client. Behind the documented nginx
# (which overwrites X-Forwarded-For with $remote_addr): 1. One number feeds every consumer: DRF's
# throttles, django-axes and allauth's rate limits (see docs/operations.md).
SIEM_TRUSTED_PROXY_COUNT = env.int("SIEM_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = SIEM_TRUSTED_PROXY_COUNT

# Failed logins: axes locks a (login, client address) pair after 10 failures for 30 minutes, so an
# attacker locks only themselves, never the real person signing in from elsewhere; allauth's
# `login_failed` rate limits (per address and per login, a few minutes) slow down guessing from many
# addresses. The API token endpoint applies the same two checks.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "siem_portal.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "accounts.axes.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_LOCKOUT_CALLABLE = "accounts.axes.lockout_response"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("nl", _("Dutch")),
    ("cs", _("Czech")),
    ("lv", _("Latvian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates, times and numbers follow the page's language (Django's locale formats); English gets the
# European day-month order of siem_portal/formats/en/formats.py.
FORMAT_MODULE_PATH = ["siem_portal.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Private files (reports, exports, uploads under review) never sit below MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
# A private file is streamed by a view that checks the person; behind nginx, set this to an
# `internal` location aliased to PRIVATE_MEDIA_ROOT and nginx sends it (X-Accel-Redirect).
PRIVATE_MEDIA_ACCEL_PREFIX = env("PRIVATE_MEDIA_ACCEL_PREFIX", default="")
# On S3 the view redirects to a signed URL that works for this many seconds.
PRIVATE_MEDIA_URL_SECONDS = env.int("PRIVATE_MEDIA_URL_SECONDS", default=60)


def s3_storages(env) -> dict:
    """The STORAGES entries on any S3-compatible service (django-storages), from S3_* variables:
    S3_PRIVATE_BUCKET for private files (objects private, read through signed URLs), S3_PUBLIC_BUCKET
    for public media (read by anyone through the bucket's policy or S3_PUBLIC_DOMAIN)."""
    common = {
        "endpoint_url": env("S3_ENDPOINT_URL", default="") or None,
        "region_name": env("S3_REGION", default="") or None,
        "access_key": env("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env("S3_ADDRESSING_STYLE", default="") or None,
        "signature_version": "s3v4",
        "file_overwrite": True,
    }
    entries = {}
    if env("S3_PRIVATE_BUCKET", default=""):
        entries["private"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": env("S3_PRIVATE_BUCKET"),
                "querystring_auth": True,
                "querystring_expire": PRIVATE_MEDIA_URL_SECONDS,
                "default_acl": "private",
            },
        }
    if env("S3_PUBLIC_BUCKET", default=""):
        entries["default"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": env("S3_PUBLIC_BUCKET"),
                "querystring_auth": False,
                "custom_domain": env("S3_PUBLIC_DOMAIN", default="") or None,
                "file_overwrite": False,
            },
        }
    return entries


def s3_image_origins(env) -> list[str]:
    """The origins images come from when media are on S3 (for the Content-Security-Policy): the
    public bucket's domain, and the S3 endpoint that signed URLs of private covers point to."""
    if not (env("S3_PRIVATE_BUCKET", default="") or env("S3_PUBLIC_BUCKET", default="")):
        return []
    origins = []
    if env("S3_PUBLIC_DOMAIN", default=""):
        origins.append(f"https://{env('S3_PUBLIC_DOMAIN')}")
    endpoint = env("S3_ENDPOINT_URL", default="")
    if endpoint:
        parts = endpoint.split("/")
        origins.append("/".join(parts[:3]))  # scheme://host[:port]
    else:
        origins.append("https://*.amazonaws.com")
    return origins


# "default": public media (MEDIA_URL); "private": never served directly, only through a view
# (siem_portal/storage.py). Each moves to S3 when its bucket is set (docs/operations.md).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "siem_portal.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    **s3_storages(env),
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Every request body, files included (the largest upload is a 50 MB PDF): over this, 413 before it is read.
# Each kind of file has its own, smaller cap (siem_portal/uploads.py); nginx's client_max_body_size should match.
SIEM_MAX_REQUEST_BYTES = env.int("SIEM_MAX_REQUEST_BYTES", default=55 * 1024 * 1024)

# Email: console by default, SMTP (or anything django-environ knows) through EMAIL_URL.
_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(_email)
# Shown on the privacy notice and the accessibility statement (the editable text is in the database).
SIEM_PRIVACY_CONTACT_EMAIL = env("SIEM_PRIVACY_CONTACT_EMAIL", default="privacy@siem-project.eu")
SIEM_SUPERVISORY_AUTHORITY = env(
    "SIEM_SUPERVISORY_AUTHORITY",
    default="Belgian Data Protection Authority (Gegevensbeschermingsautoriteit / Autorité de protection des données)",
)
SIEM_SUPERVISORY_AUTHORITY_URL = env("SIEM_SUPERVISORY_AUTHORITY_URL", default="https://www.dataprotectionauthority.be")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Erasmus Impact Portal <noreply@siem-project.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: eager (no broker) unless CELERY_BROKER_URL is set.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Every periodic task of every app, in one place (beat copies it into its database at start).
MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
CELERY_BEAT_SCHEDULE = {
    # one sweep for every row-backed job left pending (siem_portal/jobs.py, register_pending_job)
    "siem_portal.requeue_pending_jobs": {"task": "siem_portal.requeue_pending_jobs", "schedule": MINUTE},
    "accounts.purge_exports": {"task": "accounts.purge_exports", "schedule": HOUR},
    "events.expire_offers": {"task": "events.expire_offers", "schedule": 5 * MINUTE},
    "events.send_reminders": {"task": "events.send_reminders", "schedule": HOUR},
    "events.send_confirm_reminders": {"task": "events.send_confirm_reminders", "schedule": HOUR},
    "surveys.send_due_reminders": {"task": "surveys.send_due_reminders", "schedule": HOUR},
    "surveys.purge_expired": {"task": "surveys.purge_expired", "schedule": DAY},
    "surveys.expire_reports": {"task": "surveys.expire_reports", "schedule": DAY},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # both refuse a staff role whose session or token did not pass the second factor
        "accounts.api.authentication.SessionAuthentication",
        "accounts.api.authentication.TokenAuthentication",
    ],
    "NUM_PROXIES": SIEM_TRUSTED_PROXY_COUNT,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "siem_portal.api_errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.ScopedRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "auth": env("THROTTLE_AUTH", default="20/min"),
        "write": env("THROTTLE_WRITE", default="120/min"),
        "contact": env("THROTTLE_CONTACT", default="10/hour"),
    },
}
# API tokens: django-rest-knox with our model (records the second factor and the last use).
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 (a model name, not a secret)
# knox's own migration creates its AuthToken table even when the model is swapped for ours; that
# orphan table (a foreign key to the user) would block flushing the database on PostgreSQL
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("SIEM_API_TOKEN_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
}
# A staff role's token lives no longer than a staff session.
SIEM_STAFF_API_TOKEN_TTL = timedelta(hours=12)

SPECTACULAR_SETTINGS = {
    "TITLE": "Erasmus Impact Portal API",
    "DESCRIPTION": "API of the SIEM portal: surveys, impact self-assessment, stories, events, library.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # every 4xx in the one error shape of siem_portal/api_errors.py
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "siem_portal.api_schema.add_error_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # several apps have a "kind" or an "audience": name each enum after its own model
    "ENUM_NAME_OVERRIDES": {
        "PublicationKindEnum": "publications.enums.PublicationKind",
        "PublicationAudienceEnum": "publications.enums.Audience",
        "StoryKindEnum": "testimonials.enums.StoryKind",
        "FrameworkAudienceEnum": "impact.enums.Audience",
        "SurveyAudienceEnum": "surveys.enums.Audience",
        "EventKindEnum": "events.enums.EventKind",
        "EventStatusEnum": "events.enums.EventStatus",
        "StoryStatusEnum": "testimonials.enums.StoryStatus",
        "AssessmentStatusEnum": "impact.enums.AssessmentStatus",
        "ProposalKindEnum": "events.enums.ProposalKind",
    },
}

# Content-Security-Policy in every environment: no inline script, no third party, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # media on S3 (docs/operations.md) add the bucket's origins
        "img-src": ["'self'", "data:", *s3_image_origins(env)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

COUNTRIES_FIRST = ["BE", "CZ", "ES", "FR", "LV", "NL", "GB"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # one line per finished task drowns everything else when tasks run eagerly
    "loggers": {
        "celery.app.trace": {"level": env("CELERY_TRACE_LOG_LEVEL", default="WARNING")},
        # WeasyPrint's font subsetting logs every table of every font at INFO
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

# How long a downloaded personal-data export is kept before the sweep deletes it.
PRIVACY_EXPORT_TTL_HOURS = 24
