"""文号 drawn by concurrent requests: threads on their own database connections, released together just
before they draw, each get a different number and together they leave no gap."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from tests.foi.conftest import applicant
from xxgk.foi import notices, services
from xxgk.foi.models import DocumentSequence, Notice

THREADS = 6

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the test database on SQLite is in memory and shared-cache; writers are serialised there anyway",
)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_extensions_get_distinct_sequential_numbers(world, monkeypatch):
    apps = [
        services.submit_online(world.institution, applicant(title=f"申请{i}"), today=date(2024, 3, 1)).application
        for i in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS, timeout=20)
    real_draw = notices.draw

    def draw_together(*args, **kwargs):
        barrier.wait()
        return real_draw(*args, **kwargs)

    monkeypatch.setattr(notices, "draw", draw_together)
    results: list = [None] * THREADS

    def run(i):
        try:
            results[i] = services.extend(
                world.office, apps[i], reason="档案", approver="主任", today=date(2024, 3, 20), delivery="post"
            )
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    assert not [r for r in results if isinstance(r, Exception)], results
    seqs = sorted(Notice.objects.filter(kind="extension").values_list("seq", flat=True))
    assert seqs == list(range(1, THREADS + 1))
    assert Notice.objects.values("number").distinct().count() == THREADS
    assert list(DocumentSequence.objects.values_list("last", flat=True)) == [THREADS]
