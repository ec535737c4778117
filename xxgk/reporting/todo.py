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
