"""The files a 予以公开 or 部分公开 reply discloses (答复附件), screened as a record's attachments are.

The drafter uploads them on the application page; each is checked (`publishing.uploads.check_upload`),
stored with its row (`core/stored_files.py`: nothing is left by a refused or failed upload) and screened
after that transaction by the publishing gate's machinery (`publishing/screening_jobs.py`): a small file
of a fast type in the request (`screens_here`), anything else by the bounded background worker
(`enqueue_job`), in the same child process, failing closed (`screen_file`). The result is stored on the
row for that file and configuration. Until it is, the file is 筛查中 and the reply can be neither
approved nor sent; so it cannot while a finding is open. A finding is closed by masking the file (one
button per file: `mask_reply_file`, the copy made as for an attachment, `screening_gate.masked_copy`,
`store_masked_file`, in the request when small and fast, otherwise by the worker) or, in writing, by
whoever holds 保密审查 for the application while the reply awaits approval (`override_reply_file`, the
policy's `override`). Unscreenable files and too many findings cannot be masked, only let through so.

The applicant downloads `file` (the masked copy once masked), never `original_file`, and only once the
reply has been sent. Every change here locks the application, asks the policy and writes an
ApplicationEvent in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk import jobs, screening
from xxgk.core import stored_files
from xxgk.core.transitions import Conflict
from xxgk.foi.journal import APPLICATIONS
from xxgk.foi.loader import carries_files
from xxgk.foi.models import Application, EventAction, ReplyFile, State
from xxgk.org.policy import require
from xxgk.org.screening import screening_config
from xxgk.publishing import screening_gate, screening_jobs
from xxgk.publishing.models import ScreeningState
from xxgk.publishing.uploads import check_upload

#: At most this many files per reply.
MAX_FILES = 20


# --- what the gate says ---------------------------------------------------------------------------------------


def _key(institution) -> str:
    return screening_gate.config_key(screening_config(institution))


def is_current(row: ReplyFile, key: str) -> bool:
    """The row's stored result is for this very file and this configuration (`key`)."""
    return row.screening == ScreeningState.DONE and row.screened_sha256 == row.sha256 and row.config_key == key


def open_findings(row: ReplyFile) -> list[list]:
    """The stored finding rows nobody has masked away or let through."""
    let_through = {(kind, text) for kind, text in row.overridden}
    return [r for r in row.findings if (r[0], r[1]) not in let_through]


def maskable(row: ReplyFile) -> list[list]:
    """The open findings a masked copy can take out (not a secrecy marking, an unscreenable part, too many
    findings or a value in a picture inside a document)."""
    return [
        r
        for r in open_findings(row)
        if r[0] not in screening_gate.NOT_MASKABLE and screening.EMBEDDED_PREFIX not in (r[5] or "")
    ]


def files_of(app: Application) -> list[ReplyFile]:
    return list(ReplyFile.objects.filter(application_id=app.pk).order_by("id"))


def unready(app: Application, files: list[ReplyFile] | None = None) -> tuple[list[ReplyFile], list[ReplyFile]]:
    """(files still being screened or masked, or screened under another configuration; files with open findings)."""
    files = files_of(app) if files is None else files
    if not files:
        return [], []
    key = _key(app.institution)
    waiting = [f for f in files if not is_current(f, key)]
    blocked = [f for f in files if f not in waiting and open_findings(f)]
    return waiting, blocked


def refuse_unready(app: Application, reply_type) -> None:
    """Refuse approving or sending a reply whose files are not all screened and cleared, or which has files
    although its type discloses none."""
    files = files_of(app)
    if not files:
        return
    if not carries_files(reply_type):
        raise ValidationError(wrong_type_message(reply_type))
    waiting, blocked = unready(app, files)
    if waiting:
        names = "、".join(f"“{f.name}”" for f in waiting[:5])
        raise ValidationError(
            _("答复附件%(names)s%(more)s正在自动筛查，完成前不能审批或发送答复，请稍后刷新页面再办理。")
            % {"names": names, "more": _("等") if len(waiting) > 5 else ""}
        )
    if blocked:
        rows = [(f, r) for f in blocked for r in open_findings(f)]
        shown = "；".join(f"“{f.name}”{screening_gate.KIND_LABELS.get(r[0], r[0])}“{r[1]}”" for f, r in rows[:5])
        raise ValidationError(
            _(
                "答复附件尚有 %(n)d 处个人信息、涉密标记或无法自动筛查的内容未处理（%(shown)s%(more)s），"
                "请先屏蔽或更换文件，或由保密审查人写明理由后放行。"
            )
            % {"n": len(rows), "shown": shown, "more": _("等") if len(rows) > 5 else ""}
        )


def wrong_type_message(reply_type) -> str:
    return _("“%(type)s”的答复不提供文件：请删除答复附件，或改选予以公开、部分公开。") % {"type": reply_type.name}


def disclosed(app: Application) -> list[ReplyFile]:
    """The files the applicant may download: those of a reply sent as 予以公开 or 部分公开."""
    reply = getattr(app, "reply", None)
    if app.state != State.CLOSED or reply is None or not reply.sent_at or not carries_files(reply.reply_type):
        return []
    return files_of(app)


# --- changes by staff -----------------------------------------------------------------------------------------


def add_reply_file(actor, app: Application, uploaded) -> ReplyFile:
    """Attach a file to the reply. The file is written in the transaction that writes its row (and deleted
    again if it rolls back); it is screened after it, here when small and fast, otherwise in the background
    (the file shows 筛查中 meanwhile). Returns the row as stored."""
    row = _add(actor, app, uploaded)
    return _screen_soon(row)


@transaction.atomic
def _add(actor, app: Application, uploaded) -> ReplyFile:
    app = APPLICATIONS.lock(app)
    require(actor, "draft", app)
    checked = check_upload(uploaded)
    if ReplyFile.objects.filter(application=app).count() >= MAX_FILES:
        raise ValidationError(_("一份答复最多附 %(n)d 个文件。") % {"n": MAX_FILES})
    row = ReplyFile(
        application=app,
        name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        type_label=checked.type_label,
        sha256=checked.sha256,
        uploaded_by=actor,
        screening=ScreeningState.PENDING,
        screening_requested_at=timezone.now(),
    )
    stored_files.save(row.file, checked.name, uploaded)
    row.save()
    APPLICATIONS.save(
        app, {}, actor, EventAction.FILE_ADDED, from_state=app.state, comment=checked.name, size=checked.size
    )
    return row


def _screen_soon(row: ReplyFile) -> ReplyFile:
    """Screen a new or changed file after the transaction that wrote it (`screening_jobs.screens_here`)."""
    if screening_jobs.screens_here(row):
        screen_reply_file(row.pk)
        return ReplyFile.objects.get(pk=row.pk)
    stored = ReplyFile.objects.get(pk=row.pk)  # read before the worker may start
    screening_jobs.enqueue_job(screen_reply_file, row.pk, institution=row.application.institution_id)
    return stored


@transaction.atomic
def remove_reply_file(actor, row: ReplyFile) -> Application:
    """Remove a file from the reply; its files leave storage once the removal has committed."""
    app = APPLICATIONS.lock(row.application)
    require(actor, "draft", app)
    row = ReplyFile.objects.filter(pk=row.pk, application=app).first()
    if row is None:
        return app
    name, storage = row.name, row.file.storage
    names = (row.file.name, row.original_file.name)
    row.delete()
    stored_files.delete_on_commit(storage, *names)
    return APPLICATIONS.save(app, {}, actor, EventAction.FILE_REMOVED, from_state=app.state, comment=name)


def mask_reply_file(actor, row: ReplyFile) -> ReplyFile:
    """Replace the file by a copy with every finding masked (the original stays, for staff only).

    As for a record's attachment (`publishing.services.mask_attachment`): a small file of a fast type is
    masked here, the copy made before the transaction and stored only if the file is still the one
    masked, then screened again; anything else is only asked for here (屏蔽处理中, blocking the reply) and
    made by the background worker. Refusals known from the format alone are said at once."""
    app = row.application
    require(actor, "mask", app)  # before the slow part
    _refuse_unmaskable(row, app)
    if not screening_jobs.is_fast(row):
        with row.file.open("rb") as handle:
            refused = screening.masking_refused(handle.read(), row.name)
        if refused:
            raise ValidationError(refused)
        return _request_masking(actor, row)
    copy = screening_gate.masked_copy(row, institution=app.institution)
    row = _store_masked(actor, row, copy)
    return _screen_soon(row) if copy.masked else row


def _refuse_unmaskable(row: ReplyFile, app: Application) -> None:
    if not is_current(row, _key(app.institution)):
        raise ValidationError(_("该文件正在筛查或屏蔽处理，完成后再处理筛查结果，请稍后刷新页面。"))
    if row.is_archive:
        raise ValidationError(
            _("压缩包中的个人信息无法自动屏蔽：请解压后屏蔽、重新打包上传，或由保密审查人写明理由后放行。")
        )
    if not maskable(row):
        raise ValidationError(
            _(
                "该文件没有可以自动屏蔽的内容：涉密标记、无法自动筛查的部分、过多的发现项和文档内嵌图片中的个人信息"
                "须人工处理后重新上传，或由保密审查人写明理由后放行。"
            )
        )


def _lock_own(actor, row: ReplyFile, action: str) -> tuple[Application, ReplyFile]:
    """(the application locked, the file re-read) inside a transaction; Conflict when the file is gone."""
    app = APPLICATIONS.lock(row.application)
    require(actor, action, app)
    fresh = ReplyFile.objects.filter(pk=row.pk, application=app).first()
    if fresh is None:
        raise Conflict(APPLICATIONS.conflict_message)
    return app, fresh


@transaction.atomic
def _request_masking(actor, row: ReplyFile) -> ReplyFile:
    app, row = _lock_own(actor, row, "mask")
    _refuse_unmaskable(row, app)
    row.screening = ScreeningState.MASKING
    row.screening_requested_at = timezone.now()
    row.save(update_fields=["screening", "screening_requested_at"])
    APPLICATIONS.save(app, {}, actor, EventAction.FILE_MASK_REQUESTED, from_state=app.state, comment=row.name)
    screening_jobs.enqueue_job(screen_reply_file, row.pk, institution=app.institution_id)  # makes the copy, screens it
    return row


@transaction.atomic
def _store_masked(actor, row: ReplyFile, copy: screening_gate.MaskedCopy) -> ReplyFile:
    app, row = _lock_own(actor, row, "mask")
    if row.sha256 != copy.sha256:
        raise Conflict(APPLICATIONS.conflict_message)
    if copy.masked:
        screening_gate.store_masked_file(row, copy)
    APPLICATIONS.save(
        app, {}, actor, EventAction.FILE_MASKED, from_state=app.state, comment=row.name, masked=copy.masked
    )
    return row


@transaction.atomic
def override_reply_file(actor, row: ReplyFile, *, reason: str) -> ReplyFile:
    """保密审查 lets the file's open findings through, with a written reason kept in the history."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("放行时必须写明理由。")})
    app, row = _lock_own(actor, row, "override")
    if not is_current(row, _key(app.institution)):
        raise ValidationError(_("该文件正在筛查或屏蔽处理，完成后再处理筛查结果，请稍后刷新页面。"))
    rows = open_findings(row)
    if not rows:
        raise ValidationError(_("该文件没有待处理的筛查结果。"))
    row.overridden = [*row.overridden, *([r[0], r[1]] for r in rows)]
    row.override_reason = "\n".join(x for x in (row.override_reason, reason) if x)
    row.overridden_by, row.overridden_at = actor, timezone.now()
    row.save(update_fields=["overridden", "override_reason", "overridden_by", "overridden_at"])
    APPLICATIONS.save(
        app,
        {},
        actor,
        EventAction.FILE_OVERRIDDEN,
        from_state=app.state,
        comment=f"{row.name}：{reason}",
        findings=[screening_gate.history_text(r[0], r[1], app.institution) for r in rows],
    )
    return row


# --- the screening job (no transaction open) ------------------------------------------------------------------


@jobs.job("foi.screen_reply_file", attempts=3, lease=screening_jobs.job_lease, label="答复附件筛查")
def screen_reply_file(file_id: int) -> bool:
    """Screen the file with no transaction open and store the result (for a file whose masking was asked
    for: make, store and screen its masked copy). False when there was nothing to do: the file is gone,
    already screened for this configuration, or changed meanwhile."""
    row = ReplyFile.objects.select_related("application__institution").filter(pk=file_id).first()
    if row is None:
        return False
    if row.screening == ScreeningState.MASKING:
        return _mask_in_job(row)
    config = screening_config(row.application.institution)
    key = screening_gate.config_key(config)
    if is_current(row, key):
        return False
    ReplyFile.objects.filter(pk=file_id).update(screening_requested_at=timezone.now())
    screened = screening_jobs.screen_file(row, config)
    return _store(file_id, row.sha256, key, screened)


def _lock_file(file_id: int) -> tuple[Application, ReplyFile] | None:
    app_id = ReplyFile.objects.filter(pk=file_id).values_list("application_id", flat=True).first()
    if app_id is None:
        return None
    app = APPLICATIONS.lock(Application(pk=app_id))
    row = ReplyFile.objects.filter(pk=file_id).first()
    return (app, row) if row is not None else None


@transaction.atomic
def _store(file_id: int, sha256: str, key: str, screened: screening_jobs.Screened) -> bool:
    locked = _lock_file(file_id)
    if locked is None or locked[1].sha256 != sha256:
        return False  # removed, or masked since: the new file has its own screening
    app, row = locked
    row.findings, row.screened_sha256, row.config_key = screened.rows, sha256, key
    row.screened_at, row.seconds = timezone.now(), screened.seconds
    if row.screening != ScreeningState.MASKING:  # its masked copy is being made: it stays so
        row.screening = ScreeningState.DONE
    row.save(update_fields=["findings", "screened_sha256", "config_key", "screened_at", "seconds", "screening"])
    kinds = [r[0] for r in screened.rows]
    APPLICATIONS.write(
        app,
        None,
        EventAction.FILE_SCREENED,
        from_state=app.state,
        comment=row.name,
        findings=sum(1 for k in kinds if k not in {screening_gate.UNSCREENABLE, screening_gate.TOO_MANY}),
        unscreenable=kinds.count(screening_gate.UNSCREENABLE),
        too_many=kinds.count(screening_gate.TOO_MANY),
        seconds=round(screened.seconds, 1),
    )
    return True


def _mask_in_job(row: ReplyFile) -> bool:
    """Make the masked copy a person asked for, in the bounded child process, then store and screen it; a
    copy that cannot be made puts the file back with its findings open and says why in the history."""
    ReplyFile.objects.filter(pk=row.pk).update(screening_requested_at=timezone.now())
    copy, why = screening_jobs.mask_file(row, row.application.institution)
    if copy is None:
        return _mask_failed(row.pk, row.sha256, why)
    if not _store_masked_copy(row.pk, copy):
        return False
    if copy.masked:
        screen_reply_file(row.pk)  # the copy is a new file: screened again
    return True


def _lock_masking(file_id: int, sha256: str) -> tuple[Application, ReplyFile] | None:
    locked = _lock_file(file_id)
    if locked is None or locked[1].sha256 != sha256 or locked[1].screening != ScreeningState.MASKING:
        return None
    return locked


@transaction.atomic
def _store_masked_copy(file_id: int, copy: screening_gate.MaskedCopy) -> bool:
    locked = _lock_masking(file_id, copy.sha256)
    if locked is None:
        return False
    app, row = locked
    if copy.masked:
        screening_gate.store_masked_file(row, copy)
    else:  # nothing to mask after all: the stored result still stands for this file
        row.screening = ScreeningState.DONE
        row.save(update_fields=["screening"])
    APPLICATIONS.write(app, None, EventAction.FILE_MASKED, from_state=app.state, comment=row.name, masked=copy.masked)
    return True


@transaction.atomic
def _mask_failed(file_id: int, sha256: str, why: str) -> bool:
    locked = _lock_masking(file_id, sha256)
    if locked is None:
        return False
    app, row = locked
    row.screening = ScreeningState.DONE  # its stored result, findings open, stands again
    row.save(update_fields=["screening"])
    APPLICATIONS.write(
        app,
        None,
        EventAction.FILE_MASK_FAILED,
        from_state=app.state,
        comment=_("“%(name)s”未能生成屏蔽副本：%(why)s") % {"name": row.name, "why": why},
    )
    return True


def pending_jobs():
    """The files still waiting to be screened or masked, for `xxgk screen-pending` (registered in FoiConfig.ready)."""
    waiting = ReplyFile.objects.exclude(screening=ScreeningState.DONE).select_related("application").order_by("id")
    for row in waiting:
        yield (
            _("申请 %(code)s 答复附件“%(name)s”") % {"code": row.application.code, "name": row.name},
            screen_reply_file,
            row.pk,
        )


def requeue(app: Application) -> list[int]:
    """Queue again the application's files nobody is working on: screened under another configuration (the
    office changed its allow-list), or pending longer than XXGK_SCREENING_STALE_SECONDS (the job was lost
    with a process). Called when the application page is shown, after it is drawn."""
    key = _key(app.institution)
    files = ReplyFile.objects.filter(application_id=app.pk)
    changed = [f.pk for f in files.filter(screening=ScreeningState.DONE) if not is_current(f, key)]
    if changed:
        files.filter(pk__in=changed).update(screening=ScreeningState.PENDING, screening_requested_at=None)
    stale = files.exclude(screening=ScreeningState.DONE).filter(
        Q(screening_requested_at__isnull=True) | Q(screening_requested_at__lt=screening_jobs.stale_before())
    )
    ids = list(stale.values_list("pk", flat=True))
    if ids:
        ReplyFile.objects.filter(pk__in=ids).update(screening_requested_at=timezone.now())
        for pk in ids:
            screening_jobs.enqueue_job(screen_reply_file, pk, institution=app.institution_id)
    return ids
