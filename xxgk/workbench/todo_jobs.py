"""What failed in the background is on the 待办 of whoever owns it, linking to where it is dealt with:

- a job that failed for good (every kind): the office of its institution, on the kind's page (the report
  page, the 旧网站体检 page, the record of a screened attachment, the application of a reply file, 已发通知
  for a sending job); a deployment-wide job (a scheduled command, the clean-up, the search index): the
  platform administrator, on the job in the admin. Until it is asked for again or runs again (a newer job
  with the same key) or a week has passed; it is also e-mailed (notify, kind `jobs.failed`).
- messages that could not be sent after their last attempt: the office, one line per institution, on 已发通知
  showing 发送失败 (with 全部重新发送), until they are sent again (notify, kind `notify.undelivered`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.jobs import registry
from xxgk.jobs.models import Job, State
from xxgk.notify.models import Message
from xxgk.notify.models import State as MessageState
from xxgk.notify.services import undelivered_page
from xxgk.org.models import Institution
from xxgk.org.policy import allowed
from xxgk.workbench.todo import Task, register

SHOWN_DAYS = 7
#: a message that failed longer ago than this is no longer on the 待办 (it stays on 已发通知)
MESSAGES_SHOWN_DAYS = 30


def _label(job: Job) -> str:
    try:
        return registry.kind(job.kind).label
    except registry.UnknownKind:
        return job.kind


@register
def failed_jobs(user, today: date) -> list[Task]:
    owners = Q(institution__in=allowed(user, "manage", Institution))
    if getattr(user, "is_superuser", False):
        owners |= Q(institution__isnull=True)
    later = Job.objects.filter(key=OuterRef("key"), pk__gt=OuterRef("pk")).exclude(key="")
    failed = (
        Job.objects.filter(owners, state=State.FAILED, finished_at__gte=timezone.now() - timedelta(days=SHOWN_DAYS))
        .exclude(Exists(later))
        .select_related("institution")
        .defer("result")
    )
    tasks = []
    for job in failed:
        url = registry.failure_page(job)
        if url is None:  # what it was about is gone
            continue
        institution = job.institution
        tasks.append(
            Task(
                kind=_("后台任务"),
                title=_("%(label)s失败：%(error)s") % {"label": _label(job), "error": job.error_summary[:80]},
                url=url,
                next_action=_("查看原因后重新运行；仍然失败请联系平台管理员")
                if institution
                else _("查看任务日志，排除原因后重新运行"),
                where=(institution.short_name or institution.name) if institution else _("全平台"),
                waiting_since=job.finished_at,
                key=f"jobs.job:{job.pk}",
            )
        )
    return tasks


@register
def undelivered_messages(user, today: date) -> list[Task]:
    since = timezone.now() - timedelta(days=MESSAGES_SHOWN_DAYS)
    rows = (
        Message.objects.filter(
            institution__in=allowed(user, "manage", Institution), state=MessageState.FAILED, created_at__gte=since
        )
        .values("institution")
        .annotate(n=Count("id"), last=Max("created_at"))
    )
    counts = {row["institution"]: row for row in rows}
    tasks = []
    for institution in Institution.objects.filter(pk__in=counts):
        row = counts[institution.pk]
        tasks.append(
            Task(
                kind=_("通知"),
                title=_("%(n)s 条通知多次尝试后未能发出") % {"n": row["n"]},
                url=undelivered_page(institution),
                next_action=_("核对收件地址或邮件服务器设置后重新发送"),
                where=institution.short_name or institution.name,
                waiting_since=row["last"],
                key=f"notify.undelivered:{institution.pk}",
            )
        )
    return tasks
