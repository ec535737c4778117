"""The scheduler queues each entry's job once per period, however many workers run it and whatever
their clocks say within the period; a period missed while no worker ran is made up once; an entry of
some months only fires in them; a daily entry not before its time."""

from datetime import time, timedelta

from tests.jobs import kinds  # noqa: F401
from xxgk.jobs import schedule
from xxgk.jobs.models import Job
from xxgk.jobs.worker import Worker

EVERY_5 = schedule.Entry(name="often", kind="tests.jobs.tick", every_minutes=5)
DAILY = schedule.Entry(name="morning", kind="tests.jobs.tick", daily_at=time(7, 30))
OCTOBER = schedule.Entry(name="october", kind="tests.jobs.tick", daily_at=time(9, 0), months=(10,))


def fired(worker):
    worker.tick(force=True)
    return sorted(Job.objects.values_list("key", flat=True))


def test_two_workers_fire_each_period_once(db, queued_jobs, clock, _calls):
    a = Worker("a", clock=clock, entries=(EVERY_5,))
    b = Worker("b", clock=clock, entries=(EVERY_5,))
    assert fired(a) == ["schedule:often"]
    assert b.tick(force=True) == []  # same period: b queues nothing
    assert a.step().state == "done" and b.step() is None
    clock.advance(minutes=4)
    assert a.tick(force=True) == [] and b.tick(force=True) == []
    clock.advance(minutes=1)
    assert b.tick(force=True) == ["often"] and a.tick(force=True) == []
    a.step()
    assert Job.objects.filter(key="schedule:often").count() == 2
    assert _calls == ["tick", "tick"]


def test_a_worker_with_a_slow_clock_does_not_fire_a_past_period_again(db, queued_jobs, clock):
    ahead = Worker("ahead", clock=lambda: clock.now + timedelta(minutes=5), entries=(EVERY_5,))
    behind = Worker("behind", clock=clock, entries=(EVERY_5,))
    assert ahead.tick(force=True) == ["often"]
    assert behind.tick(force=True) == []


def test_missed_days_are_made_up_once(db, queued_jobs, clock):
    worker = Worker("a", clock=clock, entries=(DAILY,))  # 09:00 local: today's 07:30 is past
    assert worker.tick(force=True) == ["morning"]
    clock.advance(days=3)  # no worker ran for three days
    assert worker.tick(force=True) == ["morning"]
    assert worker.tick(force=True) == []


def test_a_daily_entry_waits_for_its_time_and_its_months(db, queued_jobs, clock):
    clock.now = clock.now.replace(hour=23, minute=0)  # 07:00 local on 9 October
    worker = Worker("a", clock=clock, entries=(DAILY, OCTOBER))
    assert worker.tick(force=True) == []
    clock.advance(minutes=30)
    assert worker.tick(force=True) == ["morning"]
    clock.advance(hours=2)
    assert worker.tick(force=True) == ["october"]
    clock.advance(days=30)  # 8 November
    assert worker.tick(force=True) == ["morning"]


def test_the_shipped_schedule_names_commands_and_kinds_that_exist(db):
    from django.core.management import get_commands

    from xxgk.jobs import registry

    names = [e.name for e in schedule.entries()]
    assert {"send_messages", "foi_alerts", "send_digest", "report_remind", "recompute_deadlines", "cleanup"} <= set(
        names
    )
    for entry in schedule.entries():
        if entry.command:
            assert entry.command[0] in get_commands(), entry
        else:
            registry.kind(entry.kind)
