"""The screening gate in the review chain (隐私屏蔽, 保密审查).

Every save of a record re-scans its title, summary and body with `xxgk.screening` and gathers the
stored screening results of its attachments. Open findings of personal data, any secrecy marking,
any attachment that cannot be read automatically and any attachment still being screened block the
保密审查 step until they are masked or overridden with a written reason (a file still being screened
also blocks the steps after it and publication, and nobody can override it). Decisions survive a re-scan: a
finding overridden once stays overridden while the same text is there.

Attachments are screened outside the write transaction (`screening_jobs`): small files of fast types
right after the upload commits, anything that may be slow by a bounded background worker. The
result is stored per file (`AttachmentScreening`, keyed by the file's sha256 and the configuration),
so a re-scan of the record never extracts a file again; until it is stored the attachment shows one
`PENDING` finding, 筛查中.

Failing closed: every attachment is either screened or blocked. A type the library cannot read, a
damaged or encrypted file, a zip member that cannot be screened, a zip over its limits, or a
screening that failed or ran out of time gives an `UNSCREENABLE` finding naming the file (or member)
and why; a field or file with more findings than the cap gives one `TOO_MANY` finding instead of
thousands of rows. Neither can be masked: only whoever may override (the 保密审查 step) clears them,
in writing.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk import screening
from xxgk.org.screening import screening_config
from xxgk.publishing import screening_process
from xxgk.publishing.models import Attachment, FindingStatus, ScreeningFinding, ScreeningState
from xxgk.publishing.screening_process import context as _context

MANUAL_REVIEW = "manual_review"  # rows written before unscreenable files had their own kind
UNSCREENABLE = screening.UNSCREENABLE
TOO_MANY = screening.TOO_MANY
PENDING = "screening_pending"
#: Labels of the kinds; translated when shown (module level: lazily).
KIND_LABELS = {
    **screening.KIND_LABELS,
    MANUAL_REVIEW: gettext_lazy("需人工审看"),
    UNSCREENABLE: gettext_lazy("无法自动筛查，需人工确认"),
    TOO_MANY: gettext_lazy("发现项过多，需人工处理"),
    PENDING: gettext_lazy("筛查中"),
}
FIELD_LABELS = {"title": gettext_lazy("标题"), "summary": gettext_lazy("内容概述"), "body": gettext_lazy("正文")}
#: Kinds a person must decide on; masking cannot clear them.
NOT_MASKABLE = frozenset({"secret_marker", MANUAL_REVIEW, UNSCREENABLE, TOO_MANY, PENDING})
#: Kinds nobody can clear by hand: they go when the screening they wait for is done.
NOT_OVERRIDABLE = frozenset({PENDING})
#: At most this many findings per field or attached file (beyond it, one TOO_MANY finding).
FINDINGS_CAP = screening.Limits().findings


def body_text(body_html: str) -> str:
    return html.unescape(strip_tags((body_html or "").replace("</p>", "</p>\n").replace("<br>", "\n")))


def _too_many(kinds: Counter, n: int, where: str) -> tuple:
    """The one finding that stands for more findings than the cap (its text carries the count,
    so an override lapses when the count changes)."""
    counts = Counter()
    for kind, count in kinds.items():
        counts[screening.KIND_LABELS.get(kind, kind)] += count
    detail = "、".join(f"{k} {c}" for k, c in counts.most_common())
    reason = _(
        "发现 %(n)d 处，超过 %(cap)d 处的上限，请人工处理：在本地屏蔽后重新上传，或由保密审查人核对后写明理由确认。"
    ) % {
        "n": n,
        "cap": FINDINGS_CAP,
    }
    text = _("%(where)s：%(n)d 处") % {"where": where, "n": n}
    return (TOO_MANY, text, f"【{where}】{detail}", 1.0, reason, "")


def unscreenable_row(where: str, why: str) -> tuple:
    return (UNSCREENABLE, where, f"【{where}】", 1.0, why, "")


def _pending_row(attachment: Attachment) -> tuple:
    if attachment.screening == ScreeningState.MASKING:
        why = _("正在生成附件的屏蔽副本，完成后副本将重新筛查；此前不能通过保密审查或发布，稍后刷新页面即可看到结果。")
    else:
        why = _("附件正在自动筛查，完成前不能通过保密审查或发布；稍后刷新页面即可看到结果。")
    return (PENDING, attachment.name, f"【{attachment.name}】", 1.0, why, "")


def config_key(config: screening.ScreeningConfig) -> str:
    """A digest of what in the configuration changes findings: a stored result made with another
    configuration (the office changed its allow-list) is screened again."""
    what = {
        "kinds": sorted(config.enabled_kinds),
        "allow": list(config.allow_list),
        "student": config.student_number_pattern,
        "min": config.min_confidence,
        "rules": config.rules_path,
    }
    return hashlib.sha256(json.dumps(what, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def attachment_rows(summary: dict, name: str) -> list[list]:
    """The finding rows stored for an attachment, from `screening_process.summarise`'s summary: the
    findings of each part, one TOO_MANY for a part (or the whole file) over the cap, and one
    UNSCREENABLE for each file or member that could not be screened."""
    rows: list[list] = []
    found: list[list] = []
    kinds: Counter = Counter()
    for part in summary["parts"]:
        kinds.update(part["kinds"])
        if part["rows"] is None:
            rows.append(list(_too_many(Counter(part["kinds"]), part["count"], part["path"])))
        else:
            found.extend(part["rows"])
    if len(found) > FINDINGS_CAP:  # many members, each under the cap
        rows.append(list(_too_many(kinds, sum(kinds.values()), name)))
    else:
        rows.extend(found)
    rows.extend(list(unscreenable_row(path, why)) for path, why in summary["unscreenable"])
    return rows


def failed_rows(name: str, why: str) -> list[list]:
    """What is stored for a file whose screening failed (an error, a timeout, too much memory)."""
    return [list(unscreenable_row(name, _("自动筛查未能完成（%(why)s），需人工确认。") % {"why": why}))]


def stored_result(attachment: Attachment, key: str):
    """The attachment's stored screening result if it is for this file and configuration, else None."""
    if attachment.screening != ScreeningState.DONE:
        return None
    try:
        result = attachment.screening_result
    except Attachment.screening_result.RelatedObjectDoesNotExist:
        return None
    if result.sha256 != attachment.sha256 or result.config_key != key:
        return None
    return result


def rescan(record) -> list[ScreeningFinding]:
    """Replace the record's findings with a fresh scan of its fields and the stored results of its
    attachments, keeping earlier override decisions. An attachment without a fitting result is
    pending (筛查中); one whose result was made with another configuration is set pending with
    nobody on it, for `screening_jobs.rescan` (which services call) to queue."""
    config = screening_config(record.institution)
    key = config_key(config)
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
            add(field, None, *_too_many(Counter(f.kind for f in found), len(found), FIELD_LABELS[field]))
            continue
        for f in found:
            add(field, None, f.kind, f.text, _context(text, f.start, f.end), f.confidence, f.reason, f.location or "")
    stale = []
    attachments = record.attachments.defer("text").select_related("screening_result")
    for attachment in attachments:
        result = stored_result(attachment, key)
        if result is None:
            add("attachment", attachment, *_pending_row(attachment))
            if attachment.screening == ScreeningState.DONE:
                stale.append(attachment.pk)
            continue
        for row in result.rows:
            add("attachment", attachment, *row)
    ScreeningFinding.objects.filter(record=record).delete()
    ScreeningFinding.objects.bulk_create(rows, batch_size=500)
    if stale:  # pending with nobody on it: `screening_jobs.requeue_stale` queues them
        Attachment.objects.filter(pk__in=stale).update(screening=ScreeningState.PENDING, screening_requested_at=None)
    return rows


def blocking(record) -> list[ScreeningFinding]:
    return list(ScreeningFinding.objects.filter(record=record, status=FindingStatus.OPEN))


def pending(record) -> list[Attachment]:
    """The record's attachments still being screened (or masked, then screened): 保密审查 and the steps after it cannot pass and
    nothing is published."""
    return list(record.attachments.exclude(screening=ScreeningState.DONE).only("pk", "name", "record_id", "screening"))


def pending_message(attachments: list[Attachment]) -> str:
    names = "、".join(f"“{a.name}”" for a in attachments[:5])
    more = _("等") if len(attachments) > 5 else ""
    return _(
        "附件%(names)s%(more)s正在自动筛查，完成前不能通过保密审查及其后的环节，也不能发布，请稍后刷新页面再办理。"
    ) % {
        "names": names,
        "more": more,
    }


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
    return masked_text(finding.kind, finding.text, institution)


def masked_text(kind: str, text: str, institution) -> str:
    """A found value in the masked form the institution's configuration gives it."""
    config = screening_config(institution)
    style = config.mask_styles.get(kind, "full")
    return screening.mask_value(kind, text, style, config.replace_label)


def event_text(finding: ScreeningFinding, institution) -> str:
    """What the record's history says was decided: the file (or member) a person confirmed, or
    the found value masked (the history must not repeat personal data)."""
    return history_text(finding.kind, finding.text, institution)


def history_text(kind: str, text: str, institution) -> str:
    """`event_text` for a finding given by its kind and text (a stored row of any screened file)."""
    if kind in {UNSCREENABLE, TOO_MANY, MANUAL_REVIEW, PENDING}:
        return text
    return masked_text(kind, text, institution)


def mask_in_field(record, finding: ScreeningFinding) -> dict:
    """The changed field values after masking every occurrence of the finding's text."""
    replacement = masked_value(finding, record.institution)
    if finding.field == "body":
        return {"body": record.body.replace(finding.text, replacement).replace(html.escape(finding.text), replacement)}
    return {finding.field: getattr(record, finding.field).replace(finding.text, replacement)}


@dataclass(frozen=True)
class MaskedCopy:
    """An attachment's masked copy, made without touching storage or the database."""

    masked: int  # how many findings were masked in the copy (0: the file had nothing to mask)
    data: bytes  # the masked file
    original: bytes  # the file as it was, kept for staff
    sha256: str  # the attachment's sha256 when it was read: storing refuses if it changed since


def masked_copy(attachment: Attachment, *, isolated: bool = False, institution=None) -> MaskedCopy:
    """The attachment's file with every finding masked (slow for big files and scans: call it outside
    the write transaction; `isolated`: in a bounded child process, as the background worker does).
    Any row with `file`, `name`, `sha256` and `is_archive` is masked the same way (an FOI reply's file),
    with the configuration of `institution` (default: the attachment's record's).
    ValidationError when the file cannot be masked automatically; `screening_process.ScreeningFailed`
    when the child process gives no answer (a crash, a timeout, too much memory)."""
    from django.conf import settings
    from django.core.exceptions import ValidationError

    if attachment.is_archive:
        raise ValidationError(
            _("压缩包中的个人信息无法自动屏蔽：请解压后屏蔽、重新打包上传，或由保密审查人写明理由后确认。")
        )
    config = screening_config(institution or attachment.record.institution)
    suffix = os.path.splitext(attachment.name)[1].lower()
    with attachment.file.open("rb") as handle:
        original = handle.read()
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "in" + suffix)
        target = os.path.join(tmp, "out" + suffix)
        with open(source, "wb") as out:
            out.write(original)
        if isolated:
            report = screening_process.mask_isolated(
                source,
                target,
                config,
                timeout=settings.XXGK_SCREENING_TIMEOUT_SECONDS,
                memory_mb=settings.XXGK_SCREENING_MEMORY_MB,
            )
        else:
            report = screening_process.mask(source, target, config)
        if "unreadable" in report:
            raise ValidationError(
                _("该附件无法自动屏蔽（%(why)s），请处理后重新上传。") % {"why": report["unreadable"]}
            )
        if not report["written"]:
            raise ValidationError(" ".join(report["warnings"]) or _("该附件无法自动屏蔽，请处理后重新上传。"))
        with open(target, "rb") as handle:
            masked_bytes = handle.read()
    return MaskedCopy(report["masked"], masked_bytes, original, attachment.sha256)


def store_masked_file(attachment: Attachment, copy: MaskedCopy) -> None:
    """Make the masked copy the attachment's file, inside the transaction that records it: the
    original is kept once (for staff), the replaced file leaves storage once that transaction commits,
    and the attachment is pending until the copy is screened."""
    from django.core.files.base import ContentFile

    from xxgk.core import stored_files

    if not attachment.original_file:
        stored_files.save(attachment.original_file, attachment.name, ContentFile(copy.original))
    old_name = attachment.file.name
    stored_files.save(attachment.file, attachment.name, ContentFile(copy.data))
    stored_files.delete_on_commit(attachment.file.storage, old_name)
    attachment.size = len(copy.data)
    attachment.sha256 = hashlib.sha256(copy.data).hexdigest()
    attachment.screening = ScreeningState.PENDING
    attachment.screening_requested_at = timezone.now()
    attachment.save()


def resolve(finding: ScreeningFinding, actor, status: str, reason: str = "") -> None:
    finding.status = status
    finding.override_reason = reason
    finding.resolved_by = actor
    finding.resolved_at = timezone.now()
    finding.save()
