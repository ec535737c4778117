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


def envmap(name: str, default: dict[str, str]) -> dict[str, str]:
    """`key=value,key=value` (e.g. CAS_ATTRIBUTES=employee_id=employeeNumber,groups=memberOf), over `default`."""
    result = dict(default)
    for item in envlist(name, []):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImproperlyConfigured(f"{name}: {item!r} is not key=value")
        result[key.strip()] = value.strip()
    return result


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
# origins whose POSTs pass the CSRF check besides the request's own host: the site's address by default (behind a
# proxy on a port other than 443 the Host nginx passes on has no port)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [XXGK_SITE_URL] if XXGK_SITE_URL else [])

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
    "xxgk.api",
    "ninja",
    "xxgk.transfer",
    "xxgk.accounts",
    "django_cas_ng",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "xxgk.demo",
    "xxgk.ops",
]

MIDDLEWARE = [
    "xxgk.core.logs.RequestIdMiddleware",
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
    "django_otp.middleware.OTPMiddleware",
    "xxgk.core.middleware.PublicPostLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "xxgk.api.middleware.TokenUseMiddleware",
    "xxgk.accounts.middleware.IdleSessionMiddleware",
    "xxgk.accounts.two_factor.TwoFactorMiddleware",
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
            # {% url %} remembering what it reversed (same syntax, same result): xxgk/core/templatetags/remembered_urls.py
            "builtins": ["xxgk.core.templatetags.remembered_urls"],
        },
    },
    {
        # the public pages read most (home, catalog item, record) in Jinja2, rendered in about half the time of
        # Django's engine when the page cache misses, with the same HTML: xxgk/portal/jinja.py, xxgk/portal/jinja2/
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "xxgk.portal.jinja.environment"},
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
    # are durable at checkpoints (synchronous=NORMAL is safe with WAL). Reads go through a
    # memory map of the first 256 MB of the file (pages shared by every connection through the
    # operating system's cache, not copied into each) and a 16 MB page cache per connection:
    # with SQLite's default 2 MB a page of 20 records of a catalog item re-read a thousand rows
    # from the file system. Production still wants PostgreSQL (README): SQLite serialises every write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": envint("SQLITE_BUSY_TIMEOUT", 30),
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                " PRAGMA mmap_size=268435456; PRAGMA cache_size=-16384;"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A covering index (INCLUDE) is made on PostgreSQL, the production database; SQLite builds it from its key
# columns only, which is all it needs (publishing's `record_published_period`).
SILENCED_SYSTEM_CHECKS = ["models.W040"]
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now, silences the transition warning

# Rate limits and lockouts count in the cache: with several app servers they must share one, so production
# sets REDIS_URL (e.g. redis://127.0.0.1:6379/1). With Redis: the limits, the public page cache, the calendar's cached years and sessions (read from the
# cache, written through to the database) are shared by every app server. XXGK_CACHE_PREFIX keeps two
# deployments on one Redis apart.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("XXGK_CACHE_PREFIX", "xxgk"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

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
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "xxgk.accounts.backends.LocalBackend",  # honours XXGK_LOCAL_LOGIN
    "xxgk.accounts.backends.CASBackend",  # inert without CAS_SERVER_URL
    "xxgk.accounts.backends.OIDCBackend",  # inert without OIDC_RP_CLIENT_ID
]
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

# Signing in (xxgk/accounts). Local accounts (username and password) stay for small deployments and
# break-glass access; XXGK_LOCAL_LOGIN=off keeps them for the platform administrator (superusers) only.
XXGK_LOCAL_LOGIN = envbool("XXGK_LOCAL_LOGIN", True)
# the login page sends staff straight to the campus identity (the local form stays at ?local=1)
XXGK_SSO_DIRECT = envbool("XXGK_SSO_DIRECT", False)
# a signed-in session ends after this many minutes without a request (0: only when the browser closes
# or SESSION_COOKIE_AGE passes)
XXGK_SESSION_IDLE_MINUTES = envint("XXGK_SESSION_IDLE_MINUTES", 120)
# A second factor (TOTP, with recovery codes; django-otp) for local sign-ins of the platform administrator,
# 督查 and 办公室管理员 (xxgk/accounts/two_factor.py). On by default; off on a development machine unless set (the
# test suite turns it off but for its own tests; check --deploy warns when it is off: xxgk.W019).
XXGK_TWO_FACTOR = envbool("XXGK_TWO_FACTOR", not (DEBUG or XXGK_DEV))
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "信息公开工作台")
# Which attribute (claim) of the provider carries what a mapping rule reads, and the person's name, e-mail
# and institution (matched to an institution's code or 网址标识). Without an institution attribute, the
# provider's institution (CAS_INSTITUTION / OIDC_INSTITUTION, a 网址标识), else the deployment's only one.
SSO_FIELDS = ("employee_id", "department_code", "category", "groups", "name", "email", "institution")

# CAS (统一身份认证, protocol 2.0/3.0 with attributes) through django-cas-ng: on when CAS_SERVER_URL is set.
CAS_SERVER_URL = os.environ.get("CAS_SERVER_URL", "").strip() or None
CAS_VERSION = os.environ.get("CAS_VERSION", "3")
if CAS_VERSION not in {"1", "2", "3", "CAS_2_SAML_1_0"}:
    raise ImproperlyConfigured(f"CAS_VERSION must be 2 or 3, got {CAS_VERSION!r}")
CAS_ATTRIBUTES = envmap(
    "CAS_ATTRIBUTES",
    {
        "employee_id": "employeeNumber",
        "department_code": "departmentNumber",
        "category": "employeeType",
        "groups": "memberOf",
        "name": "cn",
        "email": "mail",
    },
)
CAS_INSTITUTION = os.environ.get("CAS_INSTITUTION", "")
CAS_LABEL = os.environ.get("CAS_LABEL", "")  # the button's text; default 统一身份认证登录
CAS_CREATE_USER = False  # xxgk.accounts.backends.CASBackend makes the account
CAS_IGNORE_REFERER = True
CAS_LOGOUT_COMPLETELY = True  # logging out of xxgk logs out of CAS too
CAS_REDIRECT_URL = "/accounts/welcome/"
CAS_LOGIN_MSG = None
CAS_LOGGED_MSG = None
CAS_VERIFY_SSL_CERTIFICATE = envbool("CAS_VERIFY_SSL_CERTIFICATE", True)
CAS_ROOT_PROXIED_AS = os.environ.get("XXGK_SITE_URL", "").strip().rstrip("/") or None

# OpenID Connect through mozilla-django-oidc (authorization code flow with PKCE): on when OIDC_RP_CLIENT_ID
# is set, with the provider's endpoints.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
# the provider's discovery document (…/.well-known/openid-configuration): its endpoints, unless named below
OIDC_OP_DISCOVERY_URL = os.environ.get("OIDC_OP_DISCOVERY_URL", "").strip()
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "") or None
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile email")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the provider's logout
OIDC_TIMEOUT = envint("OIDC_TIMEOUT", 10)
OIDC_VERIFY_SSL = envbool("OIDC_VERIFY_SSL", True)
OIDC_CLAIMS = envmap(
    "OIDC_CLAIMS",
    {
        "employee_id": "employee_number",
        "department_code": "department_code",
        "category": "employee_type",
        "groups": "groups",
        "name": "name",
        "email": "email",
    },
)
OIDC_INSTITUTION = os.environ.get("OIDC_INSTITUTION", "")
OIDC_LABEL = os.environ.get("OIDC_LABEL", "")
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/sso-failed/"

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
# Uploaded files (attachments, letters, notices) are read and written through Django's storage API only
# (xxgk/core/serving.py sends them). XXGK_STORAGE=local keeps them under MEDIA_ROOT (share the folder
# between app servers, e.g. over NFS); XXGK_STORAGE=s3 keeps them in an S3-compatible object store
# (django-storages), so any number of app servers see the same files. The bucket stays private: files
# go out only through the views that check the policy.
XXGK_STORAGE = os.environ.get("XXGK_STORAGE", "local").strip().lower() or "local"
if XXGK_STORAGE == "local":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif XXGK_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("XXGK_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (and usually AWS_S3_ENDPOINT_URL)")
    s3_options = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "location": os.environ.get("AWS_LOCATION", ""),  # a folder inside the bucket
        "default_acl": None,  # the bucket's own (private) policy
        "querystring_auth": True,
        "file_overwrite": False,  # a new upload never replaces a stored file of the same name
    }
    optional = {
        # the store's address: https://oss-cn-hangzhou.aliyuncs.com, http://minio.internal:9000 …
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
        "region_name": os.environ.get("AWS_S3_REGION_NAME"),
        "access_key": os.environ.get("AWS_ACCESS_KEY_ID"),  # without a key: boto3's own chain (instance role, ~/.aws)
        "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY"),
        "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE"),  # "path" for most self-hosted stores
    }
    s3_options.update({option: value for option, value in optional.items() if value})
    DEFAULT_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_options}
else:
    raise ImproperlyConfigured(f"XXGK_STORAGE must be local or s3, got {XXGK_STORAGE!r}")
# With local storage behind nginx: downloads are handed to nginx's internal location at this prefix
# (X-Accel-Redirect, deploy/nginx/xxgk.conf) after the view checked who may have the file. Empty: the app
# sends the file itself.
XXGK_MEDIA_ACCEL_REDIRECT = os.environ.get("XXGK_MEDIA_ACCEL_REDIRECT", "")
# `xxgk backup`/`xxgk restore` on PostgreSQL (xxgk/ops/backup.py): the folder holding pg_dump and pg_restore
# of the server's major version or newer, when those on PATH are older (e.g. /usr/lib/postgresql/16/bin)
XXGK_PG_BIN = os.environ.get("XXGK_PG_BIN", "")
STORAGES = {
    "default": DEFAULT_STORAGE,
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
# Background jobs (xxgk/jobs): a Job row in the database for each piece of work, delivered to `xxgk worker` (Celery)
# through the broker XXGK_BROKER_URL (Redis in production, e.g. redis://127.0.0.1:6379/2: not the cache's
# database, which clearing the cache empties); without it, kombu's filesystem transport under VAR_DIR/broker (no
# service; the workers of one machine). The schedule (xxgk/jobs/data/schedule.json, or XXGK_SCHEDULE_FILE) is run by
# Celery beat: `xxgk scheduler`, or `xxgk worker --beat` (make run); beat keeps its state in XXGK_BEAT_SCHEDULE_FILE.
# XXGK_JOBS_IMMEDIATE runs each job in the process that queued it, right after its transaction commits (the tests).
# A worker runs XXGK_JOBS_CONCURRENCY jobs at a time; a job due longer than XXGK_JOBS_REDELIVER_SECONDS is sent again
# (its message was lost); Redis hands an unacknowledged message to another worker after XXGK_JOBS_VISIBILITY_SECONDS
# (longer than any job's lease and back-off); finished jobs are kept XXGK_JOBS_KEEP_DAYS days.
XXGK_JOBS_IMMEDIATE = envbool("XXGK_JOBS_IMMEDIATE", False)
XXGK_BROKER_URL = os.environ.get("XXGK_BROKER_URL", "")
XXGK_BROKER_DIR = VAR_DIR / "broker"
# the broker's queue name: sites sharing one Redis database need one each
XXGK_JOBS_QUEUE = os.environ.get("XXGK_JOBS_QUEUE", "") or "xxgk"
XXGK_BEAT_SCHEDULE_FILE = os.environ.get("XXGK_BEAT_SCHEDULE_FILE", "") or str(VAR_DIR / "beat-schedule")
XXGK_JOBS_CONCURRENCY = envint("XXGK_JOBS_CONCURRENCY", 2)
XXGK_JOBS_REDELIVER_SECONDS = envint("XXGK_JOBS_REDELIVER_SECONDS", 600)
XXGK_JOBS_VISIBILITY_SECONDS = envint("XXGK_JOBS_VISIBILITY_SECONDS", 4 * 3600)
XXGK_JOBS_KEEP_DAYS = envint("XXGK_JOBS_KEEP_DAYS", 30)
# the nightly clean-up deletes a stored file no row names once it is this many hours old (xxgk/core/orphans.py)
XXGK_ORPHAN_MIN_AGE_HOURS = envint("XXGK_ORPHAN_MIN_AGE_HOURS", 24)
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
# A saved old site uploaded as a .zip on the 旧网站体检 page (xxgk/siteimport/uploads.py) is kept and unpacked in a
# private folder (never under MEDIA_ROOT) that the worker reads too; the upload may be XXGK_SITE_IMPORT_MAX_BYTES (and
# within XXGK_MAX_REQUEST_BYTES), unpacked at most XXGK_SITE_IMPORT_MAX_FILES files and XXGK_SITE_IMPORT_MAX_UNPACKED_MB.
XXGK_SITE_IMPORT_DIR = Path(os.environ.get("XXGK_SITE_IMPORT_DIR", "") or VAR_DIR / "site-imports")
XXGK_SITE_IMPORT_MAX_BYTES = envint("XXGK_SITE_IMPORT_MAX_BYTES", 60 * 1024 * 1024)
XXGK_SITE_IMPORT_MAX_FILES = envint("XXGK_SITE_IMPORT_MAX_FILES", 20000)
XXGK_SITE_IMPORT_MAX_UNPACKED_MB = envint("XXGK_SITE_IMPORT_MAX_UNPACKED_MB", 2048)
# public page cache (xxgk/portal/cache.py): seconds a page may be served (0: off), seconds a process trusts
# the data version it read, pages the per-process cache holds when no shared cache (REDIS_URL) is set
XXGK_PORTAL_CACHE_SECONDS = envint("XXGK_PORTAL_CACHE_SECONDS", 300)
XXGK_PORTAL_VERSION_SECONDS = envint("XXGK_PORTAL_VERSION_SECONDS", 1)
XXGK_PORTAL_MEMO_SECONDS = envint("XXGK_PORTAL_MEMO_SECONDS", 300)  # xxgk/portal/memo.py
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

# Logs (xxgk/core/logs.py): to standard error, as text or one JSON object a line (XXGK_LOG_FORMAT=json), each
# with the id of its request (X-Request-ID). XXGK_LOG_REQUESTS adds one line per request (on with JSON).
XXGK_LOG_FORMAT = os.environ.get("XXGK_LOG_FORMAT", "text").strip().lower() or "text"
if XXGK_LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"XXGK_LOG_FORMAT must be text or json, got {XXGK_LOG_FORMAT!r}")
XXGK_LOG_REQUESTS = envbool("XXGK_LOG_REQUESTS", XXGK_LOG_FORMAT == "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "xxgk.core.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "xxgk.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": XXGK_LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "django": {"level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
        "xxgk": {"level": os.environ.get("XXGK_LOG_LEVEL", "WARNING")},
        "xxgk.requests": {"level": "INFO" if XXGK_LOG_REQUESTS else "WARNING"},
    },
}

# Error reports to Sentry (or a compatible service such as GlitchTip) only when SENTRY_DSN is set; no
# personal data is sent (xxgk/core/logs.py).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from xxgk import __version__
    from xxgk.core.logs import init_sentry

    try:
        _traces = float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "") or 0)
    except ValueError:
        raise ImproperlyConfigured("SENTRY_TRACES_SAMPLE_RATE must be a number between 0 and 1") from None
    init_sentry(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=_traces,
        release=f"xxgk@{__version__}",
    )
