"""Every change in reporting goes through these functions: policy check, row lock where it matters, audit event."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.catalog.models import ANNUAL_REPORT_ITEM
from xxgk.core import periods
from xxgk.core.audit import audit
from xxgk.core.periods import Period as Period  # re-exported: the period a report covers
from xxgk.core.transitions import Conflict as Conflict  # re-exported: views catch services.Conflict
from xxgk.core.transitions import lock, save_changes
from xxgk.org.policy import require
from xxgk.reporting.loader import rules, section_keys
from xxgk.reporting.models import (
    AnnualReport,
    ProcurementKind,
    ProcurementResult,
    Qualifier,
    ReportState,
    SectionParagraph,
    YearlyFigure,
)

REPORT_CONFLICT = gettext_lazy("年度报告已被他人修改，请刷新页面后再操作。")


def academic_year(year: str | int) -> Period:
    """'2022-2023' (or 2022) → 2022-09-01 … 2023-08-31, the start day configurable (`core/data/periods.json`)."""
    first = periods.parse_academic_year(year)
    if first is None:
        raise ValidationError(_("学年格式不正确：%(y)s，应为 2022-2023。") % {"y": str(year).strip()})
    return periods.academic_year(first)


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError({"period_end": _("截止日期不能早于起始日期。")})


def _check_section(section: str, field: str = "section") -> None:
    if section not in section_keys():
        raise ValidationError({field: _("没有这个报告部分：%(s)s。") % {"s": section}})


def _department_of(department, institution) -> None:
    if department is not None and department.institution_id != institution.id:
        raise PermissionDenied("department of another institution")


def parse_amount(value, unit: str = "元") -> Decimal:
    """An amount in 元 from a value in 元 or 万元 ("1,081.11" 万元 → 10811100.00)."""
    try:
        amount = Decimal(str(value).replace(",", "").replace("，", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"amount": _("金额不是数字：%(v)s。") % {"v": value}}) from None
    if unit == "万元":
        amount *= 10000
    elif unit != "元":
        raise ValidationError({"amount": _("金额单位只能是元或万元。")})
    if amount < 0:
        raise ValidationError({"amount": _("金额不能为负数。")})
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def enter_figure(
    actor,
    department,
    *,
    section: str,
    label: str,
    value,
    unit: str,
    period_start: date,
    period_end: date,
    qualifier: str = "",
    note: str = "",
    order: int = 100,
) -> YearlyFigure:
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("请填写数据名称。")})
    try:
        value = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"value": _("数值不是数字：%(v)s。") % {"v": value}}) from None
    if value < 0:
        raise ValidationError({"value": _("数值不能为负数。")})
    if qualifier not in Qualifier.values:
        raise ValidationError({"qualifier": _("约数写法不正确。")})
    _check_period(period_start, period_end)
    _check_section(section)
    figure = YearlyFigure(
        institution=department.institution,
        department=department,
        section=section,
        label=label,
        value=value,
        unit=(unit or "").strip(),
        qualifier=qualifier,
        period_start=period_start,
        period_end=period_end,
        note=note,
        order=order,
        entered_by=actor,
    )
    require(actor, "enter", figure)
    figure.save()
    audit(
        actor,
        "figure_entered",
        figure,
        _("填报年度数据 %(l)s %(p)s") % {"l": label, "p": figure.phrase},
        institution=department.institution,
        section=section,
    )
    return figure


@transaction.atomic
def delete_figure(actor, figure: YearlyFigure) -> None:
    require(actor, "delete", figure)
    audit(
        actor,
        "figure_deleted",
        figure,
        _("删除年度数据 %(l)s %(p)s") % {"l": figure.label, "p": figure.phrase},
        institution=figure.institution,
    )
    figure.delete()


@transaction.atomic
def enter_procurement(
    actor, department, *, project: str, kind: str, amount, completed_on: date, unit: str = "元"
) -> ProcurementResult:
    project = (project or "").strip()
    if not project:
        raise ValidationError({"project": _("请填写项目名称。")})
    if kind not in ProcurementKind.values:
        raise ValidationError({"kind": _("采购类型只能是货物、服务或工程。")})
    result = ProcurementResult(
        institution=department.institution,
        department=department,
        project=project,
        kind=kind,
        amount=parse_amount(amount, unit),
        completed_on=completed_on,
        entered_by=actor,
    )
    require(actor, "enter", result)
    result.save()
    audit(
        actor,
        "procurement_entered",
        result,
        _("登记采购结果 %(p)s %(a)s元") % {"p": project, "a": result.amount},
        institution=department.institution,
    )
    return result


@transaction.atomic
def delete_procurement(actor, result: ProcurementResult) -> None:
    require(actor, "delete", result)
    audit(
        actor,
        "procurement_deleted",
        result,
        _("删除采购结果 %(p)s") % {"p": result.project},
        institution=result.institution,
    )
    result.delete()


@transaction.atomic
def write_paragraph(
    actor, institution, *, department, period: Period, section: str, text: str, order: int = 100
) -> SectionParagraph:
    """A department writes (or rewrites) its paragraph for an area; department None is the office."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写段落内容。")})
    _department_of(department, institution)
    _check_section(section)
    probe = SectionParagraph(
        institution=institution,
        department=department,
        period_start=period.start,
        period_end=period.end,
        section=section,
    )
    require(actor, "enter", probe)
    para = (
        SectionParagraph.objects.select_for_update()
        .filter(institution=institution, department=department, period_start=period.start, section=section)
        .first()
    )
    if para is None:
        para = probe
    para.text, para.period_end, para.edited_by, para.order = text, period.end, actor, order
    para.save()
    audit(
        actor,
        "paragraph_written",
        para,
        _("撰写年报段落（%(s)s）") % {"s": section},
        institution=institution,
        department=department.name if department else "",
    )
    return para


@transaction.atomic
def open_report(actor, institution, *, period: Period) -> AnnualReport:
    """The draft for a period (created on first use)."""
    _check_period(period.start, period.end)
    probe = AnnualReport(institution=institution, period_start=period.start, period_end=period.end)
    require(actor, "create", probe)
    report, created = AnnualReport.objects.get_or_create(
        institution=institution, period_start=period.start, period_end=period.end
    )
    if created:
        audit(
            actor,
            "report_opened",
            report,
            _("创建%(p)s信息公开年度报告草稿") % {"p": report.period_label},
            institution=institution,
        )
    return report


@transaction.atomic
def edit_narrative(
    actor, report: AnnualReport, texts: dict[str, str], *, expected_revision: int | None = None
) -> AnnualReport:
    """The office edits the draft's narrative; an empty text goes back to the generated one."""
    report = lock(report, expected_revision, related=("institution",), message=REPORT_CONFLICT)
    require(actor, "edit", report)
    keys = section_keys()
    unknown = [k for k in texts if k not in keys]
    if unknown:
        raise ValidationError(_("没有这个报告部分：%(s)s。") % {"s": "、".join(unknown)})
    narrative = dict(report.narrative)
    changed = []
    for key, text in texts.items():
        text = (text or "").strip()
        if narrative.get(key, "") != text:
            changed.append(key)
        if text:
            narrative[key] = text
        else:
            narrative.pop(key, None)
    save_changes(report, {"narrative": narrative}, message=REPORT_CONFLICT)
    if changed:
        audit(
            actor,
            "report_edited",
            report,
            _("修改年度报告文字：%(k)s") % {"k": "、".join(changed)},
            institution=report.institution,
            sections=changed,
        )
    return report


def finalise(
    actor, report: AnnualReport, *, expected_revision: int | None = None, today: date | None = None, base_url: str = ""
):
    """Freeze the narrative and hand the report to the review chain as a record of 清单 item 6.

    The office drafts a record (office department, item 6) with the DOCX and PDF attached and
    submits it; 核稿 → 保密审查 → 审签 → 发布 then run as for any record. The files' links are absolute on
    `base_url` (the origin of the request; reporting/links.py says what is used without it).

    Building and rendering the report and screening its files take seconds, so they run outside every
    write transaction: a first short transaction claims the report (a second click, or a second office
    administrator at the same moment, meets a Conflict at once), the documents are made and attached,
    and a last short transaction submits the record and freezes the report, refusing if the narrative
    changed meanwhile.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xxgk.catalog.models import CatalogItem
    from xxgk.org.models import Department
    from xxgk.publishing import services as publishing
    from xxgk.reporting import annual
    from xxgk.reporting import docx as docx_renderer
    from xxgk.reporting import pdf as pdf_renderer

    with transaction.atomic():
        report = lock(report, expected_revision, related=("institution",), message=REPORT_CONFLICT)
        require(actor, "finalise", report)
        institution = report.institution
        office = Department.objects.filter(institution=institution, is_office=True).order_by("order").first()
        if office is None:
            raise ValidationError(_("本校尚未设置信息公开工作机构（办公室）部门，无法发布年度报告。"))
        report = save_changes(report, {"generated_at": timezone.now()}, message=REPORT_CONFLICT)  # the claim
    claimed = report.revision

    item = CatalogItem.objects.filter(institution=institution, checklist_item__number=ANNUAL_REPORT_ITEM).first()
    doc = annual.build(institution, report.period_start, report.period_end, report=report)
    docx_bytes = docx_renderer.render(doc, base_url=base_url)
    pdf_bytes = pdf_renderer.render(doc, base_url=base_url)
    today = today or timezone.localdate()
    record = publishing.create_draft(
        actor,
        office,
        {
            "title": f"{institution.name}{doc.title_line}",
            "formed_on": min(today, timezone.localdate()),
            "summary": _("%(p)s信息公开工作年度报告") % {"p": report.period_label},
            "body": "".join(f"<p>{p}</p>" for p in doc.section("overview").texts()[:1]),
        },
        items=[item] if item else (),
    )
    stem = f"{institution.slug}-{report.period_start.year}-{report.period_end.year}-annual-report"
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    publishing.add_attachment(actor, record, SimpleUploadedFile(f"{stem}.docx", docx_bytes, content_type=docx_type))
    publishing.add_attachment(
        actor, record, SimpleUploadedFile(f"{stem}.pdf", pdf_bytes, content_type="application/pdf")
    )

    with transaction.atomic():
        report = lock(report, claimed, related=("institution",), message=REPORT_CONFLICT)
        require(actor, "finalise", report)
        record = publishing.submit(actor, record, comment=_("年度报告定稿，提交审核。"))
        now = timezone.now()
        changes = {"state": ReportState.FINAL, "finalised_at": now, "record": record, "generated_at": now}
        save_changes(report, changes, message=REPORT_CONFLICT)
        audit(
            actor,
            "report_finalised",
            report,
            _("年度报告定稿并提交审核（信息 %(id)s）") % {"id": record.pk},
            institution=institution,
            record=record.pk,
        )
    return report


def report_due_period(today: date) -> Period:
    """The academic year whose report is due this autumn (the one that ended before `today`)."""
    return periods.academic_year(periods.academic_first_year(today) - 1)


def remind(*, today: date | None = None) -> list[tuple[object, list[str]]]:
    """E-mail each institution's office administrators from the reminder day (Oct 1) until the report
    for the year just ended is final. Returns (institution, addresses) for every reminder sent."""
    from django.core.mail import send_mail

    from xxgk.org.models import Institution
    from xxgk.org.policy import holders

    today = today or timezone.localdate()
    r = rules()["reminder"]
    period = report_due_period(today)
    remind_from = date(period.end.year, r["from_month"], r["from_day"])
    deadline = date(period.end.year, r["deadline_month"], r["deadline_day"])
    if today < remind_from:
        return []
    final = set(
        AnnualReport.objects.filter(
            period_start=period.start, period_end=period.end, state=ReportState.FINAL
        ).values_list("institution_id", flat=True)
    )
    sent = []
    for institution in Institution.objects.exclude(id__in=final).order_by("name"):
        emails = sorted({u.email for u in holders("manage", institution) if u.email})
        if not emails:
            continue
        days = (deadline - today).days
        when = (
            _("距%(d)s的公布期限还有%(n)s天") % {"d": f"{deadline:%Y年%m月%d日}", "n": days}
            if days >= 0
            else _("已超过%(d)s的公布期限%(n)s天") % {"d": f"{deadline:%Y年%m月%d日}", "n": -days}
        )
        send_mail(
            _("【信息公开】请尽快完成%(p)s信息公开工作年度报告") % {"p": period.label},
            _(
                "%(inst)s：\n\n%(p)s信息公开工作年度报告尚未定稿，%(when)s。"
                "请在工作台“年度报告”中核对数据、修改文字并定稿，定稿后报告将作为清单第6项“信息公开年度报告”提交审核发布。\n"
            )
            % {"inst": institution.name, "p": period.label, "when": when},
            None,
            emails,
        )
        audit(None, "report_reminder", institution, _("发送年度报告提醒"), institution=institution, to=emails)
        sent.append((institution, emails))
    return sent
