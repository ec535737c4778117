"""`xxgk scheduler`: Celery beat, which queues the schedule's periodic jobs at their times (one per deployment).

The entries are data (`xxgk/jobs/data/schedule.json`, or XXGK_SCHEDULE_FILE: messages every five minutes, FOI
alerts and the digest each morning, report reminders in October, deadlines recomputed and clean-up each
night), plus the sweep that sends again a job whose message was lost. Beat keeps each entry's last run in
XXGK_BEAT_SCHEDULE_FILE, so a period missed while it was stopped runs once when it starts. A second scheduler
started by mistake queues nothing twice (`ScheduleSlot`)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "运行定时任务调度（Celery beat，代替 cron；每个部署运行一个）"

    def handle(self, *args, **options):
        from xxgk.jobs.celery_app import app

        app.start(["beat", "--loglevel=INFO", f"--schedule={settings.XXGK_BEAT_SCHEDULE_FILE}"])
