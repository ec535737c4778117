"""Where and when attachments are screened: never inside the transaction that writes them.

After the transaction that wrote an attachment (or its masked copy) ends, `screen_after_upload`
screens the file right there when it is small and of a fast type (txt, docx, xlsx, pptx, pdf up to
XXGK_SCREENING_INLINE_BYTES), and otherwise hands it to `enqueue_screening`, which queues a job
(`xxgk.jobs`, kind `publishing.screen_attachment`, one queued per attachment) that `xxgk worker` runs.
With XXGK_SCREENING_BACKGROUND off every file is screened in the request instead.

A job (`screen_attachment`) reads and screens the file with no transaction open. Anything but a
small file of a fast type is screened in a child process killed after
XXGK_SCREENING_TIMEOUT_SECONDS and capped at XXGK_SCREENING_MEMORY_MB (`screening_process`). Then,
in one short transaction, it locks the record, stores the result (only if the attachment still
exists and its sha256 is unchanged), re-scans the record and writes a SCREENING_DONE event. A
screening that fails, times out or runs out of memory is stored as unscreenable, with the reason:
it fails closed.

Masking a file that is not small and fast (a scan, which OCR reads again) is a job too: the request
only marks the attachment MASKING (屏蔽处理中, `services.mask_attachment`); the job (`mask_attachment`)
makes the masked copy in the same bounded child process, stores it as the attachment's file and
screens it again. The attachment blocks the chain as pending meanwhile.

Work lost with a process (a restart, a crash) is found again: an attachment pending for longer
than XXGK_SCREENING_STALE_SECONDS is queued again when its record page is shown (`requeue_stale`)
and by `xxgk screen-pending`, which screens every pending attachment in the foreground.

`enqueue_screening(attachment_id)` and `enqueue_job(job, pk)` are the entry points to the queue: other
apps' files screened by the same machinery (an FOI reply's files, `foi/reply_files.py`) use the small
pieces it is built from (`screens_here`, `screen_file`, `mask_file`) and `enqueue_job` with their own
job function registered as a kind (`@jobs.job`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk import jobs, screening
from xxgk.org.screening import screening_config
from xxgk.publishing import screening_gate
from xxgk.publishing.journal import RECORDS
from xxgk.publishing.models import Attachment, AttachmentScreening, EventAction, Record, ScreeningState
from xxgk.publishing.screening_process import ScreeningFailed, summarise, summarise_isolated

logger = logging.getLogger(__name__)

#: Types whose text comes out quickly; small files of these are screened in the request.
FAST_SUFFIXES = (".txt", ".docx", ".xlsx", ".pptx", ".pdf")


def is_fast(attachment: Attachment) -> bool:
    """Small, of a fast type and needing no OCR (a PDF with a scanned page does): screened in this
    process, without a child process."""
    if attachment.size > settings.XXGK_SCREENING_INLINE_BYTES or not attachment.name.lower().endswith(FAST_SUFFIXES):
        return False
    if attachment.name.lower().endswith(".pdf"):
        with attachment.file.open("rb") as handle:
            return not screening.needs_ocr(handle.read(), attachment.name)
    return True


def screens_here(row) -> bool:
    """Whether a new or changed file (an attachment, or any row with `file`, `name` and `size`) is
    screened right here in the request, after its transaction: small and fast, or background off."""
    return is_fast(row) or not settings.XXGK_SCREENING_BACKGROUND


def screen_after_upload(attachment: Attachment) -> Attachment:
    """Screen a new or changed attachment file; call it after the transaction that wrote it.

    In the request when the file is small and fast (or background screening is off), otherwise on
    the background worker. Returns the attachment as stored."""
    if screens_here(attachment):
        screen_attachment(attachment.pk)
        return Attachment.objects.defer("text").get(pk=attachment.pk)
    stored = Attachment.objects.defer("text").get(pk=attachment.pk)  # read before the worker may start
    enqueue_screening(attachment.pk)
    return stored


def job_lease() -> int:
    """Seconds a worker holds a screening job: a screening and a masking in the child process, and room."""
    return 2 * settings.XXGK_SCREENING_TIMEOUT_SECONDS + 300


def enqueue_screening(attachment_id: int) -> None:
    """Screen this attachment in the background: a job queued with the current transaction (at most one
    queued per attachment), run by the worker; right here once the transaction commits when
    XXGK_SCREENING_BACKGROUND is off."""
    institution = Attachment.objects.filter(pk=attachment_id).values_list("record__institution_id", flat=True).first()
    enqueue_job(screen_attachment, attachment_id, institution=institution)


def enqueue_job(job, pk: int, *, institution=None) -> None:
    """Run `job(pk)` in the background, as `enqueue_screening` does for attachments: `job` is a function
    registered as a kind of job (`@jobs.job`); right here once the transaction commits when
    XXGK_SCREENING_BACKGROUND is off. For files other apps screen with this machinery (an FOI reply's
    files: `foi/reply_files.py`)."""
    if settings.XXGK_SCREENING_BACKGROUND:
        kind = jobs.name_of(job)
        jobs.enqueue(kind, pk, key=f"{kind}:{pk}", institution=institution)
    else:
        transaction.on_commit(lambda: job(pk), robust=True)


#: Other apps' files waiting to be screened, for `xxgk screen-pending`: callables registered with
#: `register_pending` that yield (label, job, pk), `job(pk)` screening one file.
PENDING_SOURCES: list = []


def register_pending(source):
    """Let `xxgk screen-pending` screen another app's pending files (called from its AppConfig.ready)."""
    if source not in PENDING_SOURCES:
        PENDING_SOURCES.append(source)
    return source


def stale_before():
    """Pending work last queued or started before this moment was lost with a process: queue it again."""
    return timezone.now() - timedelta(seconds=settings.XXGK_SCREENING_STALE_SECONDS)


def rescan(record: Record) -> list:
    """Re-scan the record (`screening_gate.rescan`) and queue the attachments it left pending with
    nobody screening them (their stored result was made with another configuration)."""
    findings = screening_gate.rescan(record)
    requeue_stale(record)
    return findings


def requeue_stale(record: Record | None = None) -> list[int]:
    """Queue again the pending (or masking) attachments (of `record`, or all) that nobody has been working on for
    XXGK_SCREENING_STALE_SECONDS: their job was lost with a process, or never queued."""
    cutoff = stale_before()
    stale = Attachment.objects.exclude(screening=ScreeningState.DONE).filter(
        Q(screening_requested_at__isnull=True) | Q(screening_requested_at__lt=cutoff)
    )
    if record is not None:
        stale = stale.filter(record=record)
    ids = list(stale.values_list("pk", flat=True))
    if ids:
        Attachment.objects.filter(pk__in=ids).update(screening_requested_at=timezone.now())
        for pk in ids:
            enqueue_screening(pk)
    return ids


@jobs.job("publishing.screen_attachment", attempts=3, lease=job_lease, label="附件筛查")
def screen_attachment(attachment_id: int) -> bool:
    """Screen the attachment's file with no transaction open and store the result (for an attachment
    whose masking was asked for: make, store and screen its masked copy, `mask_attachment`). False when
    there was nothing to do: the attachment is gone, already screened, or its file changed meanwhile."""
    attachment = (
        Attachment.objects.select_related("record__institution", "screening_result")
        .defer("text")
        .filter(pk=attachment_id)
        .first()
    )
    if attachment is None:
        return False
    if attachment.screening == ScreeningState.MASKING:
        return mask_attachment(attachment)
    config = screening_config(attachment.record.institution)
    key = screening_gate.config_key(config)
    if screening_gate.stored_result(attachment, key) is not None:
        return False
    Attachment.objects.filter(pk=attachment_id).update(screening_requested_at=timezone.now())
    screened = screen_file(attachment, config)
    return _store(attachment_id, attachment.sha256, key, screened.text, screened.rows, screened.seconds)


@dataclass(frozen=True)
class Screened:
    """What screening one stored file gave: its text, the finding rows the gate stores, how long it took."""

    text: str
    rows: list
    seconds: float


def screen_file(row, config: screening.ScreeningConfig) -> Screened:
    """Read and screen a stored file (an attachment, or any row with `file`, `name` and `size`) with no
    transaction open: a small file of a fast type in this process, anything else in the bounded child
    process. Fails closed: a screening that fails, times out or runs out of memory, a file that cannot
    be read or a bug in an extractor gives an unscreenable row with the reason."""
    started = time.monotonic()
    text, rows = "", None
    try:
        with row.file.open("rb") as handle:
            data = handle.read()
        if is_fast(row):
            summary = summarise(data, row.name, config)
        else:
            summary = summarise_isolated(
                data,
                row.name,
                config,
                timeout=settings.XXGK_SCREENING_TIMEOUT_SECONDS,
                memory_mb=settings.XXGK_SCREENING_MEMORY_MB,
            )
    except ScreeningFailed as exc:
        rows = screening_gate.failed_rows(row.name, exc.why)
    except OSError as exc:
        rows = screening_gate.failed_rows(row.name, _("附件文件无法读取：%(error)s") % {"error": exc})
    except Exception as exc:  # a bug in an extractor must not pass the file: it fails closed
        logger.exception("screening %s %s failed", type(row).__name__, row.pk)
        rows = screening_gate.failed_rows(row.name, f"{type(exc).__name__}: {exc}"[:200])
    else:
        text, rows = summary["text"], screening_gate.attachment_rows(summary, row.name)
    return Screened(text, rows, time.monotonic() - started)


@transaction.atomic
def _store(attachment_id: int, sha256: str, key: str, text: str, rows: list, seconds: float) -> bool:
    record_id = Attachment.objects.filter(pk=attachment_id).values_list("record_id", flat=True).first()
    if record_id is None:
        return False
    record = RECORDS.lock(Record(pk=record_id))
    attachment = Attachment.objects.filter(pk=attachment_id).defer("text").first()
    if attachment is None or attachment.sha256 != sha256:
        return False  # removed, or masked since: the new file has its own screening
    AttachmentScreening.objects.update_or_create(
        attachment=attachment,
        defaults={"sha256": sha256, "config_key": key, "rows": rows, "screened_at": timezone.now(), "seconds": seconds},
    )
    if attachment.screening == ScreeningState.MASKING:  # its masked copy is being made: it stays so
        Attachment.objects.filter(pk=attachment_id).update(text=text)
    else:
        Attachment.objects.filter(pk=attachment_id).update(screening=ScreeningState.DONE, text=text)
    rescan(record)
    kinds = [row[0] for row in rows]
    RECORDS.write(
        record,
        None,
        EventAction.SCREENING_DONE,
        from_state=record.state,
        attachment=attachment.name,
        findings=sum(1 for k in kinds if k not in {screening_gate.UNSCREENABLE, screening_gate.TOO_MANY}),
        unscreenable=kinds.count(screening_gate.UNSCREENABLE),
        too_many=kinds.count(screening_gate.TOO_MANY),
        seconds=round(seconds, 1),
    )
    return True


def mask_attachment(attachment: Attachment) -> bool:
    """Make the masked copy a person asked for (`services.mask_attachment` set the attachment
    MASKING, 屏蔽处理中): in a bounded child process with no transaction open, like screening; then,
    in one short transaction, store it as the attachment's file (the original is kept for staff) if
    the attachment is still that file, and screen the copy again. A copy that cannot be made puts the
    attachment back as it was, with a SCREENING_MASK_FAILED event saying why. False when there was
    nothing to do (the attachment was removed or changed meanwhile)."""
    Attachment.objects.filter(pk=attachment.pk).update(screening_requested_at=timezone.now())
    copy, why = mask_file(attachment, attachment.record.institution)
    if copy is None:
        return _mask_failed(attachment.pk, attachment.sha256, why)
    if not _store_masked_copy(attachment.pk, copy):
        return False
    if copy.masked:
        screen_attachment(attachment.pk)  # the copy is a new file: screened again
    return True


def mask_file(row, institution) -> tuple[screening_gate.MaskedCopy | None, str]:
    """The masked copy of a stored file (an attachment, or any row with `file`, `name` and `sha256`),
    made in the bounded child process with no transaction open, as the background worker makes it;
    (None, why) when it cannot be made (the file stays as it was, its findings open)."""
    try:
        return screening_gate.masked_copy(row, isolated=True, institution=institution), ""
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    except ScreeningFailed as exc:
        return None, exc.why
    except OSError as exc:
        return None, _("附件文件无法读取：%(error)s") % {"error": exc}
    except Exception as exc:  # a bug in a masker: the file stays as it was, its findings open
        logger.exception("masking %s %s failed", type(row).__name__, row.pk)
        return None, f"{type(exc).__name__}: {exc}"[:200]


def _lock_masking(attachment_id: int, sha256: str):
    """(record locked, attachment) while the attachment is still the file asked to be masked; None when it
    was removed, replaced or masked since. Call inside a transaction."""
    record_id = Attachment.objects.filter(pk=attachment_id).values_list("record_id", flat=True).first()
    if record_id is None:
        return None
    record = RECORDS.lock(Record(pk=record_id))
    attachment = Attachment.objects.filter(pk=attachment_id).defer("text").first()
    if attachment is None or attachment.sha256 != sha256 or attachment.screening != ScreeningState.MASKING:
        return None
    return record, attachment


@transaction.atomic
def _store_masked_copy(attachment_id: int, copy: screening_gate.MaskedCopy) -> bool:
    locked = _lock_masking(attachment_id, copy.sha256)
    if locked is None:
        return False
    record, attachment = locked
    if copy.masked:
        screening_gate.store_masked_file(attachment, copy)
    else:  # nothing to mask after all: the stored result still stands for this file
        attachment.screening = ScreeningState.DONE
        attachment.save(update_fields=["screening"])
    RECORDS.write(
        record,
        None,
        EventAction.SCREENING_MASKED,
        from_state=record.state,
        attachment=attachment.name,
        masked=copy.masked,
    )
    rescan(record)
    return True


@transaction.atomic
def _mask_failed(attachment_id: int, sha256: str, why: str) -> bool:
    locked = _lock_masking(attachment_id, sha256)
    if locked is None:
        return False
    record, attachment = locked
    attachment.screening = ScreeningState.DONE  # its stored result, findings open, stands again
    attachment.save(update_fields=["screening"])
    RECORDS.write(
        record,
        None,
        EventAction.SCREENING_MASK_FAILED,
        from_state=record.state,
        comment=_("未能生成屏蔽副本：%(why)s") % {"why": why},
        attachment=attachment.name,
    )
    rescan(record)
    return True
