"""Two app servers share everything: two gunicorn servers, each with its own local media folder, on one
PostgreSQL database, one Redis and one S3-compatible object store (moto's server on loopback).

A record published through one server shows on the other's cached home page within the configured
second (XXGK_PORTAL_VERSION_SECONDS); a staff session opened on one is valid on the other; the
per-visitor limit on anonymous POSTs counts across both; a file uploaded through one is served by the
other, and neither keeps it on its own disk. A job queued through one server (the annual report's build)
is run by a worker process (`xxgk worker`, Celery with Redis as broker) and its state and files are seen
through the other.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.deploy.shipped import DEPLOY, ROOT, check_module
from tests.services import REDIS, redis_answers

PG_ADMIN = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
POSTS_PER_HOUR = 6
TITLE = "两台服务器共享测试：关于2024年校园开放日的通知"


def _postgres_answers() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
        return True
    except Exception:
        return False


pytestmark = [
    pytest.mark.skipif(not _postgres_answers(), reason=f"no PostgreSQL answering at {PG_ADMIN}: one shared database"),
    pytest.mark.skipif(not redis_answers(), reason="no Redis answering at 127.0.0.1:6379: one shared cache"),
]

SEED = f"""
import json, django
django.setup()
from tests.personas import build_world
from xxgk.publishing import services
world = build_world()
ready = world.draft(title="{TITLE}")
services.submit(world.drafter_a, ready)
for reviewer in (world.checker_a, world.secrecy, world.signer):
    services.approve(reviewer, ready)
draft = world.draft(title="附件上传测试")
print(json.dumps({{"ready": ready.pk, "draft": draft.pk}}))
"""


@pytest.fixture
def object_store():
    """An S3 server on loopback with an empty bucket; the environment that points xxgk at it."""
    pytest.importorskip("storages")
    server_module = pytest.importorskip("moto.server")
    import boto3

    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {
        "XXGK_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "xxgk-shared",
        "AWS_S3_ENDPOINT_URL": f"http://{host}:{port}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    s3 = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    s3.create_bucket(Bucket="xxgk-shared")
    yield env, s3
    server.stop()


@pytest.fixture
def shared_database():
    import psycopg

    name = f"xxgk_two_servers_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def two_servers(tmp_path, object_store, shared_database):
    storage_env, s3 = object_store
    prefix = f"xxgk-two-{secrets.token_hex(4)}"
    common = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "xxgk.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": shared_database,
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "XXGK_CACHE_PREFIX": prefix,
        "XXGK_BROKER_URL": "redis://127.0.0.1:6379/12",
        "XXGK_JOBS_QUEUE": prefix,  # a queue of this test's own in a Redis database others may use
        "SESSION_COOKIE_SECURE": "0",  # plain http on loopback
        "CSRF_COOKIE_SECURE": "0",
        "XXGK_PUBLIC_POSTS_PER_HOUR": str(POSTS_PER_HOUR),
        "XXGK_PORTAL_VERSION_SECONDS": "1",
        "XXGK_SCREENING_BACKGROUND": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **storage_env,
    }
    migrate = subprocess.run(
        [sys.executable, "-m", "xxgk", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={**common, "XXGK_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert migrate.returncode == 0, migrate.stderr
    seed = subprocess.run(
        [sys.executable, "-c", SEED], cwd=ROOT, env=common, capture_output=True, text=True, timeout=300
    )
    assert seed.returncode == 0, seed.stderr
    ids = json.loads(seed.stdout.strip().splitlines()[-1])

    servers, processes = {}, []
    for name in ("a", "b"):
        port = _free_port()
        media = tmp_path / f"media-{name}"  # each server's own disk: nothing may land here
        env = {**common, "MEDIA_ROOT": str(media), "XXGK_VAR_DIR": str(tmp_path / f"var-{name}")}
        log = open(tmp_path / f"gunicorn-{name}.log", "wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(DEPLOY / "gunicorn.conf.py")]
            + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "xxgk.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        processes.append(process)
        servers[name] = (f"http://127.0.0.1:{port}", media)
    worker_log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "-m", "xxgk", "worker"],
        cwd=ROOT,
        env={**common, "MEDIA_ROOT": str(tmp_path / "media-worker"), "XXGK_VAR_DIR": str(tmp_path / "var-worker")},
        stdout=open(worker_log, "wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    processes.append(worker)
    check = check_module()
    try:
        for process, (base, _media) in zip(processes, servers.values()):
            check.wait_for_port(int(base.rsplit(":", 1)[1]), 90, process)
        deadline = time.monotonic() + 90
        while b"ready." not in worker_log.read_bytes():
            assert worker.poll() is None and time.monotonic() < deadline, worker_log.read_text()
            time.sleep(0.3)
        yield servers, ids, s3
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        import redis

        client = redis.Redis(host=REDIS[0], port=REDIS[1], db=13)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        broker = redis.Redis(host=REDIS[0], port=REDIS[1], db=12)
        keys = [key for key in broker.scan_iter() if prefix.encode() in key]
        if keys:
            broker.delete(*keys)


def test_two_servers_share_publications_sessions_limits_and_files(two_servers):
    servers, ids, s3 = two_servers
    check = check_module()
    (a, media_a), (b, media_b) = servers["a"], servers["b"]

    visitor_b = check.Browser(b)
    status, _h, body = visitor_b.get("/hblg/")
    assert status == 200 and TITLE not in body.decode()  # B has cached the home page without it

    signer = check.Browser(a)
    signer.login("signer", "pw-signer")
    record = ids["ready"]
    status, _h, page = signer.get(f"/staff/records/{record}/")
    fields = check.form_fields(page.decode(), action=f"/staff/records/{record}/act/publish/")
    status, _h, _b = signer.post(f"/staff/records/{record}/act/publish/", fields, referer=f"/staff/records/{record}/")
    assert status == 302
    shown, deadline = False, time.monotonic() + 20
    while not shown and time.monotonic() < deadline:
        time.sleep(0.5)
        shown = TITLE in visitor_b.get("/hblg/")[2].decode()
    assert shown, "published on A, never shown by B"

    signer.base = b  # the session cookie opened on A, presented to B
    status, _h, page = signer.get(f"/staff/records/{record}/")
    assert status == 200 and TITLE in page.decode()

    visitor = check.Browser(a)
    answers = []
    for i in range(POSTS_PER_HOUR + 1):
        visitor.base = a if i % 2 == 0 else b
        answers.append(visitor.post("/hblg/apply/status/", {"code": "2024-XXXXXX", "secret": "x"})[0])
    assert 429 not in answers[:POSTS_PER_HOUR] and answers[POSTS_PER_HOUR] == 429  # 3 on A, 3 on B, the 7th refused

    drafter = check.Browser(a)
    drafter.login("drafter_a", "pw-drafter_a")
    draft = ids["draft"]
    status, _h, page = drafter.get(f"/staff/records/{draft}/")
    fields = check.form_fields(page.decode(), action=f"/staff/records/{draft}/attachments/")
    content = f"开放日安排 {uuid.uuid4().hex}".encode()
    status, _h, _b = drafter.post(
        f"/staff/records/{draft}/attachments/",
        fields,
        files={"file": ("开放日安排.txt", content, "text/plain")},
        referer=f"/staff/records/{draft}/",
    )
    assert status == 302
    page = drafter.get(f"/staff/records/{draft}/")[2].decode()
    attachment = max(int(pk) for pk in re.findall(r'href="/staff/attachments/(\d+)/"', page))
    drafter.base = b
    status, _h, body = drafter.get(f"/staff/attachments/{attachment}/")
    assert status == 200 and body == content
    stored = [o["Key"] for o in s3.list_objects_v2(Bucket="xxgk-shared").get("Contents", [])]
    assert any(key.endswith("开放日安排.txt") for key in stored)
    on_disk = [p for media in (media_a, media_b) if Path(media).exists() for p in Path(media).rglob("*") if p.is_file()]
    assert on_disk == []


def test_a_job_queued_through_one_server_is_run_by_the_worker(two_servers):
    servers, _ids, _s3 = two_servers
    check = check_module()
    (a, _media_a), (b, _media_b) = servers["a"], servers["b"]
    office = check.Browser(a)
    office.login("office", "pw-office")
    status, _h, body = office.get("/staff/reporting/report/?i=hblg")
    page = body.decode()
    found = re.search(r'action="(/staff/reporting/report/build/\?[^"]+)"', page)
    assert status == 200 and found, page[:2000]
    action = html.unescape(found.group(1))
    status, _h, _b = office.post(
        action, check.form_fields(page, action=action), referer="/staff/reporting/report/?i=hblg"
    )
    assert status == 302
    office.base = b  # the same office, asking the other server how the build goes
    files, deadline = [], time.monotonic() + 120
    while not files and time.monotonic() < deadline:
        time.sleep(0.5)
        fragment = office.get(action)[2].decode()
        assert "生成失败" not in fragment, fragment
        files = re.findall(r'href="(/staff/reporting/report/build/files/\d+/)"', fragment)
    assert len(files) == 2, "queued through A, never built"
    status, _h, body = office.get(files[1])
    assert status == 200 and body.startswith(b"%PDF")  # made by the worker, stored in the shared object store
