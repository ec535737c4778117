"""Staff alerts to a 企业微信/钉钉 group robot: a JSON text message POSTed to the robot's address.

The robot is a real HTTP server on a loopback port that answers as those robots do."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from xxgk.notify import services
from xxgk.notify.models import Channel, State


@pytest.fixture
def robot():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, self.headers["Content-Type"], json.loads(body)))
            answer = (
                {"errcode": 0, "errmsg": "ok"} if "good" in self.path else {"errcode": 93000, "errmsg": "invalid key"}
            )
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def _queue(world, url):
    return services.queue(
        "staff.work_arrived",
        institution=world.institution,
        to=url,
        about=world.institution,
        channel=Channel.WEBHOOK,
        context={"what": "新的依申请公开申请待分办", "due_on": None},
    )


def test_robot_receives_a_text_message(world, robot, settings):
    settings.XXGK_MESSAGES_SEND_AFTER_COMMIT = False
    base, received = robot
    message = services.deliver(_queue(world, base + "/send?key=good").pk)
    assert message.state == State.SENT
    path, content_type, payload = received[0]
    assert path == "/send?key=good" and content_type.startswith("application/json")
    assert payload == {
        "msgtype": "text",
        "text": {"content": "【待办】新的依申请公开申请待分办\n新的依申请公开申请待分办。"},
    }


def test_robot_refusal_is_a_failed_attempt(world, robot, settings):
    settings.XXGK_MESSAGES_SEND_AFTER_COMMIT = False
    base, _received = robot
    message = services.deliver(_queue(world, base + "/send?key=bad").pk)
    assert message.state == State.QUEUED and message.attempts == 1
    assert "93000" in message.last_error


def test_not_a_web_address_is_refused(world, settings):
    settings.XXGK_MESSAGES_SEND_AFTER_COMMIT = False
    message = services.deliver(_queue(world, "file:///etc/passwd").pk)
    assert message.state == State.QUEUED and "https://" in message.last_error
