"""gunicorn's settings for xxgk (`gunicorn -c deploy/gunicorn.conf.py xxgk.wsgi`, deploy/systemd/xxgk.service).

Read from the same environment file as the app (/etc/xxgk/xxgk.env): XXGK_BIND, WEB_CONCURRENCY,
GUNICORN_THREADS, GUNICORN_TIMEOUT, XXGK_TRUSTED_PROXIES and XXGK_LOG_FORMAT (deploy/xxgk.env.example).
"""

import os

bind = os.environ.get("XXGK_BIND", "127.0.0.1:8000")
# processes: about two per core; each holds the OCR engine only while screening a file in a child process
workers = int(os.environ.get("WEB_CONCURRENCY", "") or 2 * (os.cpu_count() or 1) + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "") or 1)
# a report PDF takes a few seconds; nginx waits 120 s (proxy_read_timeout)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "") or 120)
graceful_timeout = 30
keepalive = 5
# a worker is replaced after this many requests (bounds slow growth of memory)
max_requests = 2000
max_requests_jitter = 200
# X-Forwarded-Proto is believed from the same proxies the app trusts
forwarded_allow_ips = (
    ",".join(
        p for p in os.environ.get("XXGK_TRUSTED_PROXIES", "127.0.0.1").split(",") if p.strip() and p.strip() != "unix"
    )
    or "127.0.0.1"
)
# request bodies and headers: nginx limits bodies (client_max_body_size); these bound the request line
limit_request_line = 8190

# logs to standard error (journald). With XXGK_LOG_FORMAT=json the app writes one JSON line per request
# itself (xxgk.requests, with the request id), so gunicorn's access log stays off; otherwise it names the
# request id nginx sent.
errorlog = "-"
if os.environ.get("XXGK_LOG_FORMAT", "text").lower() == "json":
    accesslog = None
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "xxgk.core.logs.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
    }
else:
    accesslog = "-"
    access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(L)ss rid=%({x-request-id}o)s'
