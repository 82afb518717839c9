"""Django settings, read from the environment.

Environment variables:
  VANGNET_MODE      "development" (default) or "production"
  SECRET_KEY        required in production
  DEBUG             "1"/"0"; defaults to on in development, always off in production
  ALLOWED_HOSTS     comma-separated host names
  DATABASE_URL      e.g. postgres://user@127.0.0.1:5432/vangnet; default: SQLite in VANGNET_DATA_DIR
  VANGNET_DATA_DIR  folder for the embedded SQLite database (default: ./data)
  VANGNET_OFFLINE   "0" switches off the offline session screens (service worker); default on
  VANGNET_RECEIPTS_DIR  folder for uploaded receipts, outside the static root
                    (default: VANGNET_DATA_DIR/receipts); back it up with the database
  VANGNET_RESOURCES_DIR  folder for files of the resource library (default:
                    VANGNET_DATA_DIR/resources); back it up with the database
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


MODE = os.environ.get("VANGNET_MODE", "development")
PRODUCTION = MODE == "production"

if PRODUCTION:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be set (at least 50 characters) in production.")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get(
        "SECRET_KEY", "development-only-key-never-use-in-production-0123456789"
    )
    DEBUG = env_bool("DEBUG", True)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

DATA_DIR = Path(os.environ.get("VANGNET_DATA_DIR", Path.cwd() / "data"))
VANGNET_RECEIPTS_DIR = Path(os.environ.get("VANGNET_RECEIPTS_DIR", DATA_DIR / "receipts"))
VANGNET_RESOURCES_DIR = Path(os.environ.get("VANGNET_RESOURCES_DIR", DATA_DIR / "resources"))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "vangnet.core",
    "vangnet.organisations",
    "vangnet.audit",
    "vangnet.networks",
    "vangnet.participants",
    "vangnet.logbook",
    "vangnet.support",
    "vangnet.planning",
    "vangnet.demo",
    "vangnet.privacy",
    "vangnet.questionnaires",
    "vangnet.interviews",
    "vangnet.network_evaluation",
    "vangnet.dashboards",
    "vangnet.fidelity",
    "vangnet.benchmark",
    "vangnet.reports",
    "vangnet.api",
    "vangnet.exports",
    "vangnet.practice",
    "vangnet.library",
    "vangnet.signin",
    "vangnet.operations",
    "django_prometheus",
    # After operations: their readiness checks and metrics come after the built-in ones.
    "vangnet.jobs",
    "vangnet.notifications",
    "vangnet.calendars",
    "vangnet.myspace",
    "vangnet.finance",
    "vangnet.houserules",
    "vangnet.neighbourhood",
    "vangnet.volunteers",
    "vangnet.growth",
    "vangnet.learning",
    "vangnet.stakeholders",
]

MIDDLEWARE = [
    # Request counts and latency for /metrics (django-prometheus): first and last.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses text responses for phones on poor wifi; outside everything that writes them.
    "vangnet.core.compression.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Saves a signed-in session at most once a minute instead of on every request.
    "vangnet.core.session_touch.SessionTouchMiddleware",
    "vangnet.core.replica.ReplicaPinMiddleware",  # after a write, read from the primary
    "vangnet.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "vangnet.organisations.middleware.AbsoluteSessionLifetimeMiddleware",
    "vangnet.organisations.middleware.RequireTwoFactorMiddleware",
    "vangnet.organisations.middleware.RequirePasswordChangeMiddleware",
    # Tablet mode (Mijn Vangnet): a device handed to a participant shows only their task.
    "vangnet.myspace.tablet.TabletLockMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "vangnet.core.middleware.SecurityHeadersMiddleware",
    "vangnet.audit.middleware.DeniedRequestAuditMiddleware",
    # Last but one, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "vangnet.urls"
WSGI_APPLICATION = "vangnet.wsgi.application"
# Django's form renderer, with the plain widgets (inputs, textarea, select) written without
# the template engine: the same markup (core/form_renderer.py).
FORM_RENDERER = "vangnet.core.form_renderer.FastWidgetRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "vangnet.core.context_processors.navigation",
                "vangnet.networks.sessions.offline_views.offline_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'vangnet.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A reused connection is tested before a request uses it: after a database failover
        # or restart the next request reconnects instead of failing.
        conn_health_checks=True,
    )
}
# A PostgreSQL streaming replica for the heavy reads (dashboard, reports, exports), optional:
# vangnet.core.replica; docs/deploy.md. After a write a user reads from the primary for
# VANGNET_REPLICA_PIN_SECONDS, so they always see their own change.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["vangnet.core.replica.ReplicaRouter"]
VANGNET_REPLICA_PIN_SECONDS = env_int("VANGNET_REPLICA_PIN_SECONDS", 10)
VANGNET_REPLICA_WAIT_SECONDS = env_int("VANGNET_REPLICA_WAIT_SECONDS", 5)  # jobs: catch up

# Derived routes and figures are cached (docs/performance.md). Each gunicorn worker keeps its
# own copy in memory unless VANGNET_CACHE_URL names a shared Redis, which every worker (and
# every server) then uses: recommended as soon as there is more than one worker.
CACHES: dict[str, dict[str, Any]]
CACHE_URL = os.environ.get("VANGNET_CACHE_URL", "").strip()
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "VANGNET_CACHE_URL must be a redis://, rediss:// or unix:// address."
        )
    CACHES = {
        "default": {
            "BACKEND": "vangnet.core.redis_cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "vangnet",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # One entry per network for the dashboard and for the routes (and the pages'
            # bodies): the default of 300 made a 200-network organisation push its own out.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# How long derived routes and dashboard figures may stay in the cache. Their keys change with
# every write to the data they derive from (the database's triggers renew the versions, for
# SQL by hand too); the lifetime bounds what is kept. Routes are carried from one day to the
# next (participants.route_cache: only routes whose stage moves by time are derived again),
# so they are kept 8 days: a network that meets weekly finds last week's routes.
VANGNET_ROUTE_CACHE_SECONDS = env_int("VANGNET_ROUTE_CACHE_SECONDS", 8 * 24 * 3600)
VANGNET_DASHBOARD_CACHE_SECONDS = env_int("VANGNET_DASHBOARD_CACHE_SECONDS", 3600)
# The sociogram's content per network, data version, viewer's rights, language and filter.
VANGNET_SOCIOGRAM_CACHE_SECONDS = env_int("VANGNET_SOCIOGRAM_CACHE_SECONDS", 3600)
# The network page's body per version of its data (networks/page_cache.py); 0 turns it off.
VANGNET_NETWORK_PAGE_CACHE_SECONDS = env_int("VANGNET_NETWORK_PAGE_CACHE_SECONDS", 3600)
# The participant page's body per participant, version of its data, viewer's role and
# language (participants/detail_cache.py); 0 turns it off.
VANGNET_PARTICIPANT_PAGE_CACHE_SECONDS = env_int("VANGNET_PARTICIPANT_PAGE_CACHE_SECONDS", 3600)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisations.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a sign-in while the username + IP address is locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on with the organisation's OpenID Connect provider (vangnet.signin).
    "vangnet.signin.backend.OrganisationOIDCBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: 30 minutes idle, ended by logout, cookie not readable by scripts. The idle
# time counts from the session's last save; vangnet.core.session_touch saves an active
# session once per VANGNET_SESSION_REFRESH_SECONDS (not on every request), so a user is
# signed out 29-30 minutes after their last request.
SESSION_COOKIE_AGE = 30 * 60
# With a shared cache (VANGNET_CACHE_URL: every worker sees the same) a request reads its
# session from the cache, falling back to the database, and every change is written to
# both: one query less per request. Without one the database alone (each worker's own memory
# would keep a session another worker ended). Expired sessions are removed daily
# (jobs.periodic: "sessions").
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_SAVE_EVERY_REQUEST = False
VANGNET_SESSION_REFRESH_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
# However active a user is, a session ends 12 hours after signing in
# (vangnet.organisations.middleware.AbsoluteSessionLifetimeMiddleware).
VANGNET_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
# Offline session screens (docs/offline.md): pages register the service worker that keeps
# this week's and last week's session screens of the worker's own networks on the phone.
# VANGNET_OFFLINE=0 switches it off (pages then register no worker; waiting saves are
# still sent).
VANGNET_OFFLINE = env_bool("VANGNET_OFFLINE", True)

# Login lockout (django-axes): 5 failed attempts for one username from one IP address lock
# that combination for 15 minutes; a successful sign-in resets the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vangnet.core.security.lockout_response"
AXES_VERBOSE = False
# Behind N reverse proxies (each appending to X-Forwarded-For) set VANGNET_TRUSTED_PROXY_COUNT
# to N; lockout and the audit trail then use the client's address. 0 (default): the header is
# never trusted. Axes uses the same rule as the audit trail (vangnet.audit.services); the
# ipware settings say the same for when django-ipware is installed.
VANGNET_TRUSTED_PROXY_COUNT = int(os.environ.get("VANGNET_TRUSTED_PROXY_COUNT", "0"))

# Small-cell suppression: an aggregate that describes fewer than k people is shown as "< k"
# in every anonymous or aggregated view (municipality report, outcome and theme figures).
# `vangnet backup` writes JSON with whole microseconds (Django's JSON keeps milliseconds).
SERIALIZATION_MODULES = {"vangnet_json": "vangnet.privacy.backup_format"}

VANGNET_SMALL_CELL_K = int(os.environ.get("VANGNET_SMALL_CELL_K", "5"))
if VANGNET_SMALL_CELL_K < 2:
    raise ImproperlyConfigured("VANGNET_SMALL_CELL_K must be 2 or more.")
# The municipality report shows an area on its own only with at least this many networks;
# smaller areas are pooled into "Overige gebieden" (docs/reports.md).
VANGNET_MIN_NETWORKS_PER_AREA = int(os.environ.get("VANGNET_MIN_NETWORKS_PER_AREA", "3"))
if VANGNET_MIN_NETWORKS_PER_AREA < 1:
    raise ImproperlyConfigured("VANGNET_MIN_NETWORKS_PER_AREA must be 1 or more.")
if VANGNET_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("VANGNET_TRUSTED_PROXY_COUNT must be 0 or more.")
AXES_CLIENT_IP_CALLABLE = "vangnet.audit.services.client_ip"
AXES_IPWARE_PROXY_COUNT = VANGNET_TRUSTED_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if VANGNET_TRUSTED_PROXY_COUNT else ("REMOTE_ADDR",)
)

# Two-factor authentication (TOTP, django-otp). Coordinators and organisation admins must
# use it; an organisation may require it for everyone (privacy.OrganisationSecuritySettings).
# Enforced by default in production; VANGNET_ENFORCE_2FA=1 turns it on elsewhere.
VANGNET_ENFORCE_2FA = env_bool("VANGNET_ENFORCE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = "Vangnet"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", Path.cwd() / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# The load balancer's probes and Prometheus may use plain HTTP inside the network: these
# paths are never redirected to HTTPS (regular expressions on the path without its "/").
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# /metrics (vangnet.operations.views) answers the addresses or networks listed here, or a
# request with `Authorization: Bearer <VANGNET_METRICS_TOKEN>`; anyone else gets 404.
VANGNET_METRICS_TOKEN = os.environ.get("VANGNET_METRICS_TOKEN", "")
VANGNET_METRICS_ALLOWED_ADDRESSES = env_list("VANGNET_METRICS_ALLOWED_ADDRESSES", "127.0.0.1,::1")
try:
    VANGNET_METRICS_ALLOWED_NETWORKS = [
        ipaddress.ip_network(item, strict=False) for item in VANGNET_METRICS_ALLOWED_ADDRESSES
    ]
except ValueError as exc:
    raise ImproperlyConfigured(f"VANGNET_METRICS_ALLOWED_ADDRESSES: {exc}") from None
if VANGNET_METRICS_TOKEN and len(VANGNET_METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("VANGNET_METRICS_TOKEN must be at least 32 characters.")

# VANGNET_LOG_FORMAT=json: one JSON object per log line (time, level, logger, message and the
# request's method, path and status where known), for a log collector.
LOG_FORMAT = os.environ.get("VANGNET_LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("VANGNET_LOG_FORMAT must be 'text' or 'json'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"}
        | ({"formatter": "json"} if LOG_FORMAT == "json" else {})
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Method rules that an organisation may tune are stored per organisation
# (organisations.Organisation); these are the defaults for a new organisation.
VANGNET_DEFAULTS = {
    "steady_after_days": 91,
    "steady_min_attendance_share": 0.5,
    "dropout_after_weeks": 8,
    "followup_after_missed_sessions": 2,
    "followup_after_announced_absences": 3,
}

# Background jobs (vangnet.jobs, docs/deploy.md): django-tasks with its database backend;
# `vangnet worker` runs them. A worker whose heartbeat is older than the stale time is taken
# for dead: its running task is retried (up to VANGNET_JOB_MAX_ATTEMPTS runs) or failed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
VANGNET_WORKER_HEARTBEAT_SECONDS = env_int("VANGNET_WORKER_HEARTBEAT_SECONDS", 10)
VANGNET_WORKER_STALE_SECONDS = env_int("VANGNET_WORKER_STALE_SECONDS", 60)
VANGNET_JOB_MAX_ATTEMPTS = env_int("VANGNET_JOB_MAX_ATTEMPTS", 2)
# /readyz fails while no worker has beaten for VANGNET_WORKER_STALE_SECONDS (production
# default); elsewhere the check only reports it.
VANGNET_READY_REQUIRES_WORKER = env_bool("VANGNET_READY_REQUIRES_WORKER", PRODUCTION)
# Periodic retention (jobs.periodic): anonymise participants inactive for this many months;
# 0 turns it off. On by default (24) in production only, so a demo never erases its data.
VANGNET_RETENTION_MONTHS = env_int("VANGNET_RETENTION_MONTHS", 24 if PRODUCTION else 0)

# The benchmark between installations (vangnet.benchmark, docs/benchmark.md "The hub").
# A sending installation names the hub and the token the hub's operator gave it; the worker
# then sends the participating organisations' suppressed figures after every change and daily,
# retrying a failed send after BACKOFF, 2 x BACKOFF, ... seconds, up to ATTEMPTS times.
# VANGNET_BENCHMARK_HUB=1 makes this installation a hub: it accepts figures from the senders
# registered with `vangnet benchmark-hub add-sender` and combines them on its benchmark page.
VANGNET_BENCHMARK_HUB = env_bool("VANGNET_BENCHMARK_HUB", False)
VANGNET_BENCHMARK_HUB_URL = os.environ.get("VANGNET_BENCHMARK_HUB_URL", "").strip()
VANGNET_BENCHMARK_HUB_TOKEN = os.environ.get("VANGNET_BENCHMARK_HUB_TOKEN", "").strip()
VANGNET_BENCHMARK_EXCHANGE_ATTEMPTS = env_int("VANGNET_BENCHMARK_EXCHANGE_ATTEMPTS", 6)
VANGNET_BENCHMARK_EXCHANGE_BACKOFF_SECONDS = env_int(
    "VANGNET_BENCHMARK_EXCHANGE_BACKOFF_SECONDS", 60
)

# E-mail (vangnet.notifications, docs/deploy.md). With EMAIL_HOST set, mail goes out over
# SMTP; without it, mails are printed on the console (the demo).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Vangnet <vangnet@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The public address of the site, for links in mails sent by the worker (no request there).
VANGNET_BASE_URL_SET = bool(os.environ.get("VANGNET_BASE_URL", "").strip())
VANGNET_BASE_URL = os.environ.get("VANGNET_BASE_URL", "").strip() or "http://127.0.0.1:8000"
# The link in a password-reset mail works once and for PASSWORD_RESET_TIMEOUT seconds; the
# requests are rate-limited (VANGNET_RATE_LIMITS, scope password_reset).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 4 * 3600)

# REST API (vangnet.api, docs/api.md): a personal token (`Authorization: Token <key>`) or the
# signed-in session (with CSRF); every endpoint checks core.permissions itself.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "vangnet.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "vangnet.api.permissions.TokenScopePermission",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "vangnet.api.throttling.ApiUserThrottle",
        "vangnet.api.throttling.ApiAnonThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "vangnet.api.errors.exception_handler",
}
# Secrets Vangnet stores (an identity provider's client secret, vangnet.signin.crypto) are
# encrypted with this Fernet key; without it a key derived from SECRET_KEY is used.
VANGNET_ENCRYPTION_KEY = os.environ.get("VANGNET_ENCRYPTION_KEY", "")

# API rate limits (vangnet.api.throttling) per signed-in account and per anonymous address,
# counted on the default cache (shared once VANGNET_CACHE_URL is set); "off" switches one off.
VANGNET_API_RATES = {
    "user": os.environ.get("VANGNET_API_RATE_USER", "300/minute"),
    "anon": os.environ.get("VANGNET_API_RATE_ANON", "30/minute"),
}
# Rate limits of the pages where secrets are tried (vangnet.core.ratelimit): sign-in per
# address and per account, password reset, entering a two-factor code per account, and
# refused API tokens per address.
# VANGNET_RATE_LIMITS="login=20/minute,code=10/minute" overrides some; "off" switches one off.
VANGNET_RATE_LIMITS = {
    "login": "20/minute",
    "login_account": "10/minute",
    "password_reset": "5/hour",
    "code": "10/minute",
    "api_auth": "30/minute",  # refused API tokens per address
    # Mijn Vangnet's sign-in links by e-mail: per e-mail address and per IP address.
    "mail_link": "3/hour",
    "mail_link_ip": "10/hour",
}
for _item in env_list("VANGNET_RATE_LIMITS", ""):
    _scope, _sep, _rate = _item.partition("=")
    if not _sep or not _rate.strip():
        raise ImproperlyConfigured("VANGNET_RATE_LIMITS is a list like 'login=20/minute,code=off'.")
    VANGNET_RATE_LIMITS[_scope.strip()] = _rate.strip()

SPECTACULAR_SETTINGS = {
    "TITLE": "Vangnet API",
    "DESCRIPTION": "Read networks, sessions, routes, support ties, measures and reports; "
    "record a session's attendance. See docs/api.md.",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Without deep links an operation's summary holds no link inside its button (axe:
    # nested-interactive); api/docs.css restores the colour contrast.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several apps have a field "kind" with their own choices: each enum gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "MoneyKindEnum": ["expense", "income"],  # api/money_serializers.py
        "PartyKindEnum": "vangnet.stakeholders.models.PartyKind",
        "MeetingKindEnum": "vangnet.stakeholders.models.MeetingKind",
        "NeighbourhoodOutputKindEnum": "vangnet.neighbourhood.models.OutputKind",
    },
}
