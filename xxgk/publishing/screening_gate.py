"""The screening gate in the review chain (隐私屏蔽, 保密审查).

Every save of a record re-scans its title, summary, body and attachments with
`xxgk.screening`. Open findings of personal data, any secrecy marking, and any
attachment that cannot be read automatically block the 保密审查 step until
they are masked or overridden with a written reason. Decisions survive a
re-scan: a finding overridden once stays overridden while the same text is there.

Failing closed: every attachment is either screened or blocked. A type the library
cannot read (.doc, .pptx, .ofd, an image, anything unknown), a damaged or encrypted
file, a zip member that cannot be screened or a zip over its limits gives an
`UNSCREENABLE` finding naming the file (or member) and why; a field or file with more
findings than the cap gives one `TOO_MANY` finding instead of thousands of rows. Neither
can be masked: only whoever may override (the 保密审查 step) clears them, in writing.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections import Counter

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from xxgk import screening
from xxgk.org.screening import screening_config
from xxgk.publishing.models import Attachment, FindingStatus, ScreeningFinding

MANUAL_REVIEW = "manual_review"  # rows written before unscreenable files had their own kind
UNSCREENABLE = screening.UNSCREENABLE
TOO_MANY = screening.TOO_MANY
KIND_LABELS = {
    **screening.KIND_LABELS,
    MANUAL_REVIEW: _("需人工审看"),
    UNSCREENABLE: _("无法自动筛查，需人工确认"),
    TOO_MANY: _("发现项过多，需人工处理"),
}
FIELD_LABELS = {"title": _("标题"), "summary": _("内容概述"), "body": _("正文")}
#: Kinds a person must decide on; masking cannot clear them.
NOT_MASKABLE = frozenset({"secret_marker", MANUAL_REVIEW, UNSCREENABLE, TOO_MANY})
#: At most this many findings per field or attached file (beyond it, one TOO_MANY finding).
FINDINGS_CAP = screening.Limits().findings
CONTEXT = 24


def body_text(body_html: str) -> str:
    return html.unescape(strip_tags((body_html or "").replace("</p>", "</p>\n").replace("<br>", "\n")))


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT) : start] + "【" + text[start:end] + "】" + text[end : end + CONTEXT]


def _too_many(findings: list[screening.Finding], where: str) -> tuple:
    """The one finding that stands for more findings than the cap (its text carries the count,
    so an override lapses when the count changes)."""
    counts = Counter(screening.KIND_LABELS.get(f.kind, f.kind) for f in findings)
    detail = "、".join(f"{k} {n}" for k, n in counts.most_common())
    reason = _(
        "发现 %(n)d 处，超过 %(cap)d 处的上限，请人工处理：在本地屏蔽后重新上传，或由保密审查人核对后写明理由确认。"
    ) % {
        "n": len(findings),
        "cap": FINDINGS_CAP,
    }
    text = _("%(where)s：%(n)d 处") % {"where": where, "n": len(findings)}
    return (TOO_MANY, text, f"【{where}】{detail}", 1.0, reason, "")


def _unscreenable(where: str, why: str) -> tuple:
    return (UNSCREENABLE, where, f"【{where}】", 1.0, why, "")


def _scan_attachment(attachment: Attachment, config) -> tuple[str, list[tuple]]:
    """The attachment's extracted text and its findings as (kind, text, context, confidence,
    reason, location). A file, or a member of a zip, that cannot be screened gives an
    UNSCREENABLE finding: nothing is passed over in silence."""
    if attachment.content_type.startswith("image/"):
        return "", [_unscreenable(attachment.name, _("图片附件无法自动筛查，请人工审看。"))]
    try:
        with attachment.file.open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        return "", [_unscreenable(attachment.name, _("附件文件无法读取（%(error)s）。") % {"error": exc})]
    result = screening.screen(data, attachment.name, config)
    rows: list[tuple] = []
    for part in result.parts:
        if part.too_many:
            rows.append(_too_many(part.findings, part.path))
            continue
        text = part.extracted.text
        for f in part.findings:
            location = "/".join(x for x in (part.member, f.location) if x)
            rows.append((f.kind, f.text, _context(text, f.start, f.end), f.confidence, f.reason, location[-100:]))
    for problem in result.unscreenable:
        rows.append(_unscreenable(problem.path, problem.reason))
    return "\n".join(part.extracted.text for part in result.parts), rows


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
        found = screening.scan_text(text or "", config)
        if len(found) > FINDINGS_CAP:
            add(field, None, *_too_many(found, FIELD_LABELS[field]))
            continue
        for f in found:
            add(field, None, f.kind, f.text, _context(text, f.start, f.end), f.confidence, f.reason, f.location or "")
    for attachment in record.attachments.all():
        text, found = _scan_attachment(attachment, config)
        if attachment.text != text:
            Attachment.objects.filter(pk=attachment.pk).update(text=text)
        for row in found:
            add("attachment", attachment, *row)
    ScreeningFinding.objects.filter(record=record).delete()
    ScreeningFinding.objects.bulk_create(rows)
    return rows


def blocking(record) -> list[ScreeningFinding]:
    return list(ScreeningFinding.objects.filter(record=record, status=FindingStatus.OPEN))


def blocking_message(findings: list[ScreeningFinding]) -> str:
    shown = "；".join(f"{KIND_LABELS.get(f.kind, f.kind)}“{f.text}”" for f in findings[:5])
    more = _("等") if len(findings) > 5 else ""
    return _(
        "尚有 %(n)d 处个人信息、涉密标记或无法自动筛查的内容未处理（%(shown)s%(more)s），"
        "请先屏蔽或更换附件，或由保密审查人写明理由后确认。"
    ) % {
        "n": len(findings),
        "shown": shown,
        "more": more,
    }


def masked_value(finding: ScreeningFinding, institution) -> str:
    config = screening_config(institution)
    style = config.mask_styles.get(finding.kind, "full")
    return screening.mask_value(finding.kind, finding.text, style, config.replace_label)


def event_text(finding: ScreeningFinding, institution) -> str:
    """What the record's history says was decided: the file (or member) a person confirmed, or
    the found value masked (the history must not repeat personal data)."""
    if finding.kind in {UNSCREENABLE, TOO_MANY, MANUAL_REVIEW}:
        return finding.text
    return masked_value(finding, institution)


def mask_in_field(record, finding: ScreeningFinding) -> dict:
    """The changed field values after masking every occurrence of the finding's text."""
    replacement = masked_value(finding, record.institution)
    if finding.field == "body":
        return {"body": record.body.replace(finding.text, replacement).replace(html.escape(finding.text), replacement)}
    return {finding.field: getattr(record, finding.field).replace(finding.text, replacement)}


def mask_attachment_file(attachment: Attachment) -> screening.MaskReport:
    """Write a masked copy over the attachment, keeping the original for staff."""
    from django.core.exceptions import ValidationError

    if attachment.is_archive:
        raise ValidationError(
            _("压缩包中的个人信息无法自动屏蔽：请解压后屏蔽、重新打包上传，或由保密审查人写明理由后确认。")
        )
    config = screening_config(attachment.record.institution)
    suffix = os.path.splitext(attachment.name)[1].lower()
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "in" + suffix)
        target = os.path.join(tmp, "out" + suffix)
        with attachment.file.open("rb") as handle, open(source, "wb") as out:
            out.write(handle.read())
        try:
            report = screening.mask_file(source, target, config)
        except screening.ExtractionError as exc:
            raise ValidationError(_("该附件无法自动屏蔽（%(why)s），请处理后重新上传。") % {"why": exc.why}) from None
        if not report.written:
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
