"""`xxgk calendar-year`: enter a year's official holiday arrangement (the State Council's notice); the year
becomes firm and every open deadline is recomputed.

    xxgk calendar-year 2027 --rest "2027-01-01~2027-01-03, 2027-02-05~2027-02-12" --work "2027-02-20" \\
        --note "国务院办公厅关于2027年部分节假日安排的通知" --as admin
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from xxgk.workcalendar import services
from xxgk.workcalendar.dates import parse_dates


def _messages(exc: ValidationError) -> str:
    return "；".join(str(m) for m in exc.messages)


class Command(BaseCommand):
    help = (
        "录入某一年国务院办公厅公布的放假安排（放假日期与调休上班日期），该年转为正式，并重新计算所有未办结事项的期限。"
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="年份")
        parser.add_argument("--rest", required=True, help="放假日期，如 2027-01-01~2027-01-03,2027-02-05")
        parser.add_argument("--work", default="", help="调休上班日期（周六、周日）")
        parser.add_argument("--note", required=True, help="依据：通知名称及文号")
        parser.add_argument("--as", dest="username", required=True, help="平台管理员或督查的用户名")

    def handle(self, *args, year, rest, work, note, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户“{username}”。")
        try:
            arrangement = services.enter_arrangement(
                user, year, rest_days=parse_dates(rest), workdays=parse_dates(work), note=note
            )
        except PermissionDenied:
            raise CommandError("只有平台管理员或督查可以修改全国工作日历。") from None
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from None
        self.stdout.write(
            f"{arrangement.year} 年放假安排已录入：放假 {len(arrangement.rest_days)} 天，"
            f"调休上班 {len(arrangement.workdays)} 天。"
        )
