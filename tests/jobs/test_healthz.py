"""GET /healthz answers 200 with every check ok, 503 when one fails (a database that does not answer,
storage that cannot be written, a disk nearly full, a queue nobody works on, a broker that does not answer), names only the failing
exception's class (never its message, which may hold an address or a user name) and is never cached. It also says
whether the screening modules run compiled or as Python."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from tests.jobs import kinds  # noqa: F401
from xxgk import jobs
from xxgk.screening import compiled_status


@pytest.fixture
def get(client):
    def get(url="/healthz"):
        response = client.get(url)
        return response.status_code, response.json(), response

    return get


def test_all_well_is_200_with_each_check(db, get, queued_jobs):
    status, body, response = get()
    assert status == 200 and body["ok"] is True
    assert set(body["checks"]) == {"database", "cache", "queue", "broker", "storage", "disk", "screening"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["queue"] == {"ok": True, "oldest_queued_seconds": 0, "running": 0, "failed_last_day": 0}
    # whether the screening modules run compiled: one word, nothing about paths or the build
    assert body["checks"]["screening"] == {"ok": True, "modules": compiled_status()}
    assert "no-store" in response["Cache-Control"]


def test_a_queue_nobody_works_on_is_503(db, get, queued_jobs, settings):
    settings.XXGK_HEALTH_QUEUE_MAX_AGE_SECONDS = 900
    jobs.enqueue("tests.jobs.record", "waiting", run_after=timezone.now() - timedelta(minutes=20))
    status, body, _ = get()
    assert status == 503 and body["ok"] is False
    queue = body["checks"]["queue"]
    assert queue["ok"] is False and queue["oldest_queued_seconds"] >= 1200
    assert get("/healthz?only=database,cache")[0] == 200  # what a load balancer may ask instead


def test_a_broker_that_does_not_answer_is_503(db, get, monkeypatch):
    from xxgk.jobs.celery_app import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    status, body, _ = get("/healthz?only=broker")
    assert status == 503 and body["checks"]["broker"]["ok"] is False
    assert get("/healthz?only=database")[0] == 200


def test_a_failing_database_is_503_and_its_message_is_not_shown(db, get, monkeypatch):
    from django.db import connection

    def refuse():
        raise OperationalError('connection to server at "10.0.0.5", user "xxgk" failed: password authentication')

    with monkeypatch.context() as patched:  # undone before the test database is torn down
        patched.setattr(connection, "cursor", refuse)
        status, body, response = get("/healthz?only=database")
    assert status == 503 and body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert b"10.0.0.5" not in response.content and b"password" not in response.content


def test_storage_that_cannot_be_written_and_a_full_disk_are_503(db, get, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    status, body, _ = get("/healthz?only=storage")
    assert status == 503 and body["checks"]["storage"]["ok"] is False
    settings.MEDIA_ROOT = tmp_path
    settings.XXGK_HEALTH_MIN_FREE_MB = 10**12
    status, body, _ = get("/healthz?only=disk")
    assert status == 503 and body["checks"]["disk"]["ok"] is False and body["checks"]["disk"]["free_mb"] > 0


def test_only_get_and_head(db, client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
