"""E-mail each institution's office administrators the applications due soon and overdue.

The worker's schedule runs it each morning (`xxgk/jobs/data/schedule.json`); by hand: `xxgk foi_alerts`. It first closes applications
whose 补正 deadline passed without a supplement (视为放弃) and handles third-party consultations past their
answer date as the rules say (the clock resumes, or the office is alerted: `foi/consultations.py`); open
consultations past their answer date are reported in the e-mail. Idempotent per day: an institution gets at
most one alert e-mail a day (use --force to send again). Prints what it sent.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xxgk.foi import consultations, services
from xxgk.foi.models import AlertLog, Application
from xxgk.org.models import Institution
from xxgk.org.policy import holders
from xxgk.workcalendar.calendar import current_calendar


class Command(BaseCommand):
    help = "依申请公开：向各校办公室管理员发送即将到期和已逾期的申请提醒（每天一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按这一天计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--dry-run", action="store_true", help="只打印，不发送、不记录")
        parser.add_argument("--force", action="store_true", help="今天已发送过也再发送")

    def handle(self, *args, **opts):
        try:
            today = date.fromisoformat(opts["date"]) if opts["date"] else timezone.localdate()
        except ValueError:
            raise CommandError("--date 应为 YYYY-MM-DD 格式") from None
        if not opts["dry_run"]:
            for app in services.expire_corrections(today=today):
                self.stdout.write(f"{app.institution.slug} {app.code} 逾期未补正，视为放弃")
            for pause in consultations.lapse_due(today=today):
                app = pause.application
                done = "计时已恢复" if pause.ended_on else "待办公室决定"
                self.stdout.write(
                    f"{app.institution.slug} {app.code} 第三方（{pause.third_party}）逾期未提出意见"
                    f"（答复期限 {pause.answer_by:%Y-%m-%d}），{done}"
                )
        cal = current_calendar()
        for institution in Institution.objects.order_by("name"):
            due_soon, overdue = [], []
            for app in Application.objects.open().filter(institution=institution).order_by("due_on", "id"):
                status = services.status_of(app, today, cal)
                line = f"{app.code}　{app.title}　答复期限 {app.due_on:%Y-%m-%d}" if app.due_on else app.code
                if status == "overdue":
                    overdue.append(line)
                elif status == "due_soon":
                    due_soon.append(line)
            lapsed = [
                f"{pause.application.code}　{pause.third_party}　答复期限 {by:%Y-%m-%d}"
                for pause, by in consultations.overdue(institution, today)
            ]
            for line in lapsed:
                self.stdout.write(f"{institution.slug} 征求意见逾期未答复：{line}")
            if not due_soon and not overdue and not lapsed:
                continue
            recipients = sorted({u.email for u in holders("manage", institution) if u.email})
            summary = f"{institution.slug}: 即将到期 {len(due_soon)} 件，已逾期 {len(overdue)} 件"
            if lapsed:
                summary += f"，征求意见逾期未答复 {len(lapsed)} 件"
            if not recipients:
                self.stdout.write(f"{summary}；没有填写电子邮箱的办公室管理员，未发送")
                continue
            if opts["dry_run"]:
                self.stdout.write(f"{summary}；将发送给 {', '.join(recipients)}（试运行）")
                continue
            if not opts["force"] and AlertLog.objects.filter(institution=institution, day=today).exists():
                self.stdout.write(f"{summary}；今天已发送过，跳过")
                continue
            body = [f"{institution.name}依申请公开办理提醒（{today:%Y-%m-%d}）", ""]
            if overdue:
                body += ["已逾期：", *overdue, ""]
            if due_soon:
                body += ["即将到期：", *due_soon, ""]
            if lapsed:
                body += ["征求第三方意见已过答复期限（请决定恢复计时或继续等待）：", *lapsed, ""]
            body.append("请登录信息公开工作台办理。")
            send_mail(
                f"【依申请公开】已逾期 {len(overdue)} 件，即将到期 {len(due_soon)} 件",
                "\n".join(body),
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
            AlertLog.objects.update_or_create(
                institution=institution,
                day=today,
                defaults={"recipients": recipients, "due_soon": due_soon, "overdue": overdue},
            )
            self.stdout.write(f"{summary}；已发送给 {', '.join(recipients)}")
