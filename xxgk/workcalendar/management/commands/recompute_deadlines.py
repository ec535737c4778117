"""`xxgk recompute-deadlines`: after the calendar package (chinesecalendar) is upgraded, recompute every open
deadline on the calendar as it now is; each one that moves gets an event. Prints how many moved."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from xxgk.workcalendar import services
from xxgk.workdays import official_years


class Command(BaseCommand):
    help = "日历包升级后，按现在的工作日历重新计算所有未办结事项的期限，并在每件变动的事项上记录。"

    def add_arguments(self, parser):
        parser.add_argument("--reason", default="", help="记录在事项上的说明（默认：日历包升级）")

    def handle(self, *args, reason="", **options):
        years = official_years()
        reason = reason.strip() or (
            f"日历包升级（内置日历覆盖{years[0]}至{years[1]}年），重新计算期限" if years else "日历包升级，重新计算期限"
        )
        moved = services.recompute_all(reason)
        for label, objects in moved.items():
            self.stdout.write(f"{label}：{len(objects)} 件期限变动")
