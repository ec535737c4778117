"""The scheduler inside the worker: periodic entries as data (`data/schedule.json`).

Each entry has periods: every N minutes (aligned on the clock), or one a day from `daily_at` (local
time), optionally only in some months. A period is named by its start as a UTC timestamp, so periods
compare as text. `fire_due(now)` queues the job of every entry whose current period has not fired yet;
the period is taken with one conditional UPDATE (`ScheduleSlot.slot < this period`), so of several
workers, with clocks a little apart, exactly one queues each period, and a period missed while no
worker ran is made up once (not once per missed period)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from xxgk.jobs.models import ScheduleSlot

DATA = Path(__file__).parent / "data" / "schedule.json"


@dataclass(frozen=True)
class Entry:
    name: str
    command: tuple[str, ...] = ()
    kind: str = ""
    every_minutes: int = 0
    daily_at: time | None = None
    months: tuple[int, ...] = ()
    label: str = ""

    def period(self, now: datetime) -> datetime | None:
        """The start of the period `now` falls in, or None when the entry has none now (before today's
        time, or outside its months)."""
        local = timezone.localtime(now)
        if self.months and local.month not in self.months:
            return None
        if self.every_minutes:
            step = self.every_minutes * 60
            return datetime.fromtimestamp(int(now.timestamp()) // step * step, tz=UTC)
        start = datetime.combine(local.date(), self.daily_at, tzinfo=local.tzinfo)
        return start if local >= start else None

    def job(self) -> tuple[str, tuple]:
        """(kind, args) of the job the entry queues."""
        if self.command:
            return "jobs.command", self.command
        return self.kind, ()


def _entry(raw: dict) -> Entry:
    every = int(raw.get("every_minutes") or 0)
    daily = time.fromisoformat(raw["daily_at"]) if raw.get("daily_at") else None
    if bool(every) == bool(daily) or bool(raw.get("command")) == bool(raw.get("kind")):
        raise ValueError(f"schedule entry {raw.get('name')!r}: give every_minutes or daily_at, command or kind")
    return Entry(
        name=raw["name"],
        command=tuple(raw.get("command") or ()),
        kind=raw.get("kind", ""),
        every_minutes=every,
        daily_at=daily,
        months=tuple(raw.get("months") or ()),
        label=raw.get("label", ""),
    )


@cache
def _load(path: str) -> tuple[Entry, ...]:
    return tuple(_entry(raw) for raw in json.loads(Path(path).read_text(encoding="utf-8"))["entries"])


def entries() -> tuple[Entry, ...]:
    """The schedule: XXGK_SCHEDULE_FILE, or the one shipped (`data/schedule.json`)."""
    return _load(str(getattr(settings, "XXGK_SCHEDULE_FILE", "") or DATA))


def commands() -> set[tuple[str, ...]]:
    """The command lines the schedule may run (`jobs.command` runs no other)."""
    return {e.command for e in entries() if e.command}


def _slot(period: datetime) -> str:
    return period.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _take(name: str, slot: str, now: datetime) -> bool:
    """Take period `slot` of entry `name`: True for exactly one caller per period."""
    if ScheduleSlot.objects.filter(name=name, slot__lt=slot).update(slot=slot, fired_at=now):
        return True
    if ScheduleSlot.objects.filter(name=name).exists():
        return False
    try:
        with transaction.atomic():
            ScheduleSlot.objects.create(name=name, slot=slot, fired_at=now)
        return True
    except IntegrityError:  # another worker took the first period at the same moment
        return False


def fire_due(now: datetime | None = None, schedule: tuple[Entry, ...] | None = None) -> list[str]:
    """Queue the job of every entry whose current period has not fired yet; the names of those queued."""
    from xxgk.jobs.queue import enqueue

    now = now or timezone.now()
    fired = []
    for entry in entries() if schedule is None else schedule:
        period = entry.period(now)
        if period is None:
            continue
        with transaction.atomic():
            if not _take(entry.name, _slot(period), now):
                continue
            kind, args = entry.job()
            enqueue(kind, *args, key=f"schedule:{entry.name}", run_after=now)
        fired.append(entry.name)
    return fired


def next_times(now: datetime, entry: Entry) -> datetime | None:
    """When the entry's next period starts after `now` (for `xxgk worker --schedule`)."""
    if entry.every_minutes:
        return entry.period(now) + timedelta(minutes=entry.every_minutes) if entry.period(now) else None
    local = timezone.localtime(now)
    for days in range(0, 400):
        day = local.date() + timedelta(days=days)
        start = datetime.combine(day, entry.daily_at, tzinfo=local.tzinfo)
        if start > local and (not entry.months or day.month in entry.months):
            return start
    return None
