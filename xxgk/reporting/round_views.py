"""The supervisor's yearly round of annual reports (`reporting/annual_round.py`): the list with its filters, the
reminders, the XLSX, the summary with charts, each report with its marked text, and the reports of institutions
not on the platform. Only whoever holds `review_round` (督查, the platform administrator) opens them."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xxgk.core import periods, xlsx
from xxgk.core.params import id_param
from xxgk.org.policy import require
from xxgk.oversight import round_reports
from xxgk.oversight.models import CheckState, OutsideInstitution, OutsideReport
from xxgk.reporting import annual_round, charts
from xxgk.reporting.models import AnnualReport


def _choice(params) -> tuple[periods.PeriodChoice, bool]:
    """The academic year of the round (the picker offers the years with reports and the one due this autumn);
    a calendar year or a range asked for is read as the academic year it starts in (second value True)."""
    from xxgk.reporting.services import report_due_period

    today = timezone.localdate()
    dates = {report_due_period(today).start}
    dates |= set(AnnualReport.objects.published().values_list("period_start", flat=True))
    dates |= set(OutsideReport.objects.values_list("period_start", flat=True))
    choice = periods.choose(params, dates, today=today)
    snapped = choice.period.kind != periods.ACADEMIC
    period = periods.academic_year(periods.academic_first_year(choice.period.start)) if snapped else choice.period
    academic = (
        choice.academic
        if period in choice.academic
        else sorted([*choice.academic, period], key=lambda p: p.start, reverse=True)
    )
    has_data = any(period.start == d for d in dates)
    return periods.PeriodChoice(period, academic, [], has_data=has_data, ignored=choice.ignored), snapped


def _round_page_context(request):
    require(request.user, "review_round")
    choice, snapped = _choice(request.GET)
    rows = annual_round.rows(request.user, choice.period)
    return choice, snapped, rows


def _base(choice, snapped, **context) -> dict:
    return {
        "tab": "round",
        "periods": choice,
        "period": choice.period,
        "period_query": choice.query,
        "snapped": snapped,
        "keep": {},
        "empty_text": _("该学年还没有学校发布年度报告。"),
        "deadline": annual_round.deadline_of(choice.period),
        **context,
    }


@login_required
def round_page(request):
    choice, snapped, rows = _round_page_context(request)
    show = request.GET.get("show") if request.GET.get("show") in annual_round.SHOWN else None
    sort = request.GET.get("sort") if request.GET.get("sort") in annual_round.SORTS else None
    targets = annual_round.to_remind(rows)
    today = timezone.localdate()
    context = _base(
        choice,
        snapped,
        rows=annual_round.shown(rows, show, sort),
        summary=annual_round.summary(rows),
        show=show,
        sort=sort,
        shows=annual_round.SHOWN,
        sorts=annual_round.SORTS,
        to_remind=len(targets),
        reminded_today=sum(1 for r in rows if r.reminded_on == today),
        key_labels=[label for _k, label in annual_round.KEY_FIGURES],
    )
    context["keep"] = {"show": show, "sort": sort}
    return render(request, "reporting/round.html", context)


@login_required
@require_POST
def round_remind(request):
    require(request.user, "review_round")
    choice, _snapped = _choice(request.POST)
    rows = annual_round.rows(request.user, choice.period)
    sent = round_reports.send_reminders(
        request.user,
        period=choice.period,
        deadline=annual_round.deadline_of(choice.period),
        targets=annual_round.to_remind(rows),
    )
    if sent:
        messages.success(request, _("已向%(n)d所学校发送提醒（邮件及待办）。") % {"n": len(sent)})
    else:
        messages.info(request, _("今天已经提醒过，或没有需要提醒的学校；没有重复发送。"))
    return redirect(f"{reverse('reporting_staff:round')}?{choice.query}")


HEADINGS = [
    "学校",
    "是否在平台",
    "发布日期",
    "是否按期",
    "缺少部分",
    "官网发布信息",
    "官方微信公众号发文",
    "收到依申请公开申请",
    "收到举报",
    "依申请公开表平衡",
    "问题数",
    "最近提醒",
]


def _cells(r: annual_round.RoundRow) -> list:
    on_time = "" if r.on_time is None else ("是" if r.on_time else "否（逾期）")
    figures = [v for _label, v in r.key_figures]
    return [
        r.name,
        "是" if r.on_platform else "否",
        r.published_on,
        on_time or "未发布",
        "、".join(r.missing_sections),
        *figures,
        r.table_balance,
        r.findings_count,
        r.reminded_on,
    ]


@login_required
def round_export(request):
    choice, _snapped, rows = _round_page_context(request)
    period = choice.period
    return xlsx.response(
        f"annual-report-round-{period.start:%Y}-{period.end:%Y}.xlsx",
        f"{period.label}信息公开工作年度报告检查",
        HEADINGS,
        [_cells(r) for r in rows],
    )


@login_required
def round_summary(request):
    choice, snapped, rows = _round_page_context(request)
    published = [r for r in rows if r.published]
    checked = [r for r in rows if r.checked]
    return render(
        request,
        "reporting/round_summary.html",
        _base(
            choice,
            snapped,
            summary=annual_round.summary(rows),
            rows=rows,
            has_dates=bool(published),
            has_checks=bool(checked),
            figure_charts=[
                (key, label)
                for key, label in annual_round.KEY_FIGURES
                if any(_figure(r, key) for r in rows)  # all zero or unsaid: no chart of nothing
            ],
            key_labels=[label for _k, label in annual_round.KEY_FIGURES],
        ),
    )


def _figure(r: annual_round.RoundRow, key: str):
    return (r.result.get("key_figures") or {}).get(key)


def _short(r: annual_round.RoundRow) -> str:
    inst = r.institution
    return getattr(inst, "short_name", "") or r.name


@login_required
def round_chart(request, kind: str):
    choice, _snapped, rows = _round_page_context(request)
    png = None
    if kind == "dates":
        shown = [r for r in rows if r.published]
        if shown:
            deadline = annual_round.deadline_of(choice.period)
            png = charts.bar_chart(
                [_short(r) for r in shown],
                [(r.published_on - r.deadline).days for r in shown],
                title=_("发布日期（距%(d)s期限的天数，正数为逾期）") % {"d": f"{deadline.month}月{deadline.day}日"},
                unit=_("天"),
            )
    elif kind == "completeness":
        s = annual_round.summary(rows)
        if s["total"]:
            png = charts.bar_chart(
                [_("内容齐全"), _("内容不全"), _("未能检查"), _("未发布")],
                [
                    s["complete"],
                    s["incomplete"],
                    sum(1 for r in rows if r.published and not r.checked),
                    s["missing"],
                ],
                title=_("年度报告完整性"),
                unit=_("所"),
            )
    else:
        labels = dict(annual_round.KEY_FIGURES)
        if kind not in labels:
            raise Http404("chart")
        shown = [r for r in rows if _figure(r, kind) is not None]
        if any(_figure(r, kind) for r in shown):  # all zero: the table says so, no chart of nothing
            png = charts.bar_chart(
                [_short(r) for r in shown], [float(_figure(r, kind)) for r in shown], title=labels[kind]
            )
    if png is None:
        raise Http404("no data")
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


def _marked(request, result: dict, text: str, name: str, **context):
    """The checker's marked view of one report (the 年报检查 page's own section)."""
    from xxgk.reportcheck.rules import section_label
    from xxgk.workbench.report_check_views import highlighted

    report = dict(result)
    report["name"] = name
    report["html"] = highlighted(text, report)
    report["missing_labels"] = [section_label(k) for k in report.get("missing_sections", [])]
    report["section_labels"] = [section_label(k) for k in report.get("sections", [])]
    return render(
        request, "reporting/round_report.html", {"tab": "round", "results": [report], "name": name, **context}
    )


@login_required
def round_platform_report(request, report_id):
    require(request.user, "review_round")
    pk = id_param(report_id)
    platform, _outside = annual_round.overseen(request.user)
    report = get_object_or_404(AnnualReport.objects.published().filter(institution__in=platform), pk=pk or 0)
    result, text = annual_round.platform_check_and_text(report)
    period = periods.of(report.period_start, report.period_end)
    return _marked(
        request,
        result,
        text,
        f"{report.institution.name}{period.label}信息公开工作年度报告",
        period=period,
        source_url=reverse("portal:record", args=[report.institution.slug, report.record_id]),
        published_on=timezone.localdate(report.record.published_at),
    )


@login_required
def round_outside_report(request, report_id):
    require(request.user, "review_round")
    pk = id_param(report_id)
    _platform, outside = annual_round.overseen(request.user)
    report = get_object_or_404(OutsideReport.objects.filter(school__in=outside), pk=pk or 0)
    period = periods.of(report.period_start, report.period_end)
    name = f"{report.school.name}{period.label}信息公开工作年度报告"
    context = {"period": period, "source_url": report.url, "published_on": report.published_on, "outside": report}
    if report.check_state != CheckState.CHECKED:
        return render(request, "reporting/round_report.html", {"tab": "round", "results": [], "name": name, **context})
    return _marked(request, report.result, report.text, name, **context)


class InstitutionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("学校名称"), max_length=100)
    short_name = forms.CharField(label=gettext_lazy("简称"), max_length=50, required=False)
    email = forms.EmailField(label=gettext_lazy("信息公开工作机构邮箱"), required=False)


class ReportForm(forms.Form):
    institution = forms.ModelChoiceField(label=gettext_lazy("学校"), queryset=OutsideInstitution.objects.none())
    published_on = forms.DateField(
        label=gettext_lazy("发布日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("报告在学校网站上公布的日期"),
    )
    url = forms.URLField(label=gettext_lazy("报告链接"), max_length=500, required=False, assume_scheme="https")
    file = forms.FileField(
        label=gettext_lazy("报告文件（PDF、DOCX、TXT 或 HTML）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt,.html,.htm"}),
    )

    def __init__(self, *args, outside=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = outside if outside is not None else OutsideInstitution.objects.none()

    def clean_published_on(self):
        value = self.cleaned_data["published_on"]
        if not date(1990, 1, 1) <= value <= date(2999, 12, 31):
            raise ValidationError(_("请填写有效的日期。"))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("file") and not self.errors:
            raise ValidationError(_("请上传报告文件或填写报告链接。"))
        return data


@login_required
def round_outside(request):
    require(request.user, "review_round")
    choice, snapped = _choice(request.GET if request.method == "GET" else request.POST)
    _platform, outside = annual_round.overseen(request.user)
    add_form = InstitutionForm(prefix="add")
    report_form = ReportForm(prefix="file", outside=outside)
    if request.method == "POST" and "add" in request.POST:
        add_form = InstitutionForm(request.POST, prefix="add")
        if add_form.is_valid():
            try:
                round_reports.add_institution(request.user, **add_form.cleaned_data)
            except ValidationError as exc:
                add_form.add_error(None, exc)
            else:
                messages.success(request, _("已添加。"))
                return redirect(f"{reverse('reporting_staff:round_outside')}?{choice.query}")
    elif request.method == "POST":
        report_form = ReportForm(request.POST, request.FILES, prefix="file", outside=outside)
        if report_form.is_valid():
            data = report_form.cleaned_data
            try:
                report = round_reports.file_report(
                    request.user,
                    data["institution"],
                    period=choice.period,
                    published_on=data["published_on"],
                    url=data["url"],
                    upload=data["file"],
                )
            except ValidationError as exc:
                report_form.add_error(None, exc)
            else:
                if report.file:
                    report = round_reports.check_report(report.pk) or report  # after the commit, outside it
                if report.check_state == CheckState.UNREADABLE:
                    messages.warning(request, _("已登记，但文件无法检查：%(e)s") % {"e": report.check_error})
                else:
                    messages.success(request, _("已登记。"))
                return redirect(f"{reverse('reporting_staff:round')}?{choice.query}")
    filed = OutsideReport.objects.filter(school__in=outside).of_period(choice.period.start, choice.period.end)
    return render(
        request,
        "reporting/round_outside.html",
        _base(
            choice,
            snapped,
            add_form=add_form,
            report_form=report_form,
            outside=list(outside),
            filed=filed.select_related("school"),
        ),
    )
