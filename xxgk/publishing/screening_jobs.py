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

The steps here run for any kind of screened file (`screened_files.Owner`; the steps inside the owner's
transaction are in `screened_files`): `run_job` is the body of a file's job, `screen_soon` screens a new
or changed file after its transaction, `requeue` finds lost work again. Attachments are `ATTACHMENTS`,
their job `screen_attachment` and entry point to the queue `enqueue_screening(attachment_id)`; other
apps' files (an FOI reply's files, `foi/reply_files.py`) give their own Owner with their own job
function registered as a kind (`@jobs.job`), and `register_pending` them for `xxgk screen-pending`.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk import jobs, screening
from xxgk.org.screening import screening_config
from xxgk.publishing import screened_files, screening_gate
from xxgk.publishing.journal import RECORDS
from xxgk.publishing.models import Attachment, AttachmentScreening, EventAction, Record, ScreeningState
from xxgk.publishing.screened_files import Owner, Screened
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


def masks_here(row) -> bool:
    """Whether the masked copy a person asks for is made right here in the request (small and fast), rather
    than by the worker; a refusal known from the format alone (`screening.masking_refused`) is a
    ValidationError at once rather than a failure in the worker."""
    if is_fast(row):
        return True
    with row.file.open("rb") as handle:
        refused = screening.masking_refused(handle.read(), row.name)
    if refused:
        raise ValidationError(refused)
    return False


def screen_soon(owner: Owner, row):
    """Screen a new or changed file; call it after the transaction that wrote it. In the request when the
    file is small and fast (or background screening is off), otherwise on the background worker. Returns
    the file as stored."""
    if screens_here(row):
        owner.job(row.pk)
        return owner.files().get(pk=row.pk)
    stored = owner.files().get(pk=row.pk)  # read before the worker may start
    enqueue(owner, row.pk)
    return stored


def screen_after_upload(attachment: Attachment) -> Attachment:
    """Screen a new or changed attachment file (`screen_soon`); call it after the transaction that wrote it."""
    return screen_soon(ATTACHMENTS, attachment)


def job_lease() -> int:
    """Seconds a worker holds a screening job: a screening and a masking in the child process, and room."""
    return 2 * settings.XXGK_SCREENING_TIMEOUT_SECONDS + 300


def enqueue(owner: Owner, pk: int) -> None:
    """Screen this file of `owner`'s kind in the background (`enqueue_job` with its job)."""
    enqueue_job(owner.job, pk, institution=owner.institution_of(pk))


def enqueue_screening(attachment_id: int) -> None:
    """Screen this attachment in the background: a job queued with the current transaction (at most one
    queued per attachment), run by the worker; right here once the transaction commits when
    XXGK_SCREENING_BACKGROUND is off."""
    enqueue(ATTACHMENTS, attachment_id)


def enqueue_job(job, pk: int, *, institution=None) -> None:
    """Run `job(pk)` in the background, as `enqueue_screening` does for attachments: `job` is a function
    registered as a kind of job (`@jobs.job`); right here once the transaction commits when
    XXGK_SCREENING_BACKGROUND is off."""
    if settings.XXGK_SCREENING_BACKGROUND:
        kind = jobs.name_of(job)
        jobs.enqueue(kind, pk, key=f"{kind}:{pk}", institution=institution)
    else:
        transaction.on_commit(lambda: job(pk), robust=True)


#: Other apps' files waiting to be screened, for `xxgk screen-pending`: callables registered with
#: `register_pending` that yield (label, job, pk), `job(pk)` screening one file (`screened_files.pending_jobs`).
PENDING_SOURCES: list = []


def register_pending(source):
    """Let `xxgk screen-pending` screen another app's pending files (called from its AppConfig.ready)."""
    if source not in PENDING_SOURCES:
        PENDING_SOURCES.append(source)
    return source


def stale_before():
    """Pending work last queued or started before this moment was lost with a process: queue it again."""
    return timezone.now() - timedelta(seconds=settings.XXGK_SCREENING_STALE_SECONDS)


def requeue(owner: Owner, files, key: str | None = None) -> list[int]:
    """Queue again the files (of `files`, a query of `owner.model`) nobody is working on: pending (or
    masking) for longer than XXGK_SCREENING_STALE_SECONDS, their job lost with a process or never queued;
    with `key`, also those screened under another configuration (`screened_files.unsettle`)."""
    if key is not None:
        screened_files.unsettle(owner, files, key)
    ids = list(screened_files.stale(files, stale_before()).values_list("pk", flat=True))
    if ids:
        owner.model.objects.filter(pk__in=ids).update(screening_requested_at=timezone.now())
        for pk in ids:
            enqueue(owner, pk)
    return ids


def rescan(record: Record) -> list:
    """Re-scan the record (`screening_gate.rescan`) and queue the attachments it left pending with
    nobody screening them (their stored result was made with another configuration)."""
    findings = screening_gate.rescan(record)
    requeue_stale(record)
    return findings


def requeue_stale(record: Record | None = None) -> list[int]:
    """Queue again the pending (or masking) attachments (of `record`, or all) that nobody has been working on for
    XXGK_SCREENING_STALE_SECONDS: their job was lost with a process, or never queued."""
    files = Attachment.objects.all() if record is None else Attachment.objects.filter(record=record)
    return requeue(ATTACHMENTS, files)


# --- the job, for any kind of screened file (no transaction open) ----------------------------------------------


def run_job(owner: Owner, file_id: int) -> bool:
    """Screen the file with no transaction open and store the result (for a file whose masking was asked
    for: make, store and screen its masked copy, `mask_in_job`). False when there was nothing to do: the
    file is gone, already screened for this configuration, or changed meanwhile."""
    row = owner.files().select_related(f"{owner.field}__institution").filter(pk=file_id).first()
    if row is None:
        return False
    if row.screening == ScreeningState.MASKING:
        return mask_in_job(owner, row)
    config = screening_config(owner.owner_of(row).institution)
    key = screening_gate.config_key(config)
    if owner.is_current(row, key):
        return False
    owner.model.objects.filter(pk=file_id).update(screening_requested_at=timezone.now())
    screened = screen_file(row, config)
    return screened_files.store_result(owner, file_id, row.sha256, key, screened)


def mask_in_job(owner: Owner, row) -> bool:
    """Make the masked copy a person asked for (the file is MASKING, 屏蔽处理中): in a bounded child
    process with no transaction open, like screening; then, in one short transaction, store it as the
    file (the original is kept for staff) if the file is still the one asked about, and screen the copy
    again. A copy that cannot be made puts the file back as it was, its findings open, with the owner's
    event saying why. False when there was nothing to do (the file was removed or changed meanwhile)."""
    owner.model.objects.filter(pk=row.pk).update(screening_requested_at=timezone.now())
    copy, why = mask_file(row, owner.owner_of(row).institution)
    if copy is None:
        return screened_files.mask_failed(owner, row.pk, row.sha256, why)
    if not screened_files.store_masked_copy(owner, row.pk, copy):
        return False
    if copy.masked:
        owner.job(row.pk)  # the copy is a new file: screened again
    return True


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


# --- attachments ---------------------------------------------------------------------------------------------


@jobs.job("publishing.screen_attachment", attempts=3, lease=job_lease, label="附件筛查")
def screen_attachment(attachment_id: int) -> bool:
    """Screen the attachment's file with no transaction open and store the result, re-scan the record
    and write a SCREENING_DONE event (`run_job`); for an attachment whose masking was asked for, make,
    store and screen its masked copy (`mask_attachment`)."""
    return run_job(ATTACHMENTS, attachment_id)


def mask_attachment(attachment: Attachment) -> bool:
    """Make the masked copy a person asked for (`services.mask_attachment` set the attachment MASKING),
    store it (SCREENING_MASKED) and screen it; or put the attachment back with a SCREENING_MASK_FAILED
    event saying why (`mask_in_job`)."""
    return mask_in_job(ATTACHMENTS, attachment)


def _keep(attachment: Attachment, key: str, screened: Screened) -> None:
    """An attachment's result is its AttachmentScreening (re-scans of the record read it) and its text."""
    AttachmentScreening.objects.update_or_create(
        attachment=attachment,
        defaults={
            "sha256": attachment.sha256,
            "config_key": key,
            "rows": screened.rows,
            "screened_at": timezone.now(),
            "seconds": screened.seconds,
        },
    )
    Attachment.objects.filter(pk=attachment.pk).update(text=screened.text)


ATTACHMENTS = Owner(
    model=Attachment,
    field="record",
    journal=RECORDS,
    job=screen_attachment,
    is_current=lambda attachment, key: screening_gate.stored_result(attachment, key) is not None,
    keep=_keep,
    naming=lambda attachment, comment: {"attachment": attachment.name, "comment": comment},
    screened=EventAction.SCREENING_DONE,
    masked=EventAction.SCREENING_MASKED,
    mask_failed=EventAction.SCREENING_MASK_FAILED,
    after=lambda record: rescan(record),
    rows=lambda: Attachment.objects.select_related("screening_result").defer("text"),
)
