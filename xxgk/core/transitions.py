"""The plumbing every app's service functions share.

A service function runs in one transaction (``@transaction.atomic``). It re-reads the row under a lock and
refuses when the row moved on since the actor saw it (``Journal.lock``), checks the actor, then saves the
change (``Journal.save``): the changed fields are written only if nobody wrote since the row was read, the
revision is bumped and the app's event row is written, all in the caller's transaction. Services return the
fresh instance. ``create_unique`` draws codes (query codes, item numbers) until one is free.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

M = TypeVar("M", bound=Model)
T = TypeVar("T")


class Conflict(Exception):
    """Someone else changed the row since the actor loaded it; the message is safe to show."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(str(message or _("该内容已被他人处理或修改，请刷新页面后再操作。")))


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("call inside the service function's transaction")


def lock(obj: M, expected_revision: int | None = None, *, related: Iterable[str] = (), message=None) -> M:
    """The row re-read under a lock; Conflict if its revision is not `expected_revision` (when given)."""
    _require_transaction()
    fresh = type(obj)._base_manager.select_for_update(of=("self",)).select_related(*related).get(pk=obj.pk)
    if expected_revision is not None and fresh.revision != expected_revision:
        raise Conflict(message)
    return fresh


def save_changes(obj: M, changes: dict, *, message=None) -> M:
    """Write `changes` and bump the revision, only if nobody wrote since `obj` was read; Conflict otherwise.

    The comparison is on the revision column itself, so it holds on SQLite (which ignores row locks) too.
    """
    _require_transaction()
    seen = obj.revision
    updated = type(obj)._base_manager.filter(pk=obj.pk, revision=seen).update(revision=seen + 1, **changes)
    if updated != 1:
        raise Conflict(message)
    for key, value in changes.items():
        setattr(obj, key, value)
    obj.revision = seen + 1
    return obj


@dataclass(frozen=True)
class Journal:
    """How one app's revisioned rows are locked, changed and written into its event table."""

    model: type[Model]
    event_model: type[Model]
    subject: str  # the event's foreign key to the row: "record", "application", "letter"
    conflict_message: str  # shown when someone else got there first (a lazy translation)
    related: tuple[str, ...] = ()  # loaded with the locked row
    columns: tuple[str, ...] = ()  # event keywords stored in their own column rather than in `data`
    copied: tuple[str, ...] = ()  # fields of the row copied onto each event (e.g. institution_id)

    def lock(self, obj: M, expected_revision: int | None = None) -> M:
        return lock(obj, expected_revision, related=self.related, message=self.conflict_message)

    def save(self, obj: M, changes: dict, actor, action: str, **event) -> M:
        """Save `changes` (bumping the revision) and write the event `action`; returns `obj`, updated."""
        save_changes(obj, changes, message=self.conflict_message)
        self.write(obj, actor, action, **event)
        return obj

    def write(
        self,
        obj: Model,
        actor,
        action: str,
        *,
        from_state: str = "",
        comment: str = "",
        at: datetime | None = None,
        **data,
    ) -> Model:
        """The event row for `obj` in its current state; an anonymous actor (the public) is stored as None."""
        _require_transaction()
        columns = {key: data.pop(key) for key in self.columns if key in data}
        return self.event_model._base_manager.create(
            **{self.subject: obj},
            **{name: getattr(obj, name) for name in self.copied},
            **columns,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            at=at or timezone.now(),
            action=action,
            from_state=from_state,
            to_state=obj.state,
            comment=comment,
            data=data,
        )


def random_code(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _i in range(length))


def create_unique(draw: Callable[[int], str], create: Callable[[str], T], *, attempts: int = 10) -> T:
    """`create(code)` for the first drawn code that a unique constraint accepts.

    `draw(attempt)` gives the code to try (attempt counts from 0). Each try runs in its own savepoint, so a
    collision (IntegrityError) undoes only that try and the next code is drawn; unlike checking exists()
    first, two requests drawing the same code at once cannot both take it.
    """
    error = None
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                return create(draw(attempt))
        except IntegrityError as exc:
            error = exc
    raise RuntimeError(f"no free code after {attempts} attempts") from error
