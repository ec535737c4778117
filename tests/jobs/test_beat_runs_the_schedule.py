"""The schedule is data that Celery beat runs: every entry of schedule.json is a beat entry (a crontab in
TIME_ZONE) beside the redelivery sweep, and the task beat sends queues the entry's job once per period,
however many schedulers send it."""

from datetime import datetime

from django.utils import timezone

from tests.jobs.kinds import Clock
from xxgk.jobs import celery_app, delivery, schedule
from xxgk.jobs.models import Job


def _local(*args):
    return timezone.make_aware(datetime(*args))


def test_every_entry_is_a_beat_entry_at_its_time():
    beat = delivery.beat_schedule()
    assert set(beat) == {e.name for e in schedule.entries()} | {delivery.REDELIVER}
    for entry in schedule.entries():
        assert beat[entry.name]["task"] == "xxgk.jobs.fire" and beat[entry.name]["args"] == (entry.name,)
    remind = beat["report_remind"]["schedule"]
    assert remind.month_of_year == {10} and remind.hour == {9} and remind.minute == {0}
    assert beat["send_messages"]["schedule"].minute == set(range(0, 60, 5))
    assert celery_app.app.conf.beat_schedule.keys() == beat.keys()  # what `xxgk scheduler` runs
    assert celery_app.app.conf.timezone == "Asia/Shanghai"


def test_an_entry_fired_twice_in_one_period_queues_one_job(db, queued_jobs, monkeypatch):
    clock = Clock(_local(2024, 10, 8, 9, 0, 1))  # when beat sends the October reminder
    monkeypatch.setattr(schedule.timezone, "now", clock)
    assert delivery.fire("report_remind") is True
    clock.advance(seconds=1)
    assert delivery.fire("report_remind") is False  # a second scheduler, the same period
    assert Job.objects.filter(key="schedule:report_remind").count() == 1
    queued_jobs.clock = clock
    queued_jobs.run()
    clock.advance(days=1)
    assert delivery.fire("report_remind") is True  # the next day's period
    assert Job.objects.filter(key="schedule:report_remind").count() == 2
    assert delivery.fire("no_such_entry") is False
