"""Importing a saved old site as a background job (`xxgk import-site … --background`).

The job reads the mirror, plans and imports as the command does in the foreground, saying how far it has
got (`jobs.progress`); the office's 体检报告 page shows it while it runs, then its summary or its error.
It is idempotent: a page already imported and unchanged is left alone (`ImportedPage`), so a job run again
after a failure imports only what is left. The folder must be readable where the worker runs."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk import jobs
from xxgk.org.models import Institution
from xxgk.org.policy import can

KIND = "siteimport.import_site"


def job_key(institution) -> str:
    return f"{KIND}:{getattr(institution, 'pk', institution)}"


def latest(institution):
    """The newest import job of this institution (queued, running or finished), or None."""
    return jobs.latest(job_key(institution))


def import_page(job) -> str:
    from django.urls import reverse

    return f"{reverse('siteimport_staff:report')}?i={job.institution.slug}"


@jobs.job(KIND, attempts=3, backoff=(60, 600), lease=4 * 3600, label="导入旧网站", page=import_page)
def import_site(institution_id: int, directory: str, mapping: str | None, user_id: int) -> dict:
    from xxgk.siteimport import services
    from xxgk.siteimport.mirror import load_mapping, read_mirror

    school = Institution.objects.get(pk=institution_id)
    actor = get_user_model().objects.get(pk=user_id, is_active=True)
    if not can(actor, "manage", school):
        raise PermissionDenied(f"{actor.username} may not import for {school.slug}")
    jobs.progress(_("正在读取保存的网站"))
    rules = load_mapping(mapping)
    reading = read_mirror(directory, rules, today=timezone.localdate())
    jobs.progress(_("正在检查个人信息"))
    planned = services.plan(school, reading, rules)
    changed = sum(p.status != services.UNCHANGED for p in planned)

    def step(done: int) -> None:
        jobs.progress(_("已导入 %(done)s / %(total)s 篇") % {"done": done, "total": changed})

    services.run(actor, school, reading, planned, progress=step)
    return {
        "articles": len(planned),
        "imported": changed,
        "skipped": len(reading.skipped),
        "flagged": sum(bool(p.findings or p.unscreenable) for p in planned),
    }
