"""Logs an operator can search: one JSON object a line (XXGK_LOG_FORMAT=json), each carrying the id of
the request it was written in; optional error reports to Sentry (SENTRY_DSN).

`RequestIdMiddleware` (first in MIDDLEWARE) gives every request an id: the `X-Request-ID` nginx sent
(deploy/nginx/xxgk.conf sets it to its own `$request_id`, so nginx's access log and the app's lines
share it) when the request came from one of XXGK_TRUSTED_PROXIES and the value looks like an id, else a
new one. The id is returned in the response's `X-Request-ID` header, put on every log record written
while the request is handled (`RequestIdFilter`) and on Sentry's events; with XXGK_LOG_REQUESTS (on by
default with JSON logs) each request ends with one line on the `xxgk.requests` logger: method, path,
status, duration, user id.

Sentry gets no personal data: no cookies, no request bodies (FOI applications and letters carry
names, ID numbers, addresses), no local variables of the frames, no user details, no command-line
arguments; the request id is a tag, so an event leads to the log lines of its request.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("xxgk_request_id", default="")

_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
# attributes every LogRecord has; anything else was passed with extra= and goes into the JSON object
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (or "") on every record as `request_id`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id, anything given
    with `extra=`, and the traceback as `exc_info` text."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id_var.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _incoming_id(request) -> str:
    from xxgk.core.spam import from_trusted_proxy

    value = request.META.get("HTTP_X_REQUEST_ID", "")
    if value and _VALID_ID.match(value) and from_trusted_proxy(request):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Names each request (see the module's docstring); outermost, so everything logged inside has the id."""

    def __init__(self, get_response):
        from django.core.signals import request_finished

        self.get_response = get_response
        self.log = logging.getLogger("xxgk.requests")
        request_finished.connect(_forget_request_id, dispatch_uid="xxgk.core.logs.forget_request_id")

    def __call__(self, request):
        from django.conf import settings

        rid = _incoming_id(request)
        # kept after the response too: Django logs "Not Found" and "Internal Server Error" once the middleware
        # has returned; cleared when the request is finished (`_forget_request_id`)
        request_id_var.set(rid)
        request.request_id = rid
        _tag_sentry(rid)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        if getattr(settings, "XXGK_LOG_REQUESTS", False):
            user = getattr(request, "user", None)
            self.log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
        return response


def _forget_request_id(**_kwargs) -> None:
    request_id_var.set("")


def _tag_sentry(rid: str) -> None:
    import sys

    sdk = sys.modules.get("sentry_sdk")
    if sdk is not None and sdk.get_client().is_active():
        sdk.get_isolation_scope().set_tag("request_id", rid)


def _scrub(event, hint):
    """Keep personal data out of error reports: no body, cookies or user, whatever the SDK collected."""
    request = event.get("request") or {}
    for key in ("data", "cookies", "env"):
        request.pop(key, None)
    headers = request.get("headers") or {}
    for key in list(headers):
        if key.lower() in {"cookie", "authorization", "x-csrftoken"}:
            headers.pop(key)
    event.pop("user", None)
    (event.get("extra") or {}).pop("sys.argv", None)  # a command's arguments may name a person
    return event


def init_sentry(dsn: str, *, environment: str, traces_sample_rate: float, release: str) -> None:
    """Report unhandled errors to Sentry (called from settings when SENTRY_DSN is set)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=_scrub,
        integrations=[DjangoIntegration(), LoggingIntegration(event_level=logging.ERROR)],
    )
