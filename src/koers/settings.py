"""One settings file, configured from the environment; runs with no configuration at all.

Environment variables (all optional):
  KOERS_DEBUG           "1" for development, "0" for production (unset: development only on a machine where
                        nothing says production: no KOERS_SECRET_KEY, not started by wsgi.py, no host name or
                        public address other than this machine's)
  KOERS_SECRET_KEY      required in production; Koers refuses to start without it
  KOERS_ALLOWED_HOSTS   comma-separated host names
  DATABASE_URL          e.g. postgres://user@127.0.0.1:5432/koers; default is SQLite in var/
  KOERS_DATA_DIR        where the SQLite database and uploads live (default ./var)
  KOERS_EMAIL_BACKEND   Django e-mail backend path (default: console in debug)
  KOERS_UPLOAD_MAX_MB   largest accepted upload in megabytes (default 20)
  KOERS_ACCESSIBILITY_CONTACT  e-mail address for accessibility problems, shown in the statement
  KOERS_PUBLIC_URL      the address people open Koers at; required when KOERS_DEBUG is off
  KOERS_TASK_BACKEND    django-tasks backend (default: tasks wait in the database for `koers worker`)
  KOERS_DB_CONN_MAX_AGE seconds a database connection is kept open (default 600 in production, 0 in debug)
  KOERS_REDIS_URL       e.g. redis://127.0.0.1:6379/1: cache, sessions, rate limits and login lockouts
                        shared by every web process; without it: the database and each process's memory
  KOERS_TRUSTED_PROXIES number of proxies in front that add the client's address to X-Forwarded-For (default
                        0: the connection's address); rate limits and lockouts count per client address
  KOERS_LOGIN_ADDRESS_LIMIT  failed logins per address in 15 minutes across usernames (default 100)
  KOERS_UPLOADS_PER_MINUTE   files one person may upload per minute (default 30)
  KOERS_S3_BUCKET       keep uploaded files in this S3-compatible bucket (with KOERS_S3_ENDPOINT_URL,
                        KOERS_S3_REGION, KOERS_S3_ACCESS_KEY, KOERS_S3_SECRET_KEY); default:
                        KOERS_DATA_DIR/media
  KOERS_LOG_LEVEL       WARNING by default; every line carries the request id (docs/deploy.md)
See docs/deploy.md for running Koers in production.
"""

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("KOERS_DATA_DIR", Path.cwd() / "var")).resolve()

# Careless operation fails safe: the development defaults (DEBUG and a key everyone can read in this file)
# are used only when asked for with KOERS_DEBUG=1, or on a developer's machine where nothing says
# "production". A server signals production by its entry point (wsgi.py sets KOERS_ENTRY_POINT) or by being
# given a host name or a public address that is not this machine; without KOERS_SECRET_KEY it then refuses
# to start instead of running with DEBUG and the published key.
DEVELOPMENT_SECRET_KEY = "koers-development-only-not-secret"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "testserver")


def production_signs(environ: Mapping[str, str]) -> list[str]:
    signs = []
    if environ.get("KOERS_ENTRY_POINT"):
        signs.append(f"started as {environ['KOERS_ENTRY_POINT']}")
    hosts = [h.strip() for h in environ.get("KOERS_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if any(h not in LOOPBACK_HOSTS for h in hosts):
        signs.append("KOERS_ALLOWED_HOSTS names a server")
    public = environ.get("KOERS_PUBLIC_URL", "").split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    if public and public not in LOOPBACK_HOSTS:
        signs.append("KOERS_PUBLIC_URL is not this machine")
    return signs


SECRET_KEY = os.environ.get("KOERS_SECRET_KEY", "")
DEBUG_ASKED = os.environ.get("KOERS_DEBUG") is not None and env_flag("KOERS_DEBUG", default=False)
DEBUG = env_flag("KOERS_DEBUG", default=not SECRET_KEY and not production_signs(os.environ))
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError(
            "KOERS_SECRET_KEY must be set in production ("
            + (", ".join(production_signs(os.environ)) or "KOERS_DEBUG is off")
            + "); for development on your own machine set KOERS_DEBUG=1"
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if SECRET_KEY == DEVELOPMENT_SECRET_KEY and not DEBUG:
    raise RuntimeError("KOERS_SECRET_KEY is the published development key; set a long random one")

ALLOWED_HOSTS = [h for h in os.environ.get("KOERS_ALLOWED_HOSTS", "").split(",") if h] or (
    ["127.0.0.1", "localhost", "testserver"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "koers.common",
    "koers.language",
    "koers.pictograms",
    "koers.lob",
    "koers.schools",
    "koers.access",
    "koers.dossier",
    "koers.conversations",
    "koers.programme",
    "koers.careers",
    "koers.choices",
    "koers.partners",
    "koers.quality",
    "koers.transfer",
    "koers.overview",
    "koers.home",
    "koers.schooladmin",
    "koers.demo",
    "koers.accounts",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "koers.common.logs.RequestIdMiddleware",
    # Next: a load balancer's probes are answered before host checks, HTTPS redirects and sessions.
    "koers.common.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files in production (koers web); the development server serves them itself.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "koers.common.ratelimit.UploaderMiddleware",
    "koers.language.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "koers.accounts.middleware.SessionTimeoutMiddleware",
    "koers.accounts.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    "koers.access.tenancy.ActiveRoleMiddleware",
    "koers.common.security.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "koers.urls"
WSGI_APPLICATION = "koers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koers.access.context_processors.active_role",
                "koers.language.context_processors.simple_language",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'koers.sqlite3'}",
        # Persistent connections in production: a new PostgreSQL connection costs more than most pages.
        conn_max_age=int(os.environ.get("KOERS_DB_CONN_MAX_AGE", "0" if DEBUG else "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default never answers 500 to a concurrent write: WAL lets readers go on while one
    # writes, IMMEDIATE transactions take the write lock at their start (so two writers queue instead of
    # deadlocking on a lock upgrade), and a writer waits up to 20 seconds for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "schools.User"
AUTHENTICATION_BACKENDS = [
    "koers.accounts.backends.LockoutBackend",  # first: refuses locked-out username+IP pairs
    "koers.accounts.backends.PasswordBackend",
    "koers.accounts.backends.SchoolOIDCBackend",  # does nothing unless KOERS_OIDC_* is configured
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# Each language is named in itself, so a person who reads no Dutch still finds their own. Staff screens are
# Dutch and English; everything students and guardians see is also in the FAMILY_LANGUAGES.
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
    ("fa", "فارسی"),
]
KOERS_FAMILY_LANGUAGES = ["ar", "uk", "tr", "pl", "fa"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("KOERS_STATIC_ROOT") or DATA_DIR / "static")  # an image collects at build
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # koers/static belongs to no app; runserver serves it in DEBUG
MEDIA_ROOT = DATA_DIR / "media"
UPLOAD_MAX_BYTES = int(os.environ.get("KOERS_UPLOAD_MAX_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "KOERS_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("KOERS_FROM_EMAIL", "koers@localhost")

# Security: strict by default, relaxed only for plain-HTTP development.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_flag("KOERS_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging in (koers.accounts; see README "Logging in") ---
# Lockout: 5 failed passwords for one username from one address locks that pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("KOERS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("KOERS_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # keep failures only: no log of every successful login with its address
AXES_LOCKOUT_CALLABLE = "koers.accounts.views.login.locked_out"
AXES_VERBOSE = False
# The lockout's address is the one the rate limits use: behind KOERS_TRUSTED_PROXIES proxies, the address the
# outermost trusted proxy saw (not the proxy's own, which would make every pupil share one lockout).
AXES_CLIENT_IP_CALLABLE = "koers.common.ratelimit.axes_client_address"
# Password spraying (one password tried on many usernames): failed logins per address across all usernames
# in 15 minutes, then that address waits. High enough for a school's pupils behind one address.
KOERS_LOGIN_ADDRESS_LIMIT = int(os.environ.get("KOERS_LOGIN_ADDRESS_LIMIT", "100"))
# Proxies in front of Koers that add the client's address to X-Forwarded-For (0: the connection's address).
KOERS_TRUSTED_PROXIES = int(os.environ.get("KOERS_TRUSTED_PROXIES", "0"))
# Files one person may upload per minute (photos, video, voice, documents); admin imports do not count.
KOERS_UPLOADS_PER_MINUTE = int(os.environ.get("KOERS_UPLOADS_PER_MINUTE", "30"))
# Sessions: an idle and an absolute time-out (koers.accounts.middleware.SessionTimeoutMiddleware).
KOERS_SESSION_IDLE_MINUTES = int(os.environ.get("KOERS_SESSION_IDLE_MINUTES", "60"))
KOERS_SESSION_MAX_HOURS = int(os.environ.get("KOERS_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = KOERS_SESSION_MAX_HOURS * 3600
PASSWORD_RESET_TIMEOUT = 2 * 3600
# OpenID Connect (a school's Microsoft or Google accounts): off unless the client id is set.
KOERS_OIDC_NAME = os.environ.get("KOERS_OIDC_NAME", "Microsoft of Google")
OIDC_RP_CLIENT_ID = os.environ.get("KOERS_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("KOERS_OIDC_CLIENT_SECRET", "")
KOERS_OIDC_ISSUER = os.environ.get("KOERS_OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("KOERS_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("KOERS_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("KOERS_OIDC_JWKS_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("KOERS_OIDC_USERINFO_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_CREATE_USER = False  # people come from the student administration, never from a login
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"
# SAML (federations such as Entree): off unless the IdP metadata file is set.
KOERS_SAML_NAME = os.environ.get("KOERS_SAML_NAME", "Entree")
KOERS_SAML_IDP_METADATA = os.environ.get("KOERS_SAML_IDP_METADATA", "")
KOERS_SAML_SP_ENTITY_ID = os.environ.get("KOERS_SAML_SP_ENTITY_ID", "")
KOERS_SAML_KEY_FILE = os.environ.get("KOERS_SAML_KEY_FILE", "")
KOERS_SAML_CERT_FILE = os.environ.get("KOERS_SAML_CERT_FILE", "")
KOERS_SAML_XMLSEC = os.environ.get("KOERS_SAML_XMLSEC", "/usr/bin/xmlsec1")

# --- accessibility: where people report an accessibility problem (shown on /toegankelijkheid/) ---
KOERS_ACCESSIBILITY_CONTACT = os.environ.get("KOERS_ACCESSIBILITY_CONTACT", "")

# A school's counsellor sees students without new entries for this many weeks unless the school sets its own.
KOERS_DEFAULT_INACTIVE_WEEKS = 6

# Every line carries the request id (or the job's) and no personal data: see koers.common.logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "koers.common.logs.RequestIdFilter"}},
    "formatters": {
        "koers": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "koers"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("KOERS_LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request (method, URL pattern, status, time), also when the level is WARNING.
        "koers.requests": {
            "level": "INFO" if env_flag("KOERS_REQUEST_LOG", default=not DEBUG) else "WARNING"
        },
    },
}

# --- Background work, notifications and the public address (koers.background, koers.notifications) ---
# KOERS_PUBLIC_URL is the address people open Koers at (https://koers.example.nl). Every absolute link Koers
# writes (e-mails, .ics files, letters and their QR codes, login cards, PDFs) starts with it, never with the
# host a request happened to come in on, and a worker without any request builds the same links.
KOERS_PUBLIC_URL = os.environ.get("KOERS_PUBLIC_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not KOERS_PUBLIC_URL.startswith(("http://", "https://")):
    raise RuntimeError("KOERS_PUBLIC_URL must be set to the address of Koers, e.g. https://koers.school.nl")
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "koers.background", "koers.notifications"]
# Tasks wait in the database and `koers worker` runs them, so one server needs nothing else.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("KOERS_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A failed job is tried again after KOERS_TASK_RETRY_SECONDS, then four times longer each time (1, 4, 16,
# 64 minutes ...), KOERS_TASK_ATTEMPTS times in all before the school admin sees it as failed.
KOERS_TASK_ATTEMPTS = int(os.environ.get("KOERS_TASK_ATTEMPTS", "6"))
KOERS_TASK_RETRY_SECONDS = int(os.environ.get("KOERS_TASK_RETRY_SECONDS", "60"))
# Prepared downloads (bulk PDFs with login QR codes) are removed this many hours after they were made.
KOERS_DOWNLOAD_HOURS = int(os.environ.get("KOERS_DOWNLOAD_HOURS", "24"))
# A domain verb that changes a student's data without writing its audit row (access/audit.py) raises when this
# is on (development and the tests), and is logged as an error in production.
KOERS_STRICT_TRACE = os.environ.get("KOERS_STRICT_TRACE", "1" if DEBUG else "0") == "1"

# --- Running for real (`koers web`, docs/deploy.md) ---
# Static files: whitenoise serves them from the web process, compressed (gzip and Brotli), with file names
# that carry a hash of their content and so a cache lifetime of a year.
# `koers web` collects them before it starts.
STATICFILES_BACKEND = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "koers.common.staticfiles.KoersStaticFiles"
)
WHITENOISE_KEEP_ONLY_HASHED_FILES = False  # the sprite's <use href> and read-aloud.js keep working unhashed
# Uploaded files: on the local disk, or in S3-compatible object storage. Either way they are private: a file
# is only ever served by a Koers view that checked who asks, so the bucket stays closed to the public.
KOERS_S3_BUCKET = os.environ.get("KOERS_S3_BUCKET", "")
if KOERS_S3_BUCKET:
    MEDIA_STORAGE: dict[str, object] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": KOERS_S3_BUCKET,
            "endpoint_url": os.environ.get("KOERS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("KOERS_S3_REGION") or None,
            "access_key": os.environ.get("KOERS_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("KOERS_S3_SECRET_KEY") or None,
            "location": os.environ.get("KOERS_S3_PREFIX", "media"),
            "default_acl": "private",
            "querystring_auth": True,  # never a public URL, should one ever be asked for
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {"default": MEDIA_STORAGE, "staticfiles": {"BACKEND": STATICFILES_BACKEND}}
# Redis, when configured, holds what several web processes must share: the cache, the rate limits, sessions
# and login lockouts. Without it sessions and lockouts stay in the database and the cache in each process's
# memory, which is right for one server; the rate limits then live in a database table
# (koers.common.ratelimit), so every process of that server counts together and a restart forgets nothing.
KOERS_REDIS_URL = os.environ.get("KOERS_REDIS_URL", "")
# Sessions in the database, read with SQL built once per process (koers/common/sessions.py).
SESSION_ENGINE = "koers.common.sessions"
RATE_LIMIT_TABLE = "koers_rate_limits"  # made by common/migrations/0004_rate_limit_table.py
CACHES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "rate-limits": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": RATE_LIMIT_TABLE,
        "TIMEOUT": 3600,
        # Never cull counters early: a flood of made-up addresses must not push real counts out.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000, "CULL_FREQUENCY": 10},
    },
}
if KOERS_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": KOERS_REDIS_URL,
            "KEY_PREFIX": "koers",
            "TIMEOUT": 300,
        },
        "rate-limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": KOERS_REDIS_URL,
            "KEY_PREFIX": "koers-rate",
            "TIMEOUT": 3600,
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
