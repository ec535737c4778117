"""The annual report's DOCX and PDF are built by a background job, never in the request.

The report page asks for a build (`request_build`: one job queued per institution and period, kind
`reporting.build_report`); the worker gathers the report, renders the DOCX and then the PDF (charts
included, 2–5 s) and keeps both files with the job (`jobs.attach`). Until then the page says 生成中…
with the step the job has reached, and then offers the two files, built at a time it states, or the
error. A build shows the text as it was: after the narrative changes the page says so and offers a new
build."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from xxgk import jobs
from xxgk.org.models import Institution
from xxgk.org.policy import can
from xxgk.reporting.models import AnnualReport

KIND = "reporting.build_report"
FORMATS = ("docx", "pdf")


def build_key(institution, period) -> str:
    return f"{KIND}:{institution.pk}:{period.start.isoformat()}:{period.end.isoformat()}"


def file_stem(institution, period) -> str:
    return f"{institution.slug}-{period.slug}-annual-report"


def _report(institution_id: int, start: date, end: date) -> AnnualReport | None:
    return AnnualReport.objects.filter(institution_id=institution_id, period_start=start, period_end=end).first()


def request_build(actor, institution, period, *, base_url: str = ""):
    """Queue a build of the report's DOCX and PDF for `period` (whoever may read the office's report);
    a build already queued for it is returned instead."""
    if not can(actor, "view_office", institution):
        raise PermissionDenied
    with transaction.atomic():
        return jobs.enqueue(
            KIND,
            institution.pk,
            period.start.isoformat(),
            period.end.isoformat(),
            file_stem(institution, period),
            base_url,
            key=build_key(institution, period),
            institution=institution,
        )


def build_page(job) -> str:
    """The report page of the build's institution and period (where the office waits for it)."""
    from django.urls import reverse

    start, end = job.args[1], job.args[2]
    return f"{reverse('reporting_staff:report')}?i={job.institution.slug}&start={start}&end={end}"


@jobs.job(KIND, attempts=2, backoff=(60,), lease=1800, label="生成年度报告 DOCX/PDF", page=build_page)
def build_report(institution_id: int, start: str, end: str, stem: str, base_url: str = "") -> dict:
    """Build and keep the report's DOCX and PDF (idempotent: a second run makes the same files again)."""
    from xxgk.reporting import annual
    from xxgk.reporting import docx as docx_renderer
    from xxgk.reporting import pdf as pdf_renderer

    institution = Institution.objects.get(pk=institution_id)
    start_on, end_on = date.fromisoformat(start), date.fromisoformat(end)
    report = _report(institution_id, start_on, end_on)
    jobs.progress(_("正在汇总数据"))
    doc = annual.build(institution, start_on, end_on, report=report)
    jobs.progress(_("正在生成 DOCX"))
    jobs.attach(f"{stem}.docx", docx_renderer.render(doc, base_url=base_url))
    jobs.progress(_("正在生成 PDF"))
    jobs.attach(f"{stem}.pdf", pdf_renderer.render(doc, base_url=base_url))
    return {"revision": report.revision if report else None}


def latest_build(institution, period):
    """The newest build job of the report for `period` (queued, running or finished), or None."""
    return jobs.latest(build_key(institution, period))


def status(institution, period) -> dict:
    """What the report page shows about its DOCX/PDF: the latest build, its files once done, and whether
    the text changed since it was built."""
    job = latest_build(institution, period)
    report = _report(institution.pk, period.start, period.end)
    files = {}
    stale = False
    if job is not None and job.state == "done":
        files = {f.name.rsplit(".", 1)[-1]: f for f in job.files.all()}
        built = (job.result or {}).get("revision")
        stale = (report.revision if report else None) != built
    return {"job": job, "files": files, "stale": stale}


def built_file(fmt: str, institution, period):
    """The file of format `fmt` of the latest finished build, or None."""
    job = latest_build(institution, period)
    if job is None or job.state != "done":
        return None
    return next((f for f in job.files.all() if f.name.endswith(f".{fmt}")), None)
