"""Jobs through the real broker: a Celery worker process (`xxgk worker`) on Redis (127.0.0.1:6379) runs what
another process queued, on one SQLite database file. Skipped when Redis does not answer.

A job committed with its change is run once, by the worker; a job rolled back with its change never
runs; a message delivered twice runs its job once; a failed attempt is retried by Celery after the kind's
back-off; a job whose message was lost is sent again by the redelivery sweep."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.services import REDIS, redis_answers

ROOT = Path(__file__).resolve().parents[2]
BROKER_DB = 12


pytestmark = pytest.mark.skipif(not redis_answers(), reason="no Redis answering at 127.0.0.1:6379: the broker")

WORKER = """
import django
django.setup()
import tests.jobs.kinds  # the tests' kinds, as an app's tasks.py registers its own
from xxgk.jobs.celery_app import app
from xxgk.jobs.management.commands.worker import celery_argv
app.worker_main(celery_argv(beat=False, concurrency=2))
"""


@pytest.fixture(scope="module")
def broker_env(tmp_path_factory):
    import redis

    tmp = tmp_path_factory.mktemp("broker")
    queue = f"redis://{REDIS[0]}:{REDIS[1]}/{BROKER_DB}"
    name = f"xxgk-test-{secrets.token_hex(4)}"  # a queue of this test's own: other runs share the database
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "xxgk.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "XXGK_VAR_DIR": str(tmp),
        "XXGK_BROKER_URL": queue,
        "XXGK_JOBS_QUEUE": name,
        "XXGK_JOBS_REDELIVER_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("DATABASE_URL", None)
    migrate = subprocess.run(
        [sys.executable, "-m", "xxgk", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert migrate.returncode == 0, migrate.stderr
    log = open(tmp / "worker.log", "wb")
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while b"ready." not in (tmp / "worker.log").read_bytes():
            assert worker.poll() is None and time.monotonic() < deadline, (tmp / "worker.log").read_text()
            time.sleep(0.3)
        yield env, worker, tmp / "worker.log"
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        client = redis.Redis(host=REDIS[0], port=REDIS[1], db=BROKER_DB)
        keys = [key for key in client.scan_iter() if name.encode() in key]
        if keys:
            client.delete(*keys)


def _producer(env, code: str) -> dict:
    """Run `code` in another process (an app server, as it were); it sets `out`, printed as JSON."""
    script = "import django, json\ndjango.setup()\nimport tests.jobs.kinds\nout = {}\n"
    script += textwrap.dedent(code) + "\nprint(json.dumps(out))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _wait_for(env, pks, seconds=40) -> list[dict]:
    deadline = time.monotonic() + seconds
    while True:
        rows = _producer(
            env,
            f"""
            from xxgk.jobs.models import Job
            out['rows'] = list(Job.objects.filter(pk__in={list(pks)!r}).order_by('pk').values(
                'pk', 'state', 'attempts', 'worker', 'result', 'last_error'))
            """,
        )["rows"]
        if all(r["state"] in ("done", "failed") for r in rows) or time.monotonic() > deadline:
            return rows
        time.sleep(1)


def test_a_committed_job_runs_once_in_the_worker_and_a_rolled_back_one_never(broker_env):
    env, worker, _log = broker_env
    out = _producer(
        env,
        """
        from django.db import transaction
        from xxgk import jobs
        from xxgk.jobs.celery_app import publish
        with transaction.atomic():
            kept = jobs.enqueue("tests.jobs.record", "kept")
        try:
            with transaction.atomic():
                jobs.enqueue("tests.jobs.record", "rolled back")
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
        with transaction.atomic():
            twice = jobs.enqueue("tests.jobs.record", "twice")
        publish(twice.pk)  # a second message for the same job, as a redelivery would send
        out['pks'] = [kept.pk, twice.pk]
        """,
    )
    rows = _wait_for(env, out["pks"])
    assert [r["state"] for r in rows] == ["done", "done"], rows
    assert [r["attempts"] for r in rows] == [1, 1]  # the second message found the job taken
    assert [r["result"]["value"] for r in rows] == ["kept", "twice"]
    assert all(r["worker"].endswith(tuple(f":{pid}" for pid in _pool_pids(worker.pid))) for r in rows), rows
    left = _producer(
        env, "from xxgk.jobs.models import Job\nout['n'] = Job.objects.filter(args=['rolled back']).count()"
    )
    assert left["n"] == 0


def _pool_pids(pid: int) -> list[int]:
    """The worker's pool processes (its children)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def test_a_failed_attempt_is_retried_by_celery_after_the_back_off(broker_env):
    env, _worker, log = broker_env
    out = _producer(
        env,
        """
        from django.db import transaction
        from xxgk import jobs
        with transaction.atomic():
            out['pk'] = jobs.enqueue("tests.jobs.flaky_soon", "retried", failures=1).pk
        """,
    )
    (row,) = _wait_for(env, [out["pk"]])
    assert row["state"] == "done" and row["attempts"] == 2 and row["result"] == "retried", row
    assert "] retry: Retry at" in log.read_text()  # Celery's retry, at the kind's back-off


def test_a_job_whose_message_was_lost_is_sent_again_by_the_sweep(broker_env):
    env, _worker, _log = broker_env
    out = _producer(
        env,
        """
        from django.utils import timezone
        from xxgk.jobs.models import Job
        from xxgk.jobs.delivery import redeliver
        lost = Job.objects.create(kind="tests.jobs.record", args=["lost"], run_after=timezone.now())  # never published
        redeliver.delay()  # what beat sends every five minutes
        out['pk'] = lost.pk
        """,
    )
    (row,) = _wait_for(env, [out["pk"]])
    assert row["state"] == "done" and row["result"]["value"] == "lost", row
