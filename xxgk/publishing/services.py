"""Every change to a record goes through these functions.

Each one checks the actor's right through `xxgk.org.policy`, changes the
record under a row lock with an optimistic revision check (so two people
acting at once cannot both succeed), and writes a RecordEvent in the same
transaction.
"""

from __future__ import annotations

from datetime import date, datetime

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.core.transitions import Conflict as Conflict  # re-exported: views catch services.Conflict
from xxgk.org.policy import require
from xxgk.publishing import notice_period, review_chain, screened_files, screening_gate, screening_jobs, tallies
from xxgk.publishing.index_numbers import next_index_number
from xxgk.publishing.journal import RECORDS as RECORDS  # re-exported: callers use services.RECORDS
from xxgk.publishing.models import (
    Attachment,
    ChannelTally,
    EventAction,
    FindingStatus,
    NoticeDayKind,
    Posting,
    Record,
    RecordState,
    RecordVersion,
    ReviewStep,
    ScreeningFinding,
    ScreeningState,
)
from xxgk.publishing.screening_jobs import ATTACHMENTS
from xxgk.publishing.uploads import check_upload

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "hr",
    "pre",
    "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
CONTENT_FIELDS = (
    "title",
    "doc_number",
    "formed_on",
    "summary",
    "body",
    "is_notice",
    "notice_start",
    "notice_days",
    "notice_day_kind",
    "objection_contact",
)


def sanitize_body(html: str) -> str:
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer")


def _save(record: Record, changes: dict, actor, action: str, **event) -> Record:
    """Save a change with its event; the record's state clock restarts unless `changes` carries it."""
    changes.setdefault("state_changed_at", timezone.now())
    return RECORDS.save(record, changes, actor, action, **event)


def _steps(record: Record) -> list[ReviewStep]:
    return list(ReviewStep.objects.filter(institution_id=record.institution_id).order_by("order"))


def _clean_content(data: dict) -> dict:
    content = {k: data[k] for k in CONTENT_FIELDS if k in data}
    if "title" in content:
        content["title"] = (content["title"] or "").strip()
        if not content["title"]:
            raise ValidationError({"title": _("请填写标题。")})
    if "body" in content:
        content["body"] = sanitize_body(content["body"])
    if isinstance(content.get("formed_on"), date) and content["formed_on"] > timezone.localdate():
        raise ValidationError({"formed_on": _("生成日期不能晚于今天。")})
    return content


def _check_notice(record: Record) -> None:
    """A 公示 needs its start and its period, whichever fields this change touched."""
    if record.is_notice and (not record.notice_start or not record.notice_days):
        raise ValidationError({"notice_days": _("公示信息须填写公示开始日期和公示期（天数）。")})
    if record.notice_day_kind not in NoticeDayKind.values:
        raise ValidationError({"notice_day_kind": _("请选择公示期按工作日还是自然日计算。")})


def _apply_notice_end(record: Record) -> None:
    _check_notice(record)
    if record.is_notice and record.notice_start and record.notice_days:
        from xxgk.workcalendar.calendar import current_calendar

        record.notice_end = notice_period.notice_end(
            record.notice_start, record.notice_days, record.notice_day_kind, current_calendar()
        )
    else:
        record.notice_end = None


@transaction.atomic
def create_draft(actor, department, data: dict, *, items=()) -> Record:
    require(actor, "draft", department)
    content = _clean_content(data)
    if "title" not in content or "formed_on" not in content:
        raise ValidationError(_("请填写标题和生成日期。"))
    record = Record(
        institution_id=department.institution_id,
        department=department,
        created_by=actor,
        state=RecordState.DRAFT,
        state_changed_at=timezone.now(),
        **content,
    )
    _apply_notice_end(record)
    record.save()
    if items:
        _set_items(record, items)
    RECORDS.write(record, actor, EventAction.CREATED)
    screening_jobs.rescan(record)
    return record


@transaction.atomic
def import_published(actor, department, data: dict, *, items=(), published_at: datetime, source: dict) -> Record:
    """A record that was public before xxgk (an old site's article): published at its original date
    without the review chain, which never saw it, and screened like any record — its findings stay
    open (the record is flagged) until masked or overridden. Only the office imports (`manage`);
    `source` (the page and its URL) is kept on the `imported` event."""
    require(actor, "manage", department.institution)
    content = _clean_content(data)
    if "title" not in content or "formed_on" not in content:
        raise ValidationError(_("请填写标题和生成日期。"))
    record = Record(
        institution_id=department.institution_id,
        department=department,
        created_by=actor,
        state=RecordState.PUBLISHED,
        published_at=published_at,
        state_changed_at=timezone.now(),
        **content,
    )
    record.save()
    if items:
        _set_items(record, items)
    record.index_number = next_index_number(record, timezone.localtime(published_at).year)
    record.save(update_fields=["index_number"])
    RECORDS.write(record, actor, EventAction.IMPORTED, **source)
    screening_jobs.rescan(record)
    return record


def add_imported_attachment(actor, record: Record, uploaded) -> Attachment:
    """An imported record's attachment, stored like an upload (the file follows its row) and screened
    after the commit here and now: an import runs from the command line, not in a request, and the
    office reads the findings when it ends."""
    attachment = _attach_imported(actor, record, uploaded)
    screening_jobs.screen_attachment(attachment.pk)
    return Attachment.objects.defer("text").get(pk=attachment.pk)


@transaction.atomic
def _attach_imported(actor, record: Record, uploaded) -> Attachment:
    record = RECORDS.lock(record)
    require(actor, "manage", record.institution)
    if not RECORDS.event_model.objects.filter(record=record, action=EventAction.IMPORTED).exists():
        raise PermissionDenied(_("只能给导入的信息补充原网站的附件。"))
    return _store_attachment(actor, record, uploaded)


def _set_items(record: Record, items) -> None:
    items = list(items)
    foreign = [i for i in items if i.institution_id != record.institution_id]
    if foreign:
        raise ValidationError(_("所选清单事项不属于本校目录。"))
    record.items.set(items)


@transaction.atomic
def update_draft(actor, record: Record, data: dict, *, items=None, expected_revision: int | None = None) -> Record:
    record = RECORDS.lock(record, expected_revision)
    require(actor, "edit", record)
    content = _clean_content(data)
    changed = [k for k, v in content.items() if getattr(record, k) != v]
    for key, value in content.items():
        setattr(record, key, value)
    _apply_notice_end(record)
    if items is not None:
        before = set(record.items.values_list("pk", flat=True))
        _set_items(record, items)
        if before != {i.pk for i in items}:
            changed.append("items")
    _save(
        record,
        {"state_changed_at": record.state_changed_at, "notice_end": record.notice_end, **content},
        actor,
        EventAction.EDITED,
        from_state=record.state,
        fields=changed,
    )
    screening_jobs.rescan(record)
    return record


@transaction.atomic
def submit(actor, record: Record, *, comment: str = "", expected_revision: int | None = None) -> Record:
    record = RECORDS.lock(record, expected_revision)
    require(actor, "submit", record)
    steps = _steps(record)
    if not steps:
        raise ValidationError(_("本校尚未配置审核环节，请联系信息公开办公室。"))
    if not any(s.is_secrecy_review for s in steps):
        raise ValidationError(review_chain.NO_SECRECY_STEP)
    from_state = record.state
    action = EventAction.RESUBMITTED if from_state == RecordState.RETURNED else EventAction.SUBMITTED
    _save(
        record,
        {"state": RecordState.IN_REVIEW, "step": steps[0]},
        actor,
        action,
        from_state=from_state,
        comment=comment,
        step_name=steps[0].name,
    )
    return record


@transaction.atomic
def approve(actor, record: Record, *, comment: str = "", expected_revision: int | None = None) -> Record:
    record = RECORDS.lock(record, expected_revision)
    require(actor, "approve", record)
    steps = _steps(record)
    current = record.step
    if any(s.is_secrecy_review and s.order <= current.order for s in steps):
        _refuse_pending(record)  # from 保密审查 on, nothing passes while a file is being screened
    if current.is_secrecy_review:
        open_findings = screening_gate.blocking(record)
        if open_findings:
            raise ValidationError(screening_gate.blocking_message(open_findings))
    later = [s for s in steps if s.order > current.order]
    changes = {"step": later[0]} if later else {"state": RecordState.APPROVED, "step": None}
    _save(
        record,
        changes,
        actor,
        EventAction.APPROVED,
        from_state=RecordState.IN_REVIEW,
        comment=comment,
        step_name=current.name,
        secrecy_review=current.is_secrecy_review,
    )
    return record


def _refuse_pending(record: Record) -> None:
    """From 保密审查 on no step passes, and nothing is published, while an attachment is being screened."""
    pending = screening_gate.pending(record)
    if pending:
        raise ValidationError(screening_gate.pending_message(pending))


@transaction.atomic
def return_for_changes(actor, record: Record, *, comment: str, expected_revision: int | None = None) -> Record:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("退回时请写明需要修改的内容。")})
    record = RECORDS.lock(record, expected_revision)
    require(actor, "return", record)
    step_name = record.step.name
    _save(
        record,
        {"state": RecordState.RETURNED, "step": None},
        actor,
        EventAction.RETURNED,
        from_state=RecordState.IN_REVIEW,
        comment=comment,
        step_name=step_name,
    )
    return record


@transaction.atomic
def publish(actor, record: Record, *, at: datetime | None = None, expected_revision: int | None = None) -> Record:
    record = RECORDS.lock(record, expected_revision)
    require(actor, "publish", record)
    _refuse_pending(record)
    review_chain.refuse_unless_secrecy_reviewed(record)  # the last line: no 保密审查 approval, no publication
    at = at or timezone.now()
    index_number = record.index_number or next_index_number(record, timezone.localtime(at).year)
    _save(
        record,
        {"state": RecordState.PUBLISHED, "published_at": at, "index_number": index_number},
        actor,
        EventAction.PUBLISHED,
        from_state=RecordState.APPROVED,
        at=at,
        index_number=index_number,
    )
    tallies.refresh_for(record)
    return record


@transaction.atomic
def correct(actor, record: Record, data: dict, *, reason: str, expected_revision: int | None = None) -> Record:
    """Correct a published record: the old content is kept as a version and shown in its history."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("更正时请写明更正理由。")})
    record = RECORDS.lock(record, expected_revision)
    require(actor, "correct", record)
    content = _clean_content(data)
    _refuse_unscreened_correction(record, content)
    now = timezone.now()
    RecordVersion.objects.create(
        record=record,
        version=record.version,
        title=record.title,
        doc_number=record.doc_number,
        summary=record.summary,
        body=record.body,
        formed_on=record.formed_on,
        published_at=record.published_at,
        replaced_at=now,
        reason=reason,
    )
    changed = [k for k, v in content.items() if getattr(record, k) != v]
    for key, value in content.items():
        setattr(record, key, value)
    _apply_notice_end(record)
    _save(
        record,
        {
            "version": record.version + 1,
            "notice_end": record.notice_end,
            "state_changed_at": record.state_changed_at,
            **content,
        },
        actor,
        EventAction.CORRECTED,
        from_state=record.state,
        comment=reason,
        at=now,
        fields=changed,
        version=record.version + 1,
    )
    screening_jobs.rescan(record)
    return record


def _refuse_unscreened_correction(record: Record, content: dict) -> None:
    """A correction goes live at once, so new personal data or markings in it are refused outright."""
    from xxgk import screening
    from xxgk.org.screening import screening_config

    config = screening_config(record.institution)
    found = []
    for field in ("title", "summary", "body"):
        if field not in content:
            continue
        new = screening_gate.body_text(content[field]) if field == "body" else content[field]
        old = screening_gate.body_text(getattr(record, field)) if field == "body" else getattr(record, field)
        old_texts = {f.text for f in screening.scan_text(old or "", config)}
        found += [f for f in screening.scan_text(new or "", config) if f.text not in old_texts]
    if found:
        shown = "；".join(f"{f.label}“{f.text}”" for f in found[:5])
        raise ValidationError(_("更正内容含有个人信息或涉密标记（%(shown)s），请屏蔽后再提交。") % {"shown": shown})


@transaction.atomic
def withdraw(actor, record: Record, *, reason: str, expected_revision: int | None = None) -> Record:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("撤回时请写明撤回理由。")})
    record = RECORDS.lock(record, expected_revision)
    require(actor, "withdraw", record)
    _save(
        record,
        {"state": RecordState.WITHDRAWN, "withdrawn_reason": reason},
        actor,
        EventAction.WITHDRAWN,
        from_state=RecordState.PUBLISHED,
        comment=reason,
    )
    tallies.refresh_for(record)
    return record


def _attachment_event(record: Record, actor, action: str, **event) -> Record:
    """The record's event for a change to one of its attachments (its revision bumped, so a form opened
    before fails), then the re-scan the change calls for; in the caller's transaction."""
    _save(record, {"state_changed_at": record.state_changed_at}, actor, action, from_state=record.state, **event)
    screening_jobs.rescan(record)
    return record


def add_attachment(actor, record: Record, uploaded) -> Attachment:
    """Attach a file. The file is written in the transaction that writes its row and deleted again if
    that transaction rolls back; the file is screened after it (`screening_jobs.screen_after_upload`):
    in the request when small, otherwise in the background, the attachment showing 筛查中 meanwhile."""
    attachment = _attach(actor, record, uploaded)
    return screening_jobs.screen_after_upload(attachment)


@transaction.atomic
def _attach(actor, record: Record, uploaded) -> Attachment:
    record = RECORDS.lock(record)
    require(actor, "attach", record)
    return _store_attachment(actor, record, uploaded)


def _store_attachment(actor, record: Record, uploaded) -> Attachment:
    checked = check_upload(uploaded)
    attachment = screened_files.create(Attachment, checked, uploaded, record=record)
    _attachment_event(record, actor, EventAction.ATTACHMENT_ADDED, name=checked.name, size=checked.size)
    return attachment


@transaction.atomic
def remove_attachment(actor, attachment: Attachment) -> None:
    """Remove an attachment; its files leave storage once the removal has committed."""
    record = RECORDS.lock(attachment.record)
    require(actor, "attach", record)
    attachment = Attachment.objects.filter(pk=attachment.pk, record=record).first()
    if attachment is None:
        return
    name = attachment.name
    screened_files.discard(attachment)
    _attachment_event(record, actor, EventAction.ATTACHMENT_REMOVED, name=name)


@transaction.atomic
def add_posting(actor, record: Record, channel, *, posted_on: date, url: str = "") -> Posting:
    record = RECORDS.lock(record)
    require(actor, "post", record)
    if channel.institution_id != record.institution_id:
        raise PermissionDenied("channel of another institution")
    if Posting.objects.filter(record=record, channel=channel).exists():
        raise ValidationError(_("已登记过在“%(channel)s”的发布。") % {"channel": channel.name})
    posting = Posting.objects.create(record=record, channel=channel, posted_on=posted_on, url=url)
    RECORDS.write(
        record,
        actor,
        EventAction.POSTED,
        from_state=record.state,
        channel=channel.name,
        posted_on=posted_on.isoformat(),
    )
    return posting


@transaction.atomic
def enter_tally(actor, channel, *, period_start: date, period_end: date, count: int, note: str = "") -> ChannelTally:
    """A period count for a channel that is not logged item by item (office or the channel's department)."""
    require(actor, "tally", channel)
    if period_end < period_start:
        raise ValidationError(_("截止日期不能早于起始日期。"))
    if count < 0:
        raise ValidationError(_("数量不能为负数。"))
    tally = ChannelTally.objects.create(
        channel=channel, period_start=period_start, period_end=period_end, count=count, note=note, entered_by=actor
    )
    from xxgk.core.audit import audit

    audit(
        actor,
        "tally_entered",
        tally,
        _("填报 %(channel)s %(start)s 至 %(end)s 发布数量 %(count)s")
        % {"channel": channel.name, "start": period_start, "end": period_end, "count": count},
        institution=channel.institution,
    )
    return tally


@transaction.atomic
def create_channel(
    actor, institution, *, name: str, kind: str, department=None, url: str = "", logged_individually: bool = True
):
    from xxgk.core.audit import audit
    from xxgk.publishing.models import Channel

    require(actor, "manage", institution)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写渠道名称。")})
    if department is not None and department.institution_id != institution.id:
        raise ValidationError({"department": _("所选部门不属于本校。")})
    if Channel.objects.filter(institution=institution, name=name).exists():
        raise ValidationError({"name": _("已有同名渠道“%(name)s”。") % {"name": name}})
    channel = Channel.objects.create(
        institution=institution,
        name=name,
        kind=kind,
        department=department,
        url=url,
        logged_individually=logged_individually,
    )
    audit(actor, "channel_created", channel, _("新增发布渠道 %(name)s") % {"name": name}, institution=institution)
    return channel


def mask_finding(actor, finding: ScreeningFinding, *, expected_revision: int | None = None) -> Record:
    """One-click masking: the finding's text is replaced, in the field it was found in, by its masked form;
    in an attachment, the file is replaced by a masked copy (`mask_attachment`)."""
    if finding.in_picture:
        raise ValidationError(
            _(
                "文档内嵌图片中的个人信息无法自动屏蔽：请在文档中删除或替换该图片后重新上传，"
                "或由保密审查人核对后写明理由确认。"
            )
        )
    if finding.field == "attachment" and finding.kind not in screening_gate.NOT_MASKABLE:
        return mask_attachment(actor, finding.attachment, expected_revision=expected_revision)
    return _mask_in_field(actor, finding, expected_revision)


@transaction.atomic
def _mask_in_field(actor, finding: ScreeningFinding, expected_revision: int | None) -> Record:
    record = RECORDS.lock(finding.record, expected_revision)
    require(actor, "mask", record)
    if finding.kind in screening_gate.NOT_OVERRIDABLE:
        raise ValidationError(_("附件正在自动筛查，完成后才能处理筛查结果，请稍后刷新页面。"))
    if finding.kind in screening_gate.NOT_MASKABLE - {"secret_marker"}:
        raise ValidationError(
            _("该项无法以屏蔽处理：文件未能自动筛查或发现项过多，请人工核对后更换附件，或由保密审查人写明理由后确认。")
        )
    if finding.kind == "secret_marker":
        raise ValidationError(_("涉密标记不能以屏蔽处理：涉密信息不得公开，请删除相关内容或由审查人写明理由后忽略。"))
    changes = screening_gate.mask_in_field(record, finding)
    masked = screening_gate.masked_value(finding, record.institution)
    _save(
        record,
        {"state_changed_at": record.state_changed_at, **changes},
        actor,
        EventAction.SCREENING_MASKED,
        from_state=record.state,
        kind=finding.kind,
        field=finding.field,
        masked=masked,
    )
    screening_jobs.rescan(record)
    return record


def mask_attachment(actor, attachment: Attachment, *, expected_revision: int | None = None) -> Record:
    """Replace an attachment by its masked copy (the original stays, for staff only).

    A small file of a fast type (`screening_jobs.is_fast`: no OCR) is masked right here: the copy is
    made before the transaction (it can be slow), the transaction stores it only if the attachment is
    still the file that was masked, and the copy is then screened again. Anything else (a scan, which
    OCR reads again; a big file) is masked by the background worker: this only records the request
    (the attachment is 屏蔽处理中 and blocks the chain until its copy is made and screened)."""
    require(actor, "mask", Record.objects.get(pk=attachment.record_id))  # before the slow part
    if not screening_jobs.masks_here(attachment):  # refusals known from the format alone are said at once
        return _request_masking(actor, attachment, expected_revision)
    copy = screening_gate.masked_copy(attachment)
    record, attachment = _store_masked(actor, attachment, copy, expected_revision)
    if copy.masked:
        screening_jobs.screen_after_upload(attachment)
    return record


@transaction.atomic
def _request_masking(actor, attachment: Attachment, expected_revision: int | None) -> Record:
    record, attachment = screened_files.lock_own(ATTACHMENTS, actor, attachment, "mask", expected_revision)
    if attachment.screening != ScreeningState.DONE:
        raise ValidationError(_("该附件正在筛查或屏蔽处理，完成后再处理筛查结果，请稍后刷新页面。"))
    if attachment.is_archive:
        raise ValidationError(
            _("压缩包中的个人信息无法自动屏蔽：请解压后屏蔽、重新打包上传，或由保密审查人写明理由后确认。")
        )
    screened_files.mark_masking(attachment)
    _attachment_event(record, actor, EventAction.SCREENING_MASK_REQUESTED, attachment=attachment.name)
    screening_jobs.enqueue_screening(attachment.pk)  # the job makes the copy, then screens it
    return record


@transaction.atomic
def _store_masked(actor, attachment: Attachment, copy, expected_revision: int | None):
    record, attachment = screened_files.lock_own(ATTACHMENTS, actor, attachment, "mask", expected_revision)
    screened_files.take_copy(ATTACHMENTS, attachment, copy)
    _attachment_event(record, actor, EventAction.SCREENING_MASKED, attachment=attachment.name, masked=copy.masked)
    return record, attachment


MAX_FIELD_MASKS = 500


def mask_all(actor, record: Record) -> tuple[int, list[ScreeningFinding]]:
    """Mask every open finding of a record that can be masked — in its fields, and each attachment
    once (a masked copy replaces it; a scan or a big file is masked by the worker) — and return how
    many were handled and the findings a person must still decide (pictures, archives, files that
    could not be screened, secrecy markings). On a published record (the office only) the public
    copy changes at once; no version keeps the unmasked text."""
    require(actor, "mask", record)
    done, left, masked_files = 0, [], set()
    open_findings = ScreeningFinding.objects.filter(status=FindingStatus.OPEN).select_related("attachment")
    for finding in open_findings.filter(record=record, field="attachment").order_by("id"):
        if finding.in_picture or finding.kind in screening_gate.NOT_MASKABLE:
            left.append(finding)
        elif finding.attachment_id in masked_files:
            done += 1  # the same file's copy masks this one too
        else:
            try:
                mask_attachment(actor, finding.attachment)
            except ValidationError:
                left.append(finding)
            else:
                masked_files.add(finding.attachment_id)
                done += 1
    skipped: set[int] = set()
    # each mask re-scans the record, which replaces its field findings: take the next one afresh each time
    for _attempt in range(MAX_FIELD_MASKS):
        finding = open_findings.filter(record=record).exclude(field="attachment").exclude(pk__in=skipped).first()
        if finding is None:
            break
        if finding.in_picture or finding.kind in screening_gate.NOT_MASKABLE:
            skipped.add(finding.pk)
            left.append(finding)
            continue
        _mask_in_field(actor, finding, None)
        done += 1
    return done, left


@transaction.atomic
def override_finding(actor, finding: ScreeningFinding, *, reason: str) -> ScreeningFinding:
    """A reviewer decides a finding may stay, with a written reason shown in the record's history."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("忽略筛查结果时必须写明理由。")})
    record = RECORDS.lock(finding.record)
    require(actor, "override", record)
    if finding.kind in screening_gate.NOT_OVERRIDABLE:
        raise ValidationError(_("附件正在自动筛查，完成后才能处理筛查结果，请稍后刷新页面。"))
    screening_gate.resolve(finding, actor, FindingStatus.OVERRIDDEN, reason)
    RECORDS.write(
        record,
        actor,
        EventAction.SCREENING_OVERRIDE,
        from_state=record.state,
        comment=reason,
        kind=finding.kind,
        field=finding.field,
        text=screening_gate.event_text(finding, record.institution),
    )
    return finding
