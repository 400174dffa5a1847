"""One settings file, configured from the environment; runs with no configuration at all.

Environment variables (all optional):
  KOERS_DEBUG           "1" for development (default "1" unless KOERS_SECRET_KEY is set)
  KOERS_SECRET_KEY      required in production
  KOERS_ALLOWED_HOSTS   comma-separated host names
  DATABASE_URL          e.g. postgres://user@127.0.0.1:5432/koers; default is SQLite in var/
  KOERS_DATA_DIR        where the SQLite database and uploads live (default ./var)
  KOERS_EMAIL_BACKEND   Django e-mail backend path (default: console in debug)
  KOERS_UPLOAD_MAX_MB   largest accepted upload in megabytes (default 20)
  KOERS_ACCESSIBILITY_CONTACT  e-mail address for accessibility problems, shown in the statement
  KOERS_PUBLIC_URL      the address people open Koers at; required when KOERS_DEBUG is off
  KOERS_TASK_BACKEND    django-tasks backend (default: tasks wait in the database for `koers worker`)
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("KOERS_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get("KOERS_SECRET_KEY", "")
DEBUG = env_flag("KOERS_DEBUG", default=not SECRET_KEY)
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("KOERS_SECRET_KEY must be set when KOERS_DEBUG is off")
    SECRET_KEY = "koers-development-only-not-secret"

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
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
        conn_max_age=int(os.environ.get("KOERS_DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "schools.User"
AUTHENTICATION_BACKENDS = [
    "koers.accounts.backends.LockoutBackend",  # first: refuses locked-out username+IP pairs
    "django.contrib.auth.backends.ModelBackend",
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
STATIC_ROOT = DATA_DIR / "static"
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
KOERS_SAML_BASE_URL = os.environ.get("KOERS_SAML_BASE_URL", "")
KOERS_SAML_KEY_FILE = os.environ.get("KOERS_SAML_KEY_FILE", "")
KOERS_SAML_CERT_FILE = os.environ.get("KOERS_SAML_CERT_FILE", "")
KOERS_SAML_XMLSEC = os.environ.get("KOERS_SAML_XMLSEC", "/usr/bin/xmlsec1")

# --- accessibility: where people report an accessibility problem (shown on /toegankelijkheid/) ---
KOERS_ACCESSIBILITY_CONTACT = os.environ.get("KOERS_ACCESSIBILITY_CONTACT", "")

# A school's counsellor sees students without new entries for this many weeks unless the school sets its own.
KOERS_DEFAULT_INACTIVE_WEEKS = 6

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KOERS_LOG_LEVEL", "WARNING")},
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
