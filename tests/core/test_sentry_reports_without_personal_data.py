"""With SENTRY_DSN set, an unhandled error reaches Sentry tagged with the request's id, and nothing
personal goes with it: not the form an applicant posted, not the cookies, not the local variables of
the failing code, not the process's arguments. The DSN points at a collector on loopback; the app runs in its own process with the
environment an operator sets."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

ROOT = Path(__file__).resolve().parents[2]
ID_NUMBER = "110105" + "19491231002X"  # never whole in this source: Sentry sends code context


@csrf_exempt  # this view stands for any view that fails after the form was accepted
def failing_view(request):
    applicant = request.POST.get("id_number")  # a local variable holding personal data
    raise RuntimeError(f"report build failed for record 42 ({len(applicant or '')} characters)")


urlpatterns = [path("boom/", failing_view)]  # ROOT_URLCONF of the process below

APP = f"""
import io, os, sys
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults
os.environ["ALLOWED_HOSTS"] = "testserver"
from django.conf import settings
import django
django.setup()
settings.ROOT_URLCONF = "{__name__}"
# no database in this process: the session cookie is read without one
settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
from xxgk.wsgi import application  # as gunicorn loads it
body = urlencode({{"id_number": sys.argv[1], "name": "王小明"}}).encode()
environ = {{"REQUEST_METHOD": "POST", "PATH_INFO": "/boom/", "HTTP_HOST": "testserver", "wsgi.input": io.BytesIO(body),
           "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
           "HTTP_COOKIE": "sessionid=s3cr3t-session", "REMOTE_ADDR": "198.51.100.7"}}
setup_testing_defaults(environ)
answer = {{}}
b"".join(application(environ, lambda status, headers, exc_info=None: answer.update(status=status, headers=dict(headers))))
print(answer["status"].split()[0], answer["headers"]["X-Request-ID"])
import sentry_sdk
sentry_sdk.flush(10)
"""


@pytest.fixture
def collector():
    """A Sentry endpoint on loopback that keeps every envelope it is sent."""
    received: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            encoding = self.headers.get("Content-Encoding", "")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "deflate":
                body = zlib.decompress(body)
            elif encoding == "br":
                import brotli

                body = brotli.decompress(body)
            received.append(body)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], received
    server.shutdown()


def test_an_error_reaches_sentry_without_personal_data(collector):
    pytest.importorskip("sentry_sdk")
    port, received = collector
    env = {
        **os.environ,
        "XXGK_DEV": "1",
        "DJANGO_SETTINGS_MODULE": "xxgk.settings",
        "SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/1",
        "SENTRY_ENVIRONMENT": "test",
        "SECRET_KEY": "k" * 20 + "-not-a-real-key-but-long-enough-for-the-start-check",
        "XXGK_SITE_URL": "http://testserver",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    done = subprocess.run(
        [sys.executable, "-c", APP, ID_NUMBER], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    status, request_id = done.stdout.split()
    assert status == "500"

    raw = b"\n".join(received)
    events = []
    for line in raw.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and item.get("exception"):
            events.append(item)
    assert len(events) == 1
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["tags"]["request_id"] == request_id and event["environment"] == "test"
    assert event["request"]["url"].endswith("/boom/")
    assert ID_NUMBER.encode() not in raw and "王小明".encode() not in raw
    assert b"s3cr3t-session" not in raw and "user" not in event
    frames = event["exception"]["values"][-1]["stacktrace"]["frames"]
    assert not any(frame.get("vars") for frame in frames)
