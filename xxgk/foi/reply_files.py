"""The files a 予以公开 or 部分公开 reply discloses (答复附件), screened as a record's attachments are.

The drafter uploads them on the application page; each is checked (`publishing.uploads.check_upload`),
stored with its row (`core/stored_files.py`: nothing is left by a refused or failed upload) and screened
after that transaction by the publishing gate's machinery, as a record's attachment is: `REPLY_FILES`
describes these files to it (`publishing/screened_files.py`: locking the application, storing the result on
the row, writing ApplicationEvents), `publishing/screening_jobs.py` runs the work (a small file of a fast
type in the request, anything else by the bounded background worker, failing closed). The result is stored
on the row for that file and configuration. Until it is, the file is 筛查中 and the reply can be neither
approved nor sent; so it cannot while a finding is open. A finding is closed by masking the file (one button
per file: `mask_reply_file`, the copy made as for an attachment, in the request when small and fast,
otherwise by the worker) or, in writing, by whoever holds 保密审查 for the application while the reply awaits
approval (`override_reply_file`, the policy's `override`). Unscreenable files and too many findings cannot
be masked, only let through so.

The applicant downloads `file` (the masked copy once masked), never `original_file`, and only once the
reply has been sent. Every change here locks the application, asks the policy and writes an
ApplicationEvent in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk import jobs, screening
from xxgk.foi.journal import APPLICATIONS
from xxgk.foi.loader import carries_files
from xxgk.foi.models import Application, EventAction, ReplyFile, State
from xxgk.org.policy import require
from xxgk.org.screening import screening_config
from xxgk.publishing import screened_files, screening_gate, screening_jobs
from xxgk.publishing.models import ScreeningState
from xxgk.publishing.screened_files import Screened
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
    return screening_jobs.screen_soon(REPLY_FILES, row)


@transaction.atomic
def _add(actor, app: Application, uploaded) -> ReplyFile:
    app = APPLICATIONS.lock(app)
    require(actor, "draft", app)
    checked = check_upload(uploaded)
    if ReplyFile.objects.filter(application=app).count() >= MAX_FILES:
        raise ValidationError(_("一份答复最多附 %(n)d 个文件。") % {"n": MAX_FILES})
    row = screened_files.create(ReplyFile, checked, uploaded, application=app, uploaded_by=actor)
    APPLICATIONS.save(
        app, {}, actor, EventAction.FILE_ADDED, from_state=app.state, comment=checked.name, size=checked.size
    )
    return row


@transaction.atomic
def remove_reply_file(actor, row: ReplyFile) -> Application:
    """Remove a file from the reply; its files leave storage once the removal has committed."""
    app = APPLICATIONS.lock(row.application)
    require(actor, "draft", app)
    row = ReplyFile.objects.filter(pk=row.pk, application=app).first()
    if row is None:
        return app
    name = row.name
    screened_files.discard(row)
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
    if not screening_jobs.masks_here(row):
        return _request_masking(actor, row)
    copy = screening_gate.masked_copy(row, institution=app.institution)
    row = _store_masked(actor, row, copy)
    return screening_jobs.screen_soon(REPLY_FILES, row) if copy.masked else row


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


@transaction.atomic
def _request_masking(actor, row: ReplyFile) -> ReplyFile:
    app, row = screened_files.lock_own(REPLY_FILES, actor, row, "mask")
    _refuse_unmaskable(row, app)
    screened_files.mark_masking(row)
    APPLICATIONS.save(app, {}, actor, EventAction.FILE_MASK_REQUESTED, from_state=app.state, comment=row.name)
    screening_jobs.enqueue(REPLY_FILES, row.pk)  # the job makes the copy, then screens it
    return row


@transaction.atomic
def _store_masked(actor, row: ReplyFile, copy: screening_gate.MaskedCopy) -> ReplyFile:
    app, row = screened_files.lock_own(REPLY_FILES, actor, row, "mask")
    screened_files.take_copy(REPLY_FILES, row, copy)
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
    app, row = screened_files.lock_own(REPLY_FILES, actor, row, "override")
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
    for: make, store and screen its masked copy), writing the application's event (`screening_jobs.run_job`).
    False when there was nothing to do: the file is gone, already screened for this configuration, or
    changed meanwhile."""
    return screening_jobs.run_job(REPLY_FILES, file_id)


def _keep(row: ReplyFile, key: str, screened: Screened) -> None:
    """A reply file's result is kept on its row."""
    row.findings, row.screened_sha256, row.config_key = screened.rows, row.sha256, key
    row.screened_at, row.seconds = timezone.now(), screened.seconds
    row.save(update_fields=["findings", "screened_sha256", "config_key", "screened_at", "seconds"])


def _naming(row: ReplyFile, comment: str) -> dict:
    """An application's events name the file in their comment."""
    return {"comment": f"“{row.name}”{comment}" if comment else row.name}


#: What the publishing gate's machinery needs to know about reply files (`publishing/screened_files.py`).
REPLY_FILES = screened_files.Owner(
    model=ReplyFile,
    field="application",
    journal=APPLICATIONS,
    job=screen_reply_file,
    is_current=is_current,
    keep=_keep,
    naming=_naming,
    screened=EventAction.FILE_SCREENED,
    masked=EventAction.FILE_MASKED,
    mask_failed=EventAction.FILE_MASK_FAILED,
)


def pending_jobs():
    """The files still waiting to be screened or masked, for `xxgk screen-pending` (registered in FoiConfig.ready)."""
    return screened_files.pending_jobs(
        REPLY_FILES,
        lambda row: _("申请 %(code)s 答复附件“%(name)s”") % {"code": row.application.code, "name": row.name},
    )


def requeue(app: Application) -> list[int]:
    """Queue again the application's files nobody is working on: screened under another configuration (the
    office changed its allow-list), or pending longer than XXGK_SCREENING_STALE_SECONDS (the job was lost
    with a process). Called when the application page is shown, after it is drawn."""
    return screening_jobs.requeue(REPLY_FILES, ReplyFile.objects.filter(application_id=app.pk), _key(app.institution))
