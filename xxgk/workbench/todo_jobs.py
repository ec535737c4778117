"""A background job that failed for good is on the 待办 of its institution's office, linking to the page where
its user waits (the kind's `page`), until it is asked for again there (a newer job with the same key) or a
week has passed. The office is also e-mailed (notify, kind `jobs.failed`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.jobs import registry
from xxgk.jobs.models import Job, State
from xxgk.org.models import Institution
from xxgk.org.policy import allowed
from xxgk.workbench.todo import Task, register

SHOWN_DAYS = 7


@register
def failed_jobs(user, today: date) -> list[Task]:
    institutions = allowed(user, "manage", Institution)
    kinds = [name for name, kind in registry.KINDS.items() if kind.page is not None]
    later = Job.objects.filter(key=OuterRef("key"), pk__gt=OuterRef("pk")).exclude(key="")
    failed = (
        Job.objects.filter(
            state=State.FAILED,
            kind__in=kinds,
            institution__in=institutions,
            finished_at__gte=timezone.now() - timedelta(days=SHOWN_DAYS),
        )
        .exclude(Exists(later))
        .select_related("institution")
    )
    tasks = []
    for job in failed:
        kind = registry.kind(job.kind)
        tasks.append(
            Task(
                kind=_("后台任务"),
                title=_("%(label)s失败：%(error)s") % {"label": kind.label, "error": job.error_summary[:80]},
                url=kind.page(job),
                next_action=_("查看原因后重新运行；仍然失败请联系平台管理员"),
                where=job.institution.short_name or job.institution.name,
                waiting_since=job.finished_at,
                key=f"jobs.job:{job.pk}",
            )
        )
    return tasks
