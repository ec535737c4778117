"""A CAS server (django-cas-server) for the tests: its own process, its own SQLite database in TEST_IDP_DIR."""

import os
from pathlib import Path

DIR = Path(os.environ["TEST_IDP_DIR"])
SECRET_KEY = "test-cas-server-not-secret"
DEBUG = True  # runserver serves the CAS pages' static files
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "cas_server",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.accounts.servers.cas_urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DIR / "cas.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
# its own cookies: the browser keeps cookies per host, not per port, and xxgk runs on 127.0.0.1 too
SESSION_COOKIE_NAME = os.environ.get("TEST_COOKIE_PREFIX", "cas") + "_session"
CSRF_COOKIE_NAME = os.environ.get("TEST_COOKIE_PREFIX", "cas") + "_csrf"
STATIC_URL = "/static/"
CAS_AUTH_CLASS = "tests.accounts.servers.cas_auth.DirectoryUser"
# nothing from the network: no version check, no CDN
CAS_NEW_VERSION_HTML_WARNING = False
CAS_NEW_VERSION_EMAIL_WARNING = False
CAS_COMPONENT_URLS = {
    key: "/static/none"
    for key in ("bootstrap3_css", "bootstrap3_js", "html5shiv", "respond", "bootstrap4_css", "bootstrap4_js", "jquery")
}
CAS_SHOW_POWERED = False
CAS_SLO_TIMEOUT = 5
