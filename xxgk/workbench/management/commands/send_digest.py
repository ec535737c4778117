"""E-mail each staff member the items of their 我的待办 that are overdue or due within three working days.

The worker's schedule runs it each morning (`xxgk/jobs/data/schedule.json`); by hand: `xxgk send_digest`.
A person gets at most one a day."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from xxgk.workbench.alerts import daily_digest


class Command(BaseCommand):
    help = "向工作人员发送每日待办提醒（已逾期或三个工作日内到期的事项）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="on", help="按这一天计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, on=None, **options):
        try:
            today = date.fromisoformat(on) if on else None
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{on}") from exc
        self.stdout.write(f"已生成 {daily_digest(today)} 封待办提醒")
