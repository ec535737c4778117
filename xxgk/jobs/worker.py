"""The worker: takes due jobs one at a time and runs them, and runs the scheduler.

`Worker.run_once()` is one step (fire the scheduler's due entries, then take and run one job): tests
drive the worker step by step with an injected clock; `xxgk worker` calls it in a loop, sleeping
XXGK_JOBS_POLL_SECONDS when there was nothing to do, and stops after the job in hand on SIGINT/SIGTERM."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from django.db import close_old_connections, connections
from django.utils import timezone

from xxgk.jobs import queue, schedule
from xxgk.jobs.models import Job

log = logging.getLogger(__name__)


class Worker:
    def __init__(
        self,
        name: str | None = None,
        *,
        clock: Callable[[], datetime] = timezone.now,
        scheduler: bool = True,
        entries: tuple[schedule.Entry, ...] | None = None,
        tick_seconds: float = 30,
    ) -> None:
        self.name = name or queue.worker_name()
        self.clock = clock
        self.scheduler = scheduler
        self.entries = entries
        self.tick_seconds = tick_seconds
        self._last_tick: datetime | None = None
        self.stopping = threading.Event()

    def tick(self, force: bool = False) -> list[str]:
        """Queue the scheduled entries that are due (at most every `tick_seconds` unless forced)."""
        if not self.scheduler:
            return []
        now = self.clock()
        if not force and self._last_tick is not None and (now - self._last_tick).total_seconds() < self.tick_seconds:
            return []
        self._last_tick = now
        return schedule.fire_due(now, self.entries)

    def run_once(self) -> Job | None:
        """One step: the scheduler, then one job taken and run. Returns that job as it ended, or None."""
        self.tick(force=True)
        return self.step()

    def step(self) -> Job | None:
        """Take and run one due job (without the scheduler)."""
        job = queue.claim(self.name, self.clock())
        if job is None:
            return None
        started = time.monotonic()
        done = queue.execute(job, clock=self.clock)
        log.info("job %s %s: %s in %.1f s", done.pk, done.kind, done.state, time.monotonic() - started)
        return done

    def run_until_idle(self, limit: int = 1000) -> list[Job]:
        """Run due jobs until none is left (the scheduler first); the jobs run, in order."""
        self.tick(force=True)
        ran = []
        while len(ran) < limit:
            job = self.step()
            if job is None:
                break
            ran.append(job)
        return ran

    def loop(self, poll_seconds: float, on_job: Callable[[Job], None] | None = None) -> None:
        """Run until `stopping` is set: a job when one is due, else wait `poll_seconds`."""
        while not self.stopping.is_set():
            try:
                self.tick()
                job = self.step()
            except Exception:  # the database went away, say: reconnect next time, wait, never die
                log.exception("worker step failed")
                connections.close_all()
                job = None
            if job is not None:
                close_old_connections()  # as after a request: CONN_MAX_AGE and broken connections
                if on_job:
                    on_job(job)
                continue
            self.stopping.wait(poll_seconds)
