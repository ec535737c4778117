"""`GET /healthz`: is this app server fit to serve, for load balancers and monitors.

JSON with one entry per check, each with "ok": the database answers a query; the cache stores and
returns a value; the queue (the oldest due job's age in seconds, jobs running, jobs failed in the last
day; not ok when a due job has waited over XXGK_HEALTH_QUEUE_MAX_AGE_SECONDS: no worker is running); the
broker that carries jobs to the workers answers (Redis, or the filesystem transport's folders);
storage (a file can be written and deleted through the storage API); disk space under MEDIA_ROOT (not
ok below XXGK_HEALTH_MIN_FREE_MB); screening (whether this server runs the screening modules compiled,
"compiled", "python" or "partial": `xxgk.screening.compiled_status()`; always ok, Python is only slower). 200 when every check asked is ok, else 503. `?only=database,cache`
asks only those (a load balancer need not take every server out because the worker stopped). No
secret, address or error message is shown: a failing check names only the exception's class. Never
cached; GET only, so the per-visitor limits (anonymous POSTs) do not apply."""

from __future__ import annotations

import shutil
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def _cache() -> dict:
    key, value = f"xxgk-health-{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    ok = cache.get(key) == value
    cache.delete(key)
    return {"ok": ok, "shared": "LocMemCache" not in settings.CACHES["default"]["BACKEND"]}


def _queue() -> dict:
    from xxgk.jobs.models import Job, State

    now = timezone.now()
    oldest = (
        Job.objects.filter(state=State.QUEUED, run_after__lte=now)
        .order_by("run_after")
        .values_list("run_after", flat=True)[:1]
    )
    age = int((now - oldest[0]).total_seconds()) if oldest else 0
    return {
        "ok": age <= settings.XXGK_HEALTH_QUEUE_MAX_AGE_SECONDS,
        "oldest_queued_seconds": age,
        "running": Job.objects.filter(state=State.RUNNING).count(),
        "failed_last_day": Job.objects.filter(state=State.FAILED, finished_at__gte=now - timedelta(days=1)).count(),
    }


def _broker() -> dict:
    from xxgk.jobs.celery_app import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0, timeout=3)
        return {"ok": True, "transport": conn.transport.driver_type}


def _storage() -> dict:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as handle:
            ok = handle.read() == b"ok"
    finally:
        default_storage.delete(name)
    return {"ok": ok}


def _disk() -> dict:
    usage = shutil.disk_usage(settings.MEDIA_ROOT if settings.MEDIA_ROOT.exists() else settings.BASE_DIR)
    free_mb = usage.free // (1024 * 1024)
    return {
        "ok": free_mb >= settings.XXGK_HEALTH_MIN_FREE_MB,
        "free_mb": free_mb,
        "used_percent": round(100 * usage.used / usage.total, 1),
    }


def _screening() -> dict:
    from xxgk.screening import compiled_status

    return {"ok": True, "modules": compiled_status()}


CHECKS = {
    "database": _database,
    "cache": _cache,
    "queue": _queue,
    "broker": _broker,
    "storage": _storage,
    "disk": _disk,
    "screening": _screening,
}


def run_checks(names=None) -> dict:
    """Each check's answer; a check that raises is not ok and names only the exception's class."""
    out = {}
    for name, check in CHECKS.items():
        if names and name not in names:
            continue
        try:
            out[name] = check()
        except Exception as exc:  # noqa: BLE001 - a failing dependency is the answer, not an error page
            out[name] = {"ok": False, "error": type(exc).__name__}
    return out


@never_cache
@require_safe
def healthz(request):
    asked = {n.strip() for n in request.GET.get("only", "").split(",") if n.strip() in CHECKS}
    checks = run_checks(asked)
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse({"ok": ok, "checks": checks}, status=200 if ok else 503)
