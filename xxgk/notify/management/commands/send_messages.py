"""Send the messages whose next attempt has come (failed attempts are retried with growing waits).

The worker's schedule runs it every five minutes (`xxgk/jobs/data/schedule.json`); run by hand as
`xxgk send_messages`. A message is sent once even when two runs overlap."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from xxgk.notify.services import deliver_due


class Command(BaseCommand):
    help = "发送待发送的通知（失败的按间隔重试）。"

    def handle(self, *args, **options):
        counts = deliver_due()
        self.stdout.write(f"已发送 {counts['sent']} 条，待重试 {counts['queued']} 条，失败 {counts['failed']} 条")
