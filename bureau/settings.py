"""Settings for the Justice Bureau Portal.

Everything a deployment changes comes from the environment (see docs/deployment.md). The defaults are
safe for a developer's machine only: with DEBUG off, SECRET_KEY and IDENTIFIER_KEY must be given.
"""

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pghistory
import pgtrigger
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"

# Protected identifiers (resident ID numbers) are encrypted with AES-SIV under this 64-byte key,
# given base64-encoded. Losing it makes every stored number unreadable: back it up with the database.
_identifier_key = env("IDENTIFIER_KEY")
if _identifier_key:
    IDENTIFIER_KEY = base64.b64decode(_identifier_key)
elif DEBUG:
    IDENTIFIER_KEY = hashlib.sha512(("identifier:" + SECRET_KEY).encode()).digest()
else:
    raise ImproperlyConfigured("IDENTIFIER_KEY must be set when DEBUG is off.")
if len(IDENTIFIER_KEY) != 64:
    raise ImproperlyConfigured("IDENTIFIER_KEY must decode to exactly 64 bytes.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "bureau",
    "lawyers",  # before legalaid and mediation, which assign from its registry (demo data loads in this order)
    "legalaid",
    "mediation",
    "corrections",
    "normative_docs",
    "public_service",
    "publicity",
    "figures",  # the indicator registry, dashboards, statistics API and work reports: composes what apps declare
]

# The project's own apps: every model in them must be audited (tests/bureau/test_audit.py checks).
PROJECT_APPS = ["bureau", "lawyers", "legalaid", "mediation", "corrections", "normative_docs",
                "public_service", "publicity", "figures"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, Cache-Control: no-store for signed-in users (bureau.middleware).
    "bureau.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, renewing the idle timeout at most once a minute (bureau.middleware).
    "bureau.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user loaded at once: every request reads it (bureau.middleware).
    "bureau.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form posted twice with one {% form_token %} runs once (bureau.concurrency).
    "bureau.concurrency.FormTokenMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "bureau.audit.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The scripts the Content-Security-Policy allows (bureau.middleware): the portal's own files only; no template
# carries an inline <script> or on…= attribute (tests/bureau/test_csp_templates.py), htmx evaluates nothing.
CSP_SCRIPT_SRC = env("CSP_SCRIPT_SRC", "'self'")

ROOT_URLCONF = "bureau.urls"
WSGI_APPLICATION = "bureau.wsgi.application"

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
                "bureau.context_processors.navigation",
            ],
        },
    },
]


def _database(url):
    parts = urlsplit(url)
    options = {
        # The working set of a bureau's database fits in memory (or on SSD): a random page read costs about what
        # a sequential one does. With PostgreSQL's default of 4 the planner scans a whole city's supervision
        # events instead of the district's index range (docs/benchmarks.md). Override with PG_RANDOM_PAGE_COST.
        "options": f"-c random_page_cost={env('PG_RANDOM_PAGE_COST', '1.1')}",
    }
    if env_bool("DB_POOL", True):
        options["pool"] = {"min_size": 1, "max_size": int(env("DB_POOL_MAX", "8"))}
    # libpq's form for a Unix socket, as the embedded PostgreSQL of `make run` is reached (bin/services.py):
    # postgres://postgres@:5432/bureau?host=/path/to/socket-directory
    socket_dir = parse_qs(parts.query).get("host", [""])[0]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": socket_dir or parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        # `.iterator()` is only the select boxes' choices here (a model's few dozen rows, ModelChoiceIterator): a
        # server-side cursor cost three more round trips (DECLARE, FETCH, CLOSE) for each box on every page, 2 ms
        # of a list's filters (docs/benchmarks.md, "Load"). It also lets PgBouncer lend connections per transaction
        # (docs/scaling.md).
        "DISABLE_SERVER_SIDE_CURSORS": True,
    }


DATABASE_URL = env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bureau")
DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379")


def redis_location(db, url=REDIS_URL, *, celery=False):
    """The URL of Redis database `db` on the server REDIS_URL names: redis://host:port/db, or for a Unix socket
    (unix:///path/redis.sock, the embedded Redis of `make run`) unix:///path?db=N for redis-py and
    redis+socket:///path?virtual_host=N for Celery's broker and result backend."""
    if url.startswith("unix://"):
        path = url.removeprefix("unix://").split("?", 1)[0]
        return f"redis+socket://{path}?virtual_host={db}" if celery else f"unix://{path}?db={db}"
    return f"{url.rstrip('/')}/{db}"


CACHES = {
    "default": {
        "BACKEND": "bureau.cache.RedisCache",  # Django's, keeping its client (bureau.cache)
        "LOCATION": redis_location(env("REDIS_CACHE_DB", "1")),
        "KEY_PREFIX": env("CACHE_PREFIX", "bureau"),
    }
}

AUTH_USER_MODEL = "bureau.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the signed-in user by SQL compiled once (bureau.backends).
    "bureau.backends.ModelBackend",
]
# Argon2id first (bureau.hashers: OWASP's parameters, 18 ms a sign-in instead of PBKDF2's 190); hashes made by the
# others are still checked, and rehashed with the first at the next sign-in.
PASSWORD_HASHERS = [
    "bureau.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django 5.2's own message for this one has no Chinese translation yet (bureau.forms).
    {"NAME": "bureau.forms.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A password older than this becomes a to-do for its owner (bureau.reminders).
PASSWORD_MAX_AGE_DAYS = int(env("PASSWORD_MAX_AGE_DAYS", "90"))

# Idle timeout: the session lives 30 minutes from the last request.
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_SECONDS", "1800"))
# Renewed at most once a minute by bureau.middleware.SessionMiddleware, not on every request.
SESSION_SAVE_EVERY_REQUEST = False
# Sessions in Redis (the cache): renewed for the idle timeout, which in the database was an UPDATE and a commit (a WAL
# flush) per page (docs/benchmarks.md, "Load"). A Redis restart signs everyone out.
SESSION_ENGINE = env("SESSION_ENGINE", "django.contrib.sessions.backends.cache")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Five failed sign-ins lock the account name for 30 minutes (offices share one public IP).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Locking by IP would lock out a whole street office behind one NAT address, hence username only.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Reverse proxies in front of gunicorn; the client's address is taken from X-Forwarded-For accordingly.
PROXY_COUNT = int(env("PROXY_COUNT", "0"))
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG  # in development the files are served from static/ without collectstatic
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "media/"

# Production hardening; `manage.py check --deploy` passes with DEBUG off (docs/deployment.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
X_FRAME_OPTIONS = "DENY"

# Every row change of a tracked model is recorded by a database trigger, so bulk writes are caught too.
PGHISTORY_APPEND_ONLY = True  # event rows can be neither changed nor deleted, even with SQL
# One trigger run per statement, recording all its rows with one INSERT … SELECT from the transition table: an
# import's COPY of 40,000 rows is audited in one go instead of 40,000 trigger calls (docs/benchmarks.md).
PGHISTORY_LEVEL = pgtrigger.Statement
# An event row copies its record's foreign keys, and pghistory indexes each copy; the audit trail is read by record
# (pgh_obj), context, label and time (bureau.audit), never by a copied key. Unindexed, they cost a write nothing
# (3–8% off an import of 10,000 supervisees, whose 51,820 rows each write an event; docs/benchmarks.md).
PGHISTORY_FOREIGN_KEY_FIELD = pghistory.ForeignKey(db_index=False)
PGHISTORY_OBJ_FIELD = pghistory.ObjForeignKey(db_index=True)
PGHISTORY_CONTEXT_FIELD = pghistory.ContextForeignKey(db_index=True)
PGHISTORY_MIDDLEWARE_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

# An API token lives this long from its creation, and dies earlier with a password change or a lockout.
API_TOKEN_LIFETIME = timedelta(hours=int(env("API_TOKEN_HOURS", "8")))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "bureau.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "bureau.schema.AutoSchema",
    "EXCEPTION_HANDLER": "bureau.permissions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "区司法局综合业务平台 API",
    "DESCRIPTION": "Justice Bureau Portal REST API. Every list is limited to the caller's jurisdiction.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `status`; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "legalaid.models.Status",
        "PractiseStatusEnum": "lawyers.models.Status",
        "SpecialtyEnum": "lawyers.models.Specialty",
        "ImportJobStatusEnum": "bureau.models.ImportJob.Status",
        "SupervisionLevelEnum": "corrections.models.Level",
        "ServicePointKindEnum": "lawyers.models.ServicePoint.Kind",
        # Choice sets the actions' payloads name too (documented since issue 18, part 10).
        "ResettlementHelpKindEnum": "corrections.models.resettlement.ResettlementHelp.Kind",
        "ViolationKindEnum": "lawyers.models.supervision.ViolationKind",
        "ReconsiderationDecisionEnum": "normative_docs.models.cases.Decision",
        "MediationOutcomeEnum": "mediation.models.cases.Outcome",
        "CaseOutcomeEnum": "legalaid.models.Outcome",
        "ComplaintFindingEnum": "legalaid.models.Complaint.Finding",
        "LawyerComplaintFindingEnum": "lawyers.models.supervision.Finding",
        "TerminationGroundEnum": "legalaid.models.TerminationGround",
        "ConfirmationResultEnum": "mediation.models.cases.ConfirmationResult",
        "TerminationReasonEnum": "corrections.models.register.LedgerEntry.TerminationReason",
        "AssessmentConclusionEnum": "normative_docs.models.documents.Assessment",
    },
}

# Django's renderer, with select boxes written in Python (bureau.speedups: a third of a list page's time).
FORM_RENDERER = "bureau.speedups.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

CELERY_BROKER_URL = env("CELERY_BROKER_URL", redis_location(0, celery=True))
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", redis_location(2, celery=True))
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True  # every task is idempotent: a task lost with its worker runs again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "run-reminder-rules-daily": {
        "task": "bureau.tasks.run_reminder_rules_task",
        "schedule": crontab(hour=6, minute=30),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

SITE_TITLE = _("区司法局综合业务平台")

# Dashboards (figures.dashboard): how long a page's figures are cached at most. Any write through the ORM makes
# them stale at once; bulk writes, which send no signal, show within this time.
STATS_CACHE_SECONDS = int(env("STATS_CACHE_SECONDS", "60"))
# The Word template of the generated work reports; an office may point this at its own letterhead
# (docs/reports.md).
REPORT_TEMPLATE = env("REPORT_TEMPLATE", str(BASE_DIR / "figures" / "data" / "work_report_template.docx"))

# Imports (bureau.imports): files with more rows than this are validated and committed by a Celery job.
IMPORT_ASYNC_ROWS = int(env("IMPORT_ASYNC_ROWS", "2000"))
IMPORT_MAX_ROWS = int(env("IMPORT_MAX_ROWS", "100000"))
# An uploaded file is bounded before it is parsed (bureau.imports.files): its bytes, what its zip expands to and
# by how much, its sheets' extent (the last cell, which a reader allocates up to) and each cell's text.
IMPORT_MAX_BYTES = int(env("IMPORT_MAX_MB", "20")) * 1024 * 1024
IMPORT_MAX_UNZIPPED_BYTES = int(env("IMPORT_MAX_UNZIPPED_MB", "200")) * 1024 * 1024
IMPORT_MAX_COMPRESSION_RATIO = 200
IMPORT_MAX_SHEET_ROWS = 200_000
IMPORT_MAX_SHEET_COLUMNS = 200
IMPORT_MAX_CELL_CHARS = 10_000
