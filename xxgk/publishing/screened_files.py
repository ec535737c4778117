"""The life of a file the gate screens, in the transaction of what it belongs to.

A record's attachment (`Attachment`) and an FOI reply's file (`foi.ReplyFile`) are the same kind of file
(`models.ScreenedFile`) and live the same way: written with their row, screened after that transaction,
masked on request (in the request when small and fast, otherwise by the worker), screened again. What
differs is described by an `Owner`: what the file belongs to and how that is locked (its journal), where
the result is kept, which events are written and what follows a change (a record is re-scanned; an
application needs nothing).

Every step here runs inside one transaction: it locks the owner through its journal, re-reads the file
and acts only while it is still the file asked about (the same sha256; for a masking, still MASKING),
changes it and writes the owner's event. The steps outside any transaction (screening and masking in the
bounded child process, the queue, requeueing) are `screening_jobs`, which runs them for any Owner. Other
apps give their Owner and keep their own service functions, policy checks and messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.core import stored_files
from xxgk.core.transitions import Conflict, Journal
from xxgk.org.policy import require
from xxgk.publishing import screening_gate
from xxgk.publishing.models import ScreenedFile, ScreeningState


@dataclass(frozen=True)
class Screened:
    """What screening one stored file gave: its text, the finding rows the gate stores, how long it took."""

    text: str
    rows: list
    seconds: float


def _nothing(owner: Model) -> None:
    return None


@dataclass(frozen=True)
class Owner:
    """What a kind of screened file belongs to, and what its life does there."""

    model: type[ScreenedFile]  # the file rows: Attachment, ReplyFile
    field: str  # the file's foreign key to its owner: "record", "application"
    journal: Journal  # how the owner is locked and its events are written
    job: Callable[[int], bool]  # the registered job that screens one file (or makes its masked copy)
    is_current: Callable[[Any, str], bool]  # the stored result is for this file and configuration key
    keep: Callable[[Any, str, Screened], None]  # store a result for the file as it is, under the key
    naming: Callable[[Any, str], dict]  # the event keywords naming the file, with a comment
    screened: str  # event actions: screening stored, masked copy stored, masked copy not made
    masked: str
    mask_failed: str
    after: Callable[[Model], object] = _nothing  # what the owner needs once a file changed (a record: re-scan)
    rows: Callable[[], QuerySet] | None = None  # how files are read (default: every column)

    def files(self) -> QuerySet:
        return self.rows() if self.rows is not None else self.model.objects.all()

    def owner_of(self, row) -> Model:
        return getattr(row, self.field)

    def institution_of(self, file_id: int):
        """The id of the institution the file belongs to, or None when it is gone."""
        return self.model.objects.filter(pk=file_id).values_list(f"{self.field}__institution_id", flat=True).first()

    def write(self, holder: Model, row, action: str, *, comment: str = "", **data) -> None:
        """The owner's event about this file, written by the machinery (no actor), in the owner's state."""
        self.journal.write(holder, None, action, from_state=holder.state, **self.naming(row, comment), **data)


# --- by a person, inside the owner's transaction (the app's service function checks the policy) ------------


def create(model: type[ScreenedFile], checked, uploaded, **fields) -> ScreenedFile:
    """A new file row from a checked upload (`uploads.check_upload`), pending, its file written with it
    (`core.stored_files`: deleted again if the transaction rolls back)."""
    row = model(
        name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        type_label=checked.type_label,
        sha256=checked.sha256,
        screening=ScreeningState.PENDING,
        screening_requested_at=timezone.now(),
        **fields,
    )
    stored_files.save(row.file, checked.name, uploaded)
    row.save()
    return row


def discard(row: ScreenedFile) -> None:
    """Delete the file row; its files (the masked copy and the original) leave storage once the transaction
    commits."""
    storage, names = row.file.storage, (row.file.name, row.original_file.name)
    row.delete()
    stored_files.delete_on_commit(storage, *names)


def lock_own(owner: Owner, actor, row, action: str, expected_revision: int | None = None):
    """(the owner locked, the file re-read) after the actor's right to `action` on the owner is checked;
    Conflict when the file is gone or no longer the owner's."""
    holder = owner.journal.lock(owner.owner_of(row), expected_revision)
    require(actor, action, holder)
    fresh = owner.files().filter(pk=row.pk, **{owner.field: holder}).first()
    if fresh is None:
        raise Conflict(owner.journal.conflict_message)
    return holder, fresh


def mark_masking(row: ScreenedFile) -> None:
    """Ask the worker for the masked copy: the file is 屏蔽处理中 (blocking its owner) until it is made."""
    row.screening = ScreeningState.MASKING
    row.screening_requested_at = timezone.now()
    row.save(update_fields=["screening", "screening_requested_at"])


def take_copy(owner: Owner, row: ScreenedFile, copy: screening_gate.MaskedCopy) -> None:
    """Make a masked copy made in the request the file's, if the file is still the one masked (Conflict
    otherwise); nothing to store when there was nothing to mask."""
    if row.sha256 != copy.sha256:
        raise Conflict(owner.journal.conflict_message)
    if copy.masked:
        screening_gate.store_masked_file(row, copy)


# --- by the worker (or after the request), each in one short transaction -------------------------------------


def lock(owner: Owner, file_id: int):
    """(the owner locked, the file re-read) inside a transaction; None when the file is gone."""
    owner_id = owner.model.objects.filter(pk=file_id).values_list(f"{owner.field}_id", flat=True).first()
    if owner_id is None:
        return None
    holder = owner.journal.lock(owner.journal.model(pk=owner_id))
    row = owner.files().filter(pk=file_id).first()
    return (holder, row) if row is not None else None


def lock_masking(owner: Owner, file_id: int, sha256: str):
    """As `lock`, while the file is still the one asked to be masked; None when it was removed, replaced
    or masked since."""
    locked = lock(owner, file_id)
    if locked is None or locked[1].sha256 != sha256 or locked[1].screening != ScreeningState.MASKING:
        return None
    return locked


@transaction.atomic
def store_result(owner: Owner, file_id: int, sha256: str, key: str, screened: Screened) -> bool:
    """Keep the result of screening the file with this sha256 under configuration `key`, and say so in the
    owner's history; False when the file was removed or changed meanwhile (the new file has its own
    screening)."""
    locked = lock(owner, file_id)
    if locked is None or locked[1].sha256 != sha256:
        return False
    holder, row = locked
    owner.keep(row, key, screened)
    if row.screening != ScreeningState.MASKING:  # its masked copy is being made: it stays so
        owner.model.objects.filter(pk=row.pk).update(screening=ScreeningState.DONE)
        row.screening = ScreeningState.DONE
    owner.after(holder)
    kinds = [r[0] for r in screened.rows]
    owner.write(
        holder,
        row,
        owner.screened,
        findings=sum(1 for k in kinds if k not in {screening_gate.UNSCREENABLE, screening_gate.TOO_MANY}),
        unscreenable=kinds.count(screening_gate.UNSCREENABLE),
        too_many=kinds.count(screening_gate.TOO_MANY),
        seconds=round(screened.seconds, 1),
    )
    return True


@transaction.atomic
def store_masked_copy(owner: Owner, file_id: int, copy: screening_gate.MaskedCopy) -> bool:
    """Make the worker's masked copy the file's (the original kept for staff) if the file is still the one
    asked to be masked; False otherwise."""
    locked = lock_masking(owner, file_id, copy.sha256)
    if locked is None:
        return False
    holder, row = locked
    if copy.masked:
        screening_gate.store_masked_file(row, copy)
    else:  # nothing to mask after all: the stored result still stands for this file
        row.screening = ScreeningState.DONE
        row.save(update_fields=["screening"])
    owner.write(holder, row, owner.masked, masked=copy.masked)
    owner.after(holder)
    return True


@transaction.atomic
def mask_failed(owner: Owner, file_id: int, sha256: str, why: str) -> bool:
    """The masked copy could not be made: the file stands again with its stored result, findings open, and
    the owner's history says why. False when the file was removed or changed meanwhile."""
    locked = lock_masking(owner, file_id, sha256)
    if locked is None:
        return False
    holder, row = locked
    row.screening = ScreeningState.DONE
    row.save(update_fields=["screening"])
    owner.write(holder, row, owner.mask_failed, comment=_("未能生成屏蔽副本：%(why)s") % {"why": why})
    owner.after(holder)
    return True


# --- what is waiting ----------------------------------------------------------------------------------------


def unsettle(owner: Owner, files: QuerySet, key: str) -> None:
    """Set pending, with nobody on them, the screened files (of `files`) whose result was made under another
    configuration than `key` (the office changed its allow-list), for `screening_jobs.requeue` to queue."""
    changed = [row.pk for row in files.filter(screening=ScreeningState.DONE) if not owner.is_current(row, key)]
    if changed:
        owner.model.objects.filter(pk__in=changed).update(screening=ScreeningState.PENDING, screening_requested_at=None)


def stale(files: QuerySet, cutoff) -> QuerySet:
    """The files (of `files`) pending or masking that nobody has queued or started since `cutoff`."""
    return files.exclude(screening=ScreeningState.DONE).filter(
        Q(screening_requested_at__isnull=True) | Q(screening_requested_at__lt=cutoff)
    )


def pending_jobs(owner: Owner, label: Callable[[Any], str], files: QuerySet | None = None):
    """(label, job, pk) for each file (of `files`, default all) still waiting to be screened or masked, for
    `xxgk screen-pending`: `job(pk)` screens it (or makes its masked copy)."""
    files = owner.files() if files is None else files
    for row in files.exclude(screening=ScreeningState.DONE).select_related(owner.field).order_by("id"):
        yield label(row), owner.job, row.pk
