"""Files in storage follow the transaction that writes their rows.

`save` writes a file for a row being written in the current transaction and deletes it again if
that transaction (or the savepoint it was written in) rolls back, so a refused or failed upload, a
Conflict or an exception leaves nothing behind. `delete_on_commit` removes the files of a deleted
row only once the deletion has committed, so a rolled-back deletion keeps them.

How a rollback is noticed: Django runs a transaction's `on_commit` hooks after it commits and
forgets them, unrun, when it (or the savepoint they were registered in) rolls back. `save` registers
a hook that marks the file kept; when Django lets go of the hook without running it, the file is
deleted. Hooks run in order and a hook that raises stops the ones after it, which would look like
a rollback: register commit hooks with `robust=True` (this module and `screening_jobs` do).
A process killed between writing the file and the end of the transaction can still leave a file
behind; nothing in the database names it.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

from django.db import transaction


class _KeepOnCommit:
    """The on-commit hook of one written file: run means committed; dropped unrun means rolled back."""

    __slots__ = ("committed", "__weakref__")

    def __init__(self, storage, name: str) -> None:
        self.committed = [False]
        weakref.finalize(self, _delete_unless_committed, storage, name, self.committed)

    def __call__(self) -> None:
        self.committed[0] = True


def _delete_unless_committed(storage, name: str, committed: list[bool]) -> None:
    if not committed[0]:
        storage.delete(name)


def save(field_file, name: str, content) -> str:
    """Write `content` into `field_file` (without saving the row); returns the stored name. The file
    is deleted again if the current transaction rolls back."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("write a row's file inside the transaction that writes the row")
    field_file.save(name, content, save=False)
    transaction.on_commit(_KeepOnCommit(field_file.storage, field_file.name), robust=True)
    return field_file.name


def delete_on_commit(storage, *names: str) -> None:
    """Delete these files once the current transaction commits (at once outside a transaction)."""

    def delete_files() -> None:
        for name in names:
            if name:
                storage.delete(name)

    transaction.on_commit(delete_files, robust=True)


def walk(storage, folder: str = "") -> Iterator[str]:
    """Every file name in `storage` under `folder`, through the storage API alone (local disk or an
    object store alike), in a stable order. A storage with nothing in it yet has no folder to list."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from walk(storage, prefix + sub)
