"""Kinds of job the queue's tests run: each records its calls, so a test sees how often and in what order
a job ran."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from xxgk.jobs import job
from xxgk.jobs.queue import current

CALLS: list = []
_lock = threading.Lock()

START = datetime(2024, 10, 8, 1, 0, tzinfo=UTC)  # 09:00 in Asia/Shanghai


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> datetime:
        from datetime import timedelta

        self.now += timedelta(**delta)
        return self.now


@job("tests.jobs.record", attempts=3, backoff=(60, 600), lease=300)
def record(value, **extra):
    with _lock:
        CALLS.append(value)
    return {"value": value, **extra}


@job("tests.jobs.flaky", attempts=3, backoff=(60, 600), lease=300, label="测试任务")
def flaky(value, failures: int):
    """Fails its first `failures` attempts."""
    with _lock:
        CALLS.append(value)
    if current().attempts <= failures:
        raise RuntimeError("暂时连不上邮件服务器")
    return value


@job("tests.jobs.tick", attempts=1, lease=60)
def tick():
    with _lock:
        CALLS.append("tick")


@job("tests.jobs.flaky_soon", attempts=3, backoff=(2,), lease=60, label="测试任务")
def flaky_soon(value, failures: int):
    """Fails its first `failures` attempts and is tried again two seconds later (the real broker's tests)."""
    if current().attempts <= failures:
        raise RuntimeError("暂时连不上邮件服务器")
    return value
