"""Running the queue in this process, without the broker: `xxgk worker --once` (ops: run what is due now and
exit) and the tests, which drive it step by step with an injected clock (`Worker.run_once()`: fire the
schedule's due entries, then take and run one job). The service is Celery's worker (`celery_app.py`); both
take jobs with the same `queue.claim`, so they may run side by side."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

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
