"""The annual report in the staff to-do list: from the day an academic year ends until its report is
final, each institution's office sees it, due by the publication deadline (31 October, data file)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.org.models import Institution
from xxgk.org.policy import allowed
from xxgk.reporting.loader import rules
from xxgk.reporting.models import AnnualReport, ReportState
from xxgk.reporting.services import report_due_period
from xxgk.workbench.todo import Task, register

KIND = gettext_lazy("年度报告")


def report_deadline(period) -> date:
    r = rules()["reminder"]
    return date(period.end.year, r["deadline_month"], r["deadline_day"])


@register
def annual_report_waiting(user, today: date) -> list[Task]:
    period = report_due_period(today)
    final = AnnualReport.objects.filter(
        period_start=period.start, period_end=period.end, state=ReportState.FINAL
    ).values("institution_id")
    tasks = []
    for institution in allowed(user, "manage", Institution).exclude(pk__in=final).order_by("name"):
        tasks.append(
            Task(
                kind=str(KIND),
                title=_("%(inst)s%(p)s信息公开工作年度报告") % {"inst": institution.name, "p": period.label},
                url=f"{reverse('reporting_staff:report')}?i={institution.slug}&{period.query}",
                next_action=_("核对数据、修改文字并定稿；定稿后作为清单第6项提交审核发布"),
                due_on=report_deadline(period),
                where=institution.short_name or institution.name,
                key=f"reporting.annualreport:{institution.pk}:{period.start.year}",
            )
        )
    return tasks


ROUND_KIND = gettext_lazy("年报督查")


@register
def round_reminders(user, today: date) -> list[Task]:
    """The supervisor's reminders (`oversight.RoundReminder`) on the office's desk while what they named can
    still be put right: the report is not published, or the published one still lacks sections."""
    from xxgk.core.periods import of
    from xxgk.oversight.models import RoundReminder
    from xxgk.oversight.round_reports import problem_label
    from xxgk.reporting.annual_round import platform_check

    managed = allowed(user, "manage", Institution)
    latest = {}
    for reminder in (
        RoundReminder.objects.filter(institution__in=managed).select_related("institution").order_by("sent_on", "id")
    ):
        latest[(reminder.institution_id, reminder.period_start, reminder.period_end)] = reminder
    tasks = []
    for (inst_id, start, end), reminder in latest.items():
        published = AnnualReport.objects.published(start, end).filter(institution_id=inst_id).first()
        if published is not None and not platform_check(published).get("missing_sections"):
            continue  # published and complete: nothing left to do
        institution, period = reminder.institution, of(start, end)
        problems = "、".join(problem_label(p) for p in reminder.problems)
        tasks.append(
            Task(
                kind=str(ROUND_KIND),
                title=_("省级督查提醒：%(p)s年度报告%(problems)s") % {"p": period.label, "problems": problems},
                url=f"{reverse('reporting_staff:report')}?i={institution.slug}&{period.query}",
                next_action=_("补全并发布年度报告") if published else _("完成并发布年度报告"),
                due_on=report_deadline(period),
                where=institution.short_name or institution.name,
                waiting_since=reminder.sent_on,
                key=f"oversight.roundreminder:{inst_id}:{start:%Y}",
            )
        )
    return tasks
