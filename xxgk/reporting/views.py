"""Staff pages: dashboards (one institution; all of them for a supervisor), figures, procurement,
paragraphs, and the annual report editor with its downloads. Thin: services and stats do the work."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from xxgk.core import periods
from xxgk.core.csp import allow_own_styles
from xxgk.core.forms import add_service_errors
from xxgk.core.params import int_param
from xxgk.core.site import site_origin
from xxgk.jobs.models import JobFile
from xxgk.org.choice import chosen_institution
from xxgk.org.models import Department, Institution
from xxgk.org.policy import allowed, can, require
from xxgk.reporting import annual, builds, charts, loader, services, stats
from xxgk.reporting import periods as reporting_periods
from xxgk.reporting.forms import FigureForm, ParagraphForm, ProcurementForm
from xxgk.reporting.models import (
    AnnualReport,
    ProcurementResult,
    ReportSection,
    SectionParagraph,
    YearlyFigure,
)
from xxgk.workbench.views import staff_required

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _choice(request, institutions) -> periods.PeriodChoice:
    return reporting_periods.choose(request, institutions)


def _asked(request) -> services.Period | None:
    """The period in the query string (charts and deletions come from a page that names it)."""
    return periods.from_params(request.GET)


def _page(request, institution, tab: str, **context) -> dict:
    """What every page of the reporting tabs shows: the institution, the period and its picker."""
    choice = context.pop("choice", None) or _choice(request, [institution])
    return {
        "tab": tab,
        "institution": institution,
        "periods": choice,
        "period": choice.period,
        "period_query": choice.query,
        "keep": {"i": institution.slug},
        **context,
    }


def _entry_scope(request):
    """(institution, departments the user may enter for)."""
    inst = chosen_institution(request, "view_staff")
    depts = allowed(request.user, "draft", Department).filter(institution=inst)
    if not depts.exists():
        raise PermissionDenied("no department")
    return inst, depts


def _area_choices(kind: str | None = None):
    loader.ensure_sections()
    qs = ReportSection.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    return [(s.key, f"{s.number}、{s.title}" if s.number else s.title) for s in qs]


@staff_required
def dashboard(request):
    institution = chosen_institution(request, "view_office", prefer="manage")
    choice = _choice(request, [institution])
    period = choice.period
    coverage = stats.coverage(institution, period.start, period.end)
    timely = stats.timeliness(institution, period.start, period.end)
    channels = stats.channels(institution, period.start, period.end)
    status = request.GET.get("status")
    if status not in stats.STATUS_LABELS:
        status = None
    summary = stats.coverage_summary(coverage)
    context = _page(
        request,
        institution,
        "reporting",
        choice=choice,
        coverage=[c for c in coverage if not status or c.status == status],
        status=status,
        summary=summary,
        timely=timely,
        grid=[(dept, [timely.grid.get((dept, m)) for m in timely.months]) for dept in timely.by_department],
        channels=channels,
        channels_total=sum(c.count for c in channels),
        monthly_total=timely.total.total,
        applications=stats.applications(institution, period.start, period.end),
        oversight=stats.oversight(institution, period.start, period.end),
        supervisor_pages=can(request.user, "supervise"),
        statuses=stats.STATUS_LABELS,
    )
    context["keep"]["status"] = status
    return render(request, "reporting/dashboard.html", context)


@staff_required
def supervisor(request):
    require(request.user, "supervise")
    institutions = list(Institution.objects.order_by("name"))
    choice = _choice(request, institutions)
    period = choice.period
    rows = stats.summaries(institutions, period.start, period.end)  # a fixed number of queries however many
    return render(
        request,
        "reporting/supervisor.html",
        {
            "tab": "supervisor",
            "rows": rows,
            "periods": choice,
            "period": period,
            "period_query": choice.query,
            "keep": {},
        },
    )


@staff_required
def chart(request, slug: str, kind: str):
    institution = get_object_or_404(Institution, slug=slug)
    require(request.user, "view_office", institution)
    period = _asked(request) or _choice(request, [institution]).period
    if kind == "channels":
        counts = stats.channels(institution, period.start, period.end)
        png = charts.channel_chart(counts) if any(c.count for c in counts) else None
    elif kind == "monthly":
        months = stats.monthly_published(institution, period.start, period.end)
        png = charts.monthly_chart(months) if any(months.values()) else None
    elif kind == "timeliness":
        t = stats.timeliness(institution, period.start, period.end)
        rates = {d: c.rate for d, c in t.by_department.items()}
        png = charts.rate_chart(rates, _("各部门及时公开率")) if t.total.total else None
    elif kind == "coverage":
        summary = stats.coverage_summary(stats.coverage(institution, period.start, period.end))
        png = charts.coverage_chart(summary) if summary["items"] else None
    else:
        raise Http404("chart")
    if png is None:  # nothing to draw: the page says so in words and asks for no chart
        raise Http404("no data")
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


@staff_required
def figures(request):
    institution, depts = _entry_scope(request)
    choice = _choice(request, [institution])
    period = choice.period
    form = FigureForm(request.POST or None, departments=depts, sections=_area_choices())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.enter_figure(
                request.user,
                d["department"],
                section=d["section"],
                label=d["label"],
                value=d["value"],
                unit=d["unit"],
                qualifier=d["qualifier"] or "",
                note=d["note"],
                period_start=period.start,
                period_end=period.end,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已填报。"))
            return redirect(f"{reverse('reporting_staff:figures')}?i={institution.slug}&{period.query}")
    rows = (
        YearlyFigure.objects.filter(
            institution=institution, period_start__gte=period.start, period_end__lte=period.end, department__in=depts
        )
        .select_related("department")
        .order_by("section", "order", "id")
    )
    return render(
        request,
        "reporting/figures.html",
        _page(request, institution, "figures", choice=choice, form=form, rows=rows),
    )


def _delete_entry(request, model, pk: int, delete, list_page: str):
    """POST only: delete one entry the person can see through its service, back to the list of its year."""
    if request.method != "POST":
        raise Http404("POST only")
    entry = get_object_or_404(model, pk=pk)
    if not can(request.user, "view", entry):
        raise Http404("entry")
    delete(request.user, entry)
    messages.success(request, _("已删除。"))
    asked = _asked(request)
    return redirect(f"{reverse(list_page)}?i={entry.institution.slug}" + (f"&{asked.query}" if asked else ""))


@staff_required
def figure_delete(request, pk: int):
    return _delete_entry(request, YearlyFigure, pk, services.delete_figure, "reporting_staff:figures")


@staff_required
def procurement(request):
    institution, depts = _entry_scope(request)
    choice = _choice(request, [institution])
    period = choice.period
    form = ProcurementForm(request.POST or None, departments=depts)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.enter_procurement(
                request.user,
                d["department"],
                project=d["project"],
                kind=d["kind"],
                amount=d["amount"],
                unit=d["unit"],
                completed_on=d["completed_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已登记。"))
            return redirect(f"{reverse('reporting_staff:procurement')}?i={institution.slug}&{period.query}")
    rows = ProcurementResult.objects.filter(
        institution=institution, completed_on__gte=period.start, completed_on__lte=period.end, department__in=depts
    ).select_related("department")
    return render(
        request,
        "reporting/procurement.html",
        _page(request, institution, "procurement", choice=choice, form=form, rows=rows),
    )


@staff_required
def procurement_delete(request, pk: int):
    return _delete_entry(request, ProcurementResult, pk, services.delete_procurement, "reporting_staff:procurement")


@staff_required
def paragraphs(request):
    institution, depts = _entry_scope(request)
    choice = _choice(request, [institution])
    period = choice.period
    is_office = can(request.user, "manage", institution)
    form = ParagraphForm(request.POST or None, departments=depts, sections=_area_choices())
    if not is_office:
        form.fields["department"].required = True
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.write_paragraph(
                request.user,
                institution,
                department=d["department"],
                period=period,
                section=d["section"],
                text=d["text"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("段落已保存。"))
            return redirect(f"{reverse('reporting_staff:paragraphs')}?i={institution.slug}&{period.query}")
    rows = SectionParagraph.objects.filter(institution=institution, period_start=period.start).select_related(
        "department"
    )
    if not is_office:
        rows = rows.filter(department__in=depts)
    return render(
        request,
        "reporting/paragraphs.html",
        _page(request, institution, "paragraphs", choice=choice, form=form, rows=rows),
    )


def _report_for(request):
    institution = chosen_institution(request, "view_office", prefer="manage")
    choice = _choice(request, [institution])
    period = choice.period
    report = AnnualReport.objects.filter(
        institution=institution, period_start=period.start, period_end=period.end
    ).first()
    return institution, choice, report


@staff_required
def report(request):
    institution, choice, report = _report_for(request)
    period = choice.period
    if request.method == "POST":
        if report is None:
            report = services.open_report(request.user, institution, period=period)
        try:
            if request.POST.get("action") == "finalise":
                services.finalise(
                    request.user,
                    report,
                    expected_revision=int_param(request.POST.get("revision"), default=-1),
                    base_url=site_origin(request),
                )
                messages.success(request, _("年度报告已定稿，并作为清单第6项“信息公开年度报告”提交审核。"))
            else:
                texts = {k[len("n_") :]: v for k, v in request.POST.items() if k.startswith("n_")}
                services.edit_narrative(
                    request.user, report, texts, expected_revision=int_param(request.POST.get("revision"), default=-1)
                )
                messages.success(request, _("年度报告文字已保存。"))
        except services.Conflict as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect(f"{reverse('reporting_staff:report')}?i={institution.slug}&{period.query}")
    if report is not None:
        require(request.user, "view", report)
    doc = annual.build(institution, period.start, period.end, report=report, with_charts=False)
    editable = []
    narrative = report.narrative if report else {}
    for top in doc.sections:
        for sec in top.walk():
            if sec.key in {"checklist_table"}:
                continue
            generated = [b.text for b in sec.blocks if b.kind == "p" and b.key == sec.key]
            computed = [b for b in sec.blocks if not (b.kind == "p" and b.key == sec.key)]
            editable.append(
                {
                    "section": sec,
                    "text": narrative.get(sec.key) or "\n".join(generated),
                    "overridden": sec.key in narrative,
                    "computed": computed,
                }
            )
    return render(
        request,
        "reporting/report.html",
        _page(
            request,
            institution,
            "report",
            choice=choice,
            report=report,
            editable=editable,
            build=builds.status(institution, period),
            can_edit=can(request.user, "edit", report) if report else can(request.user, "manage", institution),
        ),
    )


@staff_required
def download(request, fmt: str):
    """HTML and XLSX are made here; DOCX and PDF are the files of the latest build (`builds`), made by a
    background job: without one, back to the report page, which offers to build them."""
    if fmt not in CONTENT_TYPES:
        raise Http404("format")
    institution, choice, report = _report_for(request)
    period = choice.period
    if fmt in builds.FORMATS:
        built = builds.built_file(fmt, institution, period)
        if built is None:
            messages.info(request, _("DOCX 和 PDF 在后台生成：请先点击“生成 DOCX 和 PDF”，生成后即可下载。"))
            return redirect(f"{reverse('reporting_staff:report')}?i={institution.slug}&{period.query}")
        return _job_file(built)
    from xxgk.reporting.management.commands.report import render as render_format

    doc = annual.build(institution, period.start, period.end, report=report, with_charts=fmt != "xlsx")
    data = render_format(fmt, doc, site_origin(request))
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"{institution.slug}-{period.slug}-annual-report.{fmt}"
    if fmt == "html":  # a document of its own, styled by its own <style> element
        allow_own_styles(response, data.decode("utf-8"))
    else:
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _job_file(row):
    response = FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)
    response["Content-Type"] = CONTENT_TYPES[row.name.rsplit(".", 1)[-1]]
    return response


@staff_required
def build(request):
    """POST: build the report's DOCX and PDF in the background; GET: what the page shows about the build
    (生成中… with the step reached, the files, or the error), which site.js asks for until it is done."""
    institution, choice, report = _report_for(request)
    period = choice.period
    if request.method == "POST":
        builds.request_build(request.user, institution, period, base_url=site_origin(request))
        messages.success(request, _("已开始在后台生成 DOCX 和 PDF，完成后本页显示下载链接。"))
        return redirect(f"{reverse('reporting_staff:report')}?i={institution.slug}&{period.query}")
    return render(
        request,
        "reporting/_build.html",
        {"build": builds.status(institution, period), "institution": institution, "period_query": period.query},
    )


@staff_required
def build_file(request, pk: int):
    """A file of a report build, for whoever may read that institution's report."""
    row = get_object_or_404(JobFile.objects.select_related("job"), pk=pk, job__kind=builds.KIND)
    if row.job.institution_id is None or not can(request.user, "view_office", row.job.institution):
        raise PermissionDenied
    return _job_file(row)


@staff_required
def check_draft(request):
    """Run the annual-report checker on the generated draft, before it is finalised."""
    from xxgk.workbench.report_check_views import ReportsForm, check_text

    institution, choice, report = _report_for(request)
    period = choice.period
    if report is not None:
        require(request.user, "view", report)
    doc = annual.build(institution, period.start, period.end, report=report, with_charts=False)
    result = check_text(
        doc.plain_text(), _("%(name)s %(year)s 年度报告草稿") % {"name": institution.name, "year": period.label}
    )
    return render(
        request,
        "workbench/report_check.html",
        {"form": ReportsForm(), "results": [result], "tab": "report", "draft": True},
    )
