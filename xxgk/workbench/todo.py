"""One to-do list for every kind of work: what waits for a person, oldest deadline first.

Each app that owns work registers a *source* in its ``AppConfig.ready()``: a function
``source(user, today, calendar_for)`` that returns the :class:`Task` objects waiting for ``user``
(asked of the one policy with ``allowed(user, action, Model)``) and, separately, the overdue items the
person oversees (``overdue=True`` sources: a department head's department, the office's institution).
The workbench knows nothing of applications or letters; it sorts and shows what the sources give."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Task:
    kind: str  # what sort of work: 信息发布, 依申请公开, 来信, 复议诉讼 …
    title: str
    url: str
    next_action: str  # the one step this person takes next
    due_on: date | None = None
    provisional: bool = False  # the deadline rests on calendar days not yet officially published (暂定)
    where: str = ""  # department / institution
    waiting_since: object = None  # when it arrived on the desk (for items without a deadline)
    key: str = field(default="", compare=False)  # "foi.application:12": one row per object and step

    def overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today

    def due_soon(self, today: date, days: int = 3) -> bool:
        return self.due_on is not None and 0 <= (self.due_on - today).days <= days


Source = Callable[..., Iterable[Task]]
_SOURCES: list[Source] = []
_OVERSEEN: list[Source] = []


def register(source: Source) -> Source:
    """Add a source of work waiting for a person (used as a decorator in an app's todo module)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def register_overseen(source: Source) -> Source:
    """Add a source of overdue items a person oversees (their department's or institution's)."""
    if source not in _OVERSEEN:
        _OVERSEEN.append(source)
    return source


def _ordered(tasks: Iterable[Task]) -> list[Task]:
    unique = {}
    for t in tasks:
        unique.setdefault(t.key or (t.url, t.next_action), t)
    far = date.max
    return sorted(unique.values(), key=lambda t: (t.due_on or far, str(t.waiting_since or ""), t.title))


def tasks_for(user, today: date) -> list[Task]:
    """Everything waiting for `user`, the earliest deadline first (items without one last)."""
    return _ordered(t for source in _SOURCES for t in source(user, today))


def overseen_overdue(user, today: date) -> list[Task]:
    """Overdue items in the departments or institutions `user` oversees, not already on their own list."""
    return _ordered(t for source in _OVERSEEN for t in source(user, today))


KIND_RECORD = _("信息发布")


def tasks_of_request(request) -> list[Task]:
    """`tasks_for` the signed-in person, computed once per request (the page and the menu's count share it)."""
    from django.utils import timezone

    cached = getattr(request, "_xxgk_tasks", None)
    if cached is None:
        cached = request._xxgk_tasks = tasks_for(request.user, timezone.localdate())
    return cached
