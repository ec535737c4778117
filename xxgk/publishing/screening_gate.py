"""The screening gate in the review chain (隐私屏蔽, 保密审查).

Every save of a record re-scans its title, summary, body and attachments with
`xxgk.screening`. Open findings of personal data, any secrecy marking, and any
attachment that cannot be read automatically block the 保密审查 step until
they are masked or overridden with a written reason. Decisions survive a
re-scan: a finding overridden once stays overridden while the same text is there.
"""

from __future__ import annotations

import html
import os
import tempfile

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from xxgk import screening
from xxgk.org.screening import screening_config
from xxgk.publishing.models import Attachment, FindingStatus, ScreeningFinding

MANUAL_REVIEW = "manual_review"
KIND_LABELS = {**screening.KIND_LABELS, MANUAL_REVIEW: _("需人工审看")}
CONTEXT = 24


def body_text(body_html: str) -> str:
    return html.unescape(strip_tags((body_html or "").replace("</p>", "</p>\n").replace("<br>", "\n")))


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT) : start] + "【" + text[start:end] + "】" + text[end : end + CONTEXT]


def _scan_attachment(attachment: Attachment, config) -> tuple[list[screening.Finding], str, list[str]]:
    """Findings, extracted text and warnings for an attachment (unreadable types give a warning)."""
    suffix = os.path.splitext(attachment.name)[1].lower()
    if suffix not in screening.SUPPORTED_SUFFIXES:
        if attachment.content_type.startswith("image/"):
            return [], "", [_("图片附件无法自动筛查，请人工审看。")]
        return [], "", []
    with attachment.file.open("rb") as handle:
        data = handle.read()
    try:
        extracted = screening.extract(data, attachment.name)
    except screening.ExtractionError as exc:
        return [], "", [str(exc)]
    findings = screening.scan_extracted(extracted, config)
    return findings, extracted.text, list(extracted.warnings) if not extracted.has_text_layer else []


def rescan(record) -> list[ScreeningFinding]:
    """Replace the record's findings with a fresh scan, keeping earlier override decisions."""
    config = screening_config(record.institution)
    decided = {
        (f.field, f.attachment_id, f.kind, f.text): f
        for f in ScreeningFinding.objects.filter(record=record).exclude(status=FindingStatus.OPEN)
    }
    rows: list[ScreeningFinding] = []

    def add(field, attachment, kind, text, context, confidence=1.0, reason="", location=""):
        previous = decided.get((field, attachment.pk if attachment else None, kind, text))
        row = ScreeningFinding(
            record=record,
            attachment=attachment,
            field=field,
            kind=kind,
            text=text[:300],
            context=context[:400],
            confidence=confidence,
            reason=reason[:300],
            location=location[:100],
        )
        if previous is not None and previous.status == FindingStatus.OVERRIDDEN:
            row.status, row.override_reason = previous.status, previous.override_reason
            row.resolved_by_id, row.resolved_at = previous.resolved_by_id, previous.resolved_at
        rows.append(row)

    for field, text in (("title", record.title), ("summary", record.summary), ("body", body_text(record.body))):
        for f in screening.scan_text(text or "", config):
            add(field, None, f.kind, f.text, _context(text, f.start, f.end), f.confidence, f.reason, f.location or "")
    for attachment in record.attachments.all():
        findings, text, warnings = _scan_attachment(attachment, config)
        if attachment.text != text:
            Attachment.objects.filter(pk=attachment.pk).update(text=text)
        for f in findings:
            add(
                "attachment",
                attachment,
                f.kind,
                f.text,
                _context(text, f.start, f.end),
                f.confidence,
                f.reason,
                f.location or "",
            )
        for warning in warnings:
            add("attachment", attachment, MANUAL_REVIEW, attachment.name, warning, 1.0, warning)
    ScreeningFinding.objects.filter(record=record).delete()
    ScreeningFinding.objects.bulk_create(rows)
    return rows


def blocking(record) -> list[ScreeningFinding]:
    return list(ScreeningFinding.objects.filter(record=record, status=FindingStatus.OPEN))


def blocking_message(findings: list[ScreeningFinding]) -> str:
    shown = "；".join(f"{KIND_LABELS.get(f.kind, f.kind)}“{f.text}”" for f in findings[:5])
    more = _("等") if len(findings) > 5 else ""
    return _("尚有 %(n)d 处个人信息或涉密标记未处理（%(shown)s%(more)s），请先屏蔽，或由审查人写明理由后忽略。") % {
        "n": len(findings),
        "shown": shown,
        "more": more,
    }


def masked_value(finding: ScreeningFinding, institution) -> str:
    config = screening_config(institution)
    style = config.mask_styles.get(finding.kind, "full")
    return screening.mask_value(finding.kind, finding.text, style, config.replace_label)


def mask_in_field(record, finding: ScreeningFinding) -> dict:
    """The changed field values after masking every occurrence of the finding's text."""
    replacement = masked_value(finding, record.institution)
    if finding.field == "body":
        return {"body": record.body.replace(finding.text, replacement).replace(html.escape(finding.text), replacement)}
    return {finding.field: getattr(record, finding.field).replace(finding.text, replacement)}


def mask_attachment_file(attachment: Attachment) -> screening.MaskReport:
    """Write a masked copy over the attachment, keeping the original for staff."""
    config = screening_config(attachment.record.institution)
    suffix = os.path.splitext(attachment.name)[1].lower()
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "in" + suffix)
        target = os.path.join(tmp, "out" + suffix)
        with attachment.file.open("rb") as handle, open(source, "wb") as out:
            out.write(handle.read())
        report = screening.mask_file(source, target, config)
        if not report.written:
            from django.core.exceptions import ValidationError

            raise ValidationError(" ".join(report.warnings) or _("该附件无法自动屏蔽，请处理后重新上传。"))
        with open(target, "rb") as handle:
            masked_bytes = handle.read()
        if not attachment.original_file:
            with open(source, "rb") as handle:
                attachment.original_file.save(attachment.name, ContentFile(handle.read()), save=False)
    if not report.masked:
        return report
    old_name = attachment.file.name
    attachment.file.save(attachment.name, ContentFile(masked_bytes), save=False)
    attachment.file.storage.delete(old_name)
    import hashlib

    attachment.size = len(masked_bytes)
    attachment.sha256 = hashlib.sha256(masked_bytes).hexdigest()
    attachment.save()
    return report


def resolve(finding: ScreeningFinding, actor, status: str, reason: str = "") -> None:
    finding.status = status
    finding.override_reason = reason
    finding.resolved_by = actor
    finding.resolved_at = timezone.now()
    finding.save()
