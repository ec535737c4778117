"""Every response names its request (X-Request-ID): nginx's id when it came from a trusted proxy and
looks like one, else a new one; every log line written while the request was handled carries it, and
with XXGK_LOG_FORMAT=json each line is one JSON object."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk.core.logs import JsonFormatter, RequestIdFilter

ROOT = Path(__file__).resolve().parents[2]
NGINX_ID = "3bbb22c81ce579ea1c474e67778dbdde"


@pytest.fixture
def json_lines():
    """What the `xxgk.requests` and `django.request` loggers write, as JSON objects."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger("xxgk.requests"), logging.getLogger("django.request")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    for logger, level in zip(loggers, levels):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_a_request_gets_an_id_that_its_log_lines_carry(client, db, settings, json_lines):
    settings.XXGK_LOG_REQUESTS = True
    response = client.get("/no-such-institution/")
    rid = response["X-Request-ID"]
    assert response.status_code == 404 and re.fullmatch(r"[0-9a-f]{32}", rid)
    lines = json_lines()
    not_found = next(line for line in lines if line["logger"] == "django.request")
    request = next(line for line in lines if line["logger"] == "xxgk.requests")
    assert not_found["request_id"] == rid and not_found["level"] == "WARNING"
    assert request["request_id"] == rid
    assert (request["method"], request["path"], request["status"]) == ("GET", "/no-such-institution/", 404)
    assert client.get("/").headers["X-Request-ID"] != rid


def test_nginx_id_is_kept_only_from_a_trusted_proxy(client, db, settings):
    settings.XXGK_TRUSTED_PROXIES = ["127.0.0.1"]
    through_nginx = client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REQUEST_ID=NGINX_ID)
    assert through_nginx["X-Request-ID"] == NGINX_ID
    visitor = client.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_REQUEST_ID=NGINX_ID)
    assert visitor["X-Request-ID"] != NGINX_ID
    garbage = client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REQUEST_ID="<script>\nx")
    assert re.fullmatch(r"[0-9a-f]{32}", garbage["X-Request-ID"])


def test_the_json_setting_makes_every_log_line_json():
    env = {**os.environ, "XXGK_DEV": "1", "XXGK_LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "xxgk.settings"}
    env.pop("PYTEST_CURRENT_TEST", None)
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('xxgk.check').warning('磁盘剩余 %s%%', 7, extra={'disk': '/srv'})"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["message"] == "磁盘剩余 7%" and line["level"] == "WARNING" and line["logger"] == "xxgk.check"
    assert line["disk"] == "/srv" and line["request_id"] == "" and line["time"].endswith("+00:00")
