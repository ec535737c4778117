"""Settings, read from the environment (healthchecks style: one file, typed helpers).

Production defaults are safe: DEBUG is off, a SECRET_KEY must be given, cookies
are secure. Development (`make run`) sets DEBUG=1 through the environment.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("XXGK_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def site_url(value: str) -> str:
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"XXGK_SITE_URL must be like https://xxgk.example.edu.cn, got {value!r}")
    return value


def envnetworks(name: str) -> list[str]:
    values = envlist(name, [])
    for value in values:
        if value == "unix":  # nginx talking to gunicorn over a unix socket (no REMOTE_ADDR)
            continue
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {value!r} is not an IP address or network") from None
    return values


TESTING = "pytest" in os.path.basename(sys.argv[0]) or "PYTEST_CURRENT_TEST" in os.environ
DEBUG = envbool("DEBUG", False)
# XXGK_DEV=1: a development machine running commands without DEBUG (tests, scripts); never a server.
XXGK_DEV = envbool("XXGK_DEV", False)
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# where the key came from: "environment", "development" (the public dev key) or "missing"
XXGK_SECRET_KEY_SOURCE = "environment"
if not SECRET_KEY:
    if DEBUG or TESTING or XXGK_DEV:
        SECRET_KEY, XXGK_SECRET_KEY_SOURCE = DEV_SECRET_KEY, "development"
    else:
        # Never a publicly known key: a random one for this process only. The server refuses to start and
        # every command but `check` refuses to run (xxgk/core/checks.py); `check --deploy` reports xxgk.E001.
        SECRET_KEY, XXGK_SECRET_KEY_SOURCE = secrets.token_urlsafe(64), "missing"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# The site's address (https://xxgk.example.edu.cn): every absolute URL (feeds, sitemaps, report links)
# is built from it, never from the request's Host. Required with ALLOWED_HOSTS=* (xxgk/core/checks.py).
XXGK_SITE_URL = site_url(os.environ.get("XXGK_SITE_URL", ""))
# days a link in a message to an applicant or letter writer opens their case (xxgk/core/links.py)
XXGK_CASE_LINK_DAYS = envint("XXGK_CASE_LINK_DAYS", 180)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "axes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "xxgk.core",
    "xxgk.workcalendar",
    "xxgk.org",
    "xxgk.jobs",
    "xxgk.notify",
    "xxgk.catalog",
    "xxgk.publishing",
    "xxgk.workbench",
    "xxgk.foi",
    "xxgk.oversight",
    "xxgk.reporting",
    "xxgk.portal",
    "xxgk.siteimport",
    "xxgk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "xxgk.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xxgk.core.middleware.ChineseUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "xxgk.core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xxgk.core.middleware.PublicPostLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xxgk.urls"
WSGI_APPLICATION = "xxgk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "xxgk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "xxgk.workbench.context.workbench",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'xxgk.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if os.environ.get("TEST_DATABASE_NAME"):
    # `make test` names the test database after the checkout, so that two
    # checkouts testing against one PostgreSQL server do not collide.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once without "database is locked": readers never block the writer
    # (WAL), a transaction takes the write lock when it begins rather than failing half-way
    # when it first writes (IMMEDIATE, which the busy timeout then waits for), and commits
    # are durable at checkpoints (synchronous=NORMAL is safe with WAL). Production still
    # wants PostgreSQL (README): SQLite serialises every write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": envint("SQLITE_BUSY_TIMEOUT", 30),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now, silences the transition warning

# Rate limits and lockouts count in the cache: with several app servers they
# must share one, so production sets REDIS_URL (e.g. redis://127.0.0.1:6379/1).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Abuse limits (xxgk/core/spam.py). The visitor's address is REMOTE_ADDR, or, when REMOTE_ADDR is one of
# these reverse proxies (IPs or CIDRs, comma-separated; "unix" for a proxy on a unix socket), the right-most
# X-Forwarded-For address not in them.
XXGK_TRUSTED_PROXIES = envnetworks("XXGK_TRUSTED_PROXIES")
# "off" only for load tests and benches: no per-visitor limit on the public forms (check --deploy warns)
XXGK_PUBLIC_RATE_LIMITS = envbool("XXGK_PUBLIC_RATE_LIMITS", True)
# every anonymous POST (forms, lookups, ratings) per visitor per hour, whatever the page
XXGK_PUBLIC_POSTS_PER_HOUR = envint("XXGK_PUBLIC_POSTS_PER_HOUR", 120)
# lookups with a password (FOI status, mailbox letter) per visitor per hour, counted before any hashing
XXGK_LOOKUPS_PER_HOUR = envint("XXGK_LOOKUPS_PER_HOUR", 30)
FOI_MIN_FORM_SECONDS = envint("FOI_MIN_FORM_SECONDS", 3)
FOI_SUBMITS_PER_HOUR = envint("FOI_SUBMITS_PER_HOUR", 5)
FOI_LOOKUP_FAILURES_PER_HOUR = envint("FOI_LOOKUP_FAILURES_PER_HOUR", 10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Staff and admin login lockout (django-axes; xxgk/core/lockout.py): failures counted in the database per
# username and visitor address, checked before the password is hashed.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
XXGK_LOGIN_FAILURES = envint("XXGK_LOGIN_FAILURES", 5)
XXGK_LOGIN_LOCKOUT_MINUTES = envint("XXGK_LOGIN_LOCKOUT_MINUTES", 30)
AXES_FAILURE_LIMIT = XXGK_LOGIN_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=XXGK_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "xxgk.core.spam.client_ip"
AXES_LOCKOUT_CALLABLE = "xxgk.core.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:todo"
LOGOUT_REDIRECT_URL = "portal:deployment"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "xxgk" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "xxgk" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# Uploads: the largest attachment a record may carry, in bytes.
XXGK_MAX_ATTACHMENT_BYTES = envint("XXGK_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)
# A request body larger than this is refused (413) from its Content-Length, before anything reads or
# spools it: a letter's three attachments at the limit, plus the form. Keep nginx's client_max_body_size
# at least this large (README).
XXGK_MAX_REQUEST_BYTES = envint("XXGK_MAX_REQUEST_BYTES", 3 * XXGK_MAX_ATTACHMENT_BYTES + 2 * 1024 * 1024)
# Background jobs (xxgk/jobs): queued in the database, run by `xxgk worker` (which also runs the schedule,
# xxgk/jobs/data/schedule.json, or XXGK_SCHEDULE_FILE). XXGK_JOBS_IMMEDIATE runs each job in the process that
# queued it, right after its transaction commits (one-process set-ups without a worker; the tests). The worker
# looks for work every XXGK_JOBS_POLL_SECONDS when idle; finished jobs are kept XXGK_JOBS_KEEP_DAYS days.
XXGK_JOBS_IMMEDIATE = envbool("XXGK_JOBS_IMMEDIATE", False)
XXGK_JOBS_POLL_SECONDS = envint("XXGK_JOBS_POLL_SECONDS", 2)
XXGK_JOBS_KEEP_DAYS = envint("XXGK_JOBS_KEEP_DAYS", 30)
XXGK_SCHEDULE_FILE = os.environ.get("XXGK_SCHEDULE_FILE", "")
# GET /healthz (xxgk/health.py): the queue is unhealthy when a due job has waited longer than this (no worker
# running), the disk when less than this many MB are free under MEDIA_ROOT
XXGK_HEALTH_QUEUE_MAX_AGE_SECONDS = envint("XXGK_HEALTH_QUEUE_MAX_AGE_SECONDS", 900)
XXGK_HEALTH_MIN_FREE_MB = envint("XXGK_HEALTH_MIN_FREE_MB", 500)
# Attachment screening (xxgk/publishing/screening_jobs.py): txt/docx/xlsx/pptx/pdf files up to
# XXGK_SCREENING_INLINE_BYTES that need no OCR are screened in the request right after the upload commits; anything
# else (images and scanned PDFs too) is a background job, screened in a
# child process limited to XXGK_SCREENING_TIMEOUT_SECONDS and XXGK_SCREENING_MEMORY_MB (0: no memory cap), or in
# the request when XXGK_SCREENING_BACKGROUND is off. Work pending longer than XXGK_SCREENING_STALE_SECONDS is queued
# again.
XXGK_SCREENING_BACKGROUND = envbool("XXGK_SCREENING_BACKGROUND", True)
XXGK_SCREENING_INLINE_BYTES = envint("XXGK_SCREENING_INLINE_BYTES", 256 * 1024)
XXGK_SCREENING_TIMEOUT_SECONDS = envint("XXGK_SCREENING_TIMEOUT_SECONDS", 300)
# the cap is on address space, not resident memory: the OCR engine (onnxruntime) reserves about 2.5 GB of it
# while resident far less (VmPeak 2.48 GB measured over three scanned pages), so 2 GB made OCR fail
XXGK_SCREENING_MEMORY_MB = envint("XXGK_SCREENING_MEMORY_MB", 4096)
XXGK_SCREENING_STALE_SECONDS = envint("XXGK_SCREENING_STALE_SECONDS", 600)
# public page cache (xxgk/portal/cache.py): seconds a page may be served (0: off), seconds a process trusts
# the data version it read, pages the per-process cache holds when no shared cache (REDIS_URL) is set
XXGK_PORTAL_CACHE_SECONDS = envint("XXGK_PORTAL_CACHE_SECONDS", 300)
XXGK_PORTAL_VERSION_SECONDS = envint("XXGK_PORTAL_VERSION_SECONDS", 1)
XXGK_PORTAL_CACHE_ENTRIES = envint("XXGK_PORTAL_CACHE_ENTRIES", 10000)
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

# E-mail
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "xxgk@localhost")
if os.environ.get("EMAIL_FILE_PATH"):  # with EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)  # seconds for one SMTP or webhook attempt
# messages (xxgk/notify): sent once the change they report has committed; failures are retried by
# `xxgk send-messages` up to this many attempts, then shown as 发送失败
XXGK_MESSAGES_SEND_AFTER_COMMIT = envbool("XXGK_MESSAGES_SEND_AFTER_COMMIT", True)
XXGK_MESSAGE_ATTEMPTS = envint("XXGK_MESSAGE_ATTEMPTS", 6)

# Security: safe by default, relaxed only when DEBUG is on.
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG and not TESTING)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_HTTPS_PROXY", False) else None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
# scripts and styles from the site's own files only: no 'unsafe-inline' (xxgk/core/csp.py)
XXGK_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # data: for the charts in the annual report
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "django": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    },
}
