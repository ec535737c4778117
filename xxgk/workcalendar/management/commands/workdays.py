"""`xxgk workdays`: working-day arithmetic on the deployment's calendar.

    xxgk workdays add 2024-09-27 3          → 2024-10-08
    xxgk workdays between 2024-01-25 2024-02-26   → 19
    xxgk workdays add 2026-12-30 5 --format json

The calendar is the deployment's (`workcalendar.calendar.current_calendar`):
the official data, entered year arrangements and overrides. A result that rests
on a year whose arrangement is not out yet is 暂定: the text output says so
after the answer, JSON has "provisional": true, and a note goes to stderr. A
result resting on a date before the data gets a warning on stderr; the exit
status stays 0.
"""

from __future__ import annotations

import json
import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from xxgk.workcalendar.calendar import current_calendar
from xxgk.workdays import Calendar, provisional_dates_warning, unknown_dates_warning

_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date:
    """A YYYY-MM-DD date (YYYY-M-D accepted too), or CommandError in Chinese."""
    text = text.strip()
    match = _DATE_RE.match(text)
    if not match:
        raise CommandError(f"日期格式有误：“{text}”，应为 YYYY-MM-DD，例如 2024-10-08。")
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CommandError(f"“{text}”不是有效的日期。") from None


def parse_count(text: str) -> int:
    """A non-negative whole number of working days, or CommandError in Chinese."""
    text = text.strip()
    if not re.fullmatch(r"\+?\d+", text):
        raise CommandError(f"工作日天数必须是非负整数，收到的是“{text}”。")
    return int(text)


def calendar_from_db() -> Calendar:
    """The official calendar with the CalendarOverride table applied."""
    try:
        return current_calendar()
    except DatabaseError as exc:
        raise CommandError(f"无法读取工作日覆盖表（{exc}）。数据库是否已初始化？请先运行 xxgk migrate。") from exc


class Command(BaseCommand):
    help = "工作日计算：某日之后第 N 个工作日（add），或两日之间的工作日数（between）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", metavar="{add,between}", required=True)

        add = sub.add_parser("add", help="DATE 之后第 N 个工作日（自次日起算）")
        add.add_argument("date", metavar="DATE", help="起算日期，YYYY-MM-DD")
        add.add_argument("n", metavar="N", help="工作日天数")

        between = sub.add_parser("between", help="A 之后至 B（含）的工作日数")
        between.add_argument("a", metavar="A", help="开始日期（不计入），YYYY-MM-DD")
        between.add_argument("b", metavar="B", help="结束日期（计入），YYYY-MM-DD")

        for p in (add, between):
            p.add_argument(
                "--format",
                choices=["text", "json"],
                default="text",
                help="输出格式：text（默认）或 json",
            )

    def handle(self, *args, **options):
        action = options["action"]
        if action == "add":
            start, n = parse_date(options["date"]), parse_count(options["n"])
            result = calendar_from_db().add(start, n)
            payload = {"date": result.date.isoformat()}
            text = payload["date"]
        else:
            a, b = parse_date(options["a"]), parse_date(options["b"])
            result = calendar_from_db().between(a, b)
            payload = {"working_days": result.working_days}
            text = str(result.working_days)

        payload["unknown_dates"] = [d.isoformat() for d in result.unknown_dates]
        payload["provisional"] = result.provisional
        if options["format"] == "json":
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self.stdout.write(f"{text}（暂定）" if result.provisional else text)
        for warning in (
            unknown_dates_warning(result.unknown_dates),
            provisional_dates_warning(result.provisional_dates),
        ):
            if warning:
                self.stderr.write(warning, style_func=self.style.WARNING)
