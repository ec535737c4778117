"""The 体检报告: what the imported old site exposes — every open finding of every imported record,
with the kind, the value as it would be masked, where it is, and the page's original address."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from xxgk import screening
from xxgk.publishing import screening_gate
from xxgk.publishing.models import FindingStatus, ScreeningFinding
from xxgk.siteimport.models import ImportedPage


@dataclass
class Exposure:
    kind: str
    value: str  # masked: the report itself must not spread what it reports
    where: str
    maskable: bool


@dataclass
class PageReport:
    page: ImportedPage
    exposures: list[Exposure] = field(default_factory=list)

    @property
    def maskable(self) -> bool:
        return any(e.maskable for e in self.exposures)


def _where(finding: ScreeningFinding) -> str:
    if finding.attachment_id:
        name = finding.attachment.name if finding.attachment else ""
        return f"{_('附件')} {name} {finding.location_text}".strip()
    return str(screening_gate.FIELD_LABELS.get(finding.field, finding.field))


def report(institution) -> tuple[list[PageReport], int]:
    """The imported pages with open findings (most first) and how many pages were imported in all."""
    pages = {p.record_id: p for p in ImportedPage.objects.filter(institution=institution).select_related("record")}
    found: dict[int, PageReport] = {}
    findings = (
        ScreeningFinding.objects.filter(record_id__in=pages, status=FindingStatus.OPEN)
        .select_related("attachment")
        .order_by("record_id", "id")
    )
    for f in findings:
        entry = found.setdefault(f.record_id, PageReport(pages[f.record_id]))
        entry.exposures.append(
            Exposure(
                kind=str(screening_gate.KIND_LABELS.get(f.kind, f.kind)),
                value=screening_gate.masked_value(f, institution) if f.kind in screening.KIND_LABELS else "",
                where=_where(f),
                maskable=not f.in_picture and f.kind not in screening_gate.NOT_MASKABLE,
            )
        )
    ordered = sorted(found.values(), key=lambda r: (-len(r.exposures), r.page.path))
    return ordered, len(pages)


def xlsx(institution) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    reports, total = report(institution)
    wb = Workbook()
    ws = wb.active
    ws.title = _("体检报告")[:31]
    ws.append(
        [
            _("%(name)s 旧网站个人信息体检报告：导入 %(total)s 个页面，%(n)s 个页面发现问题")
            % {"name": institution.name, "total": total, "n": len(reports)}
        ]
    )
    ws["A1"].font = Font(bold=True)
    headings = [
        _("原网址"),
        _("页面路径"),
        _("标题"),
        _("发布日期"),
        _("类型"),
        _("屏蔽后的值"),
        _("位置"),
        _("可一键屏蔽"),
    ]
    ws.append(headings)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in reports:
        record = r.page.record
        for e in r.exposures:
            ws.append(
                [
                    r.page.source_url,
                    r.page.path,
                    record.title,
                    record.published_at.date().isoformat() if record.published_at else "",
                    e.kind,
                    e.value,
                    e.where,
                    _("是") if e.maskable else _("否，需人工处理"),
                ]
            )
    for column, width in zip("ABCDEFGH", (48, 30, 48, 12, 14, 24, 30, 14)):
        ws.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
