"""The kinds of job: a name bound to a function, with its attempts, back-off and lease.

An app registers its kinds in its `tasks.py` (or any module that file imports) with the `job`
decorator; the decorator returns the function unchanged, so it can still be called directly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: seconds to wait before the 2nd, 3rd, … attempt of a failed job (the last value repeats)
BACKOFF_SECONDS = (30, 120, 600, 1800, 3600)


class UnknownKind(LookupError):
    """A job names a kind nobody registered (a typo, or code removed since it was queued)."""


@dataclass(frozen=True)
class Kind:
    name: str
    fn: Callable
    attempts: int
    backoff: tuple[int, ...]
    lease: int | Callable[[], int]  # seconds a worker holds a job before another may take it again
    label: str
    page: Callable | None = None  # job -> the address of the page where its user waits (its failure's to-do)

    def lease_seconds(self) -> int:
        return int(self.lease() if callable(self.lease) else self.lease)

    def wait_after(self, attempts: int) -> int:
        """Seconds to wait after the `attempts`-th failed attempt."""
        return self.backoff[min(max(attempts, 1), len(self.backoff)) - 1]


KINDS: dict[str, Kind] = {}
_NAMES: dict[Callable, str] = {}
_PAGES: dict[str, Callable] = {}


def job(
    name: str,
    *,
    attempts: int = 5,
    backoff: tuple[int, ...] = BACKOFF_SECONDS,
    lease: int | Callable[[], int] = 900,
    label: str = "",
    page: Callable | None = None,
):
    """Register `fn` as the kind `name`: `jobs.enqueue(name, *args, **kwargs)` queues `fn(*args, **kwargs)`.
    `page(job)` names the page where the user waits for it: a failed job is then on the office's 待办 there.

    A job must be idempotent: it may run again after a failure or after its worker died."""

    def register(fn: Callable) -> Callable:
        if name in KINDS and KINDS[name].fn is not fn:
            raise ValueError(f"job kind {name!r} registered twice")
        KINDS[name] = Kind(name, fn, attempts, tuple(backoff), lease, label or name, page)
        _NAMES[fn] = name
        return fn

    return register


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(name) from None


def page(name: str):
    """Name the page of kind `name` from outside its module (`@jobs.page("foi.screen_reply_file")` in the
    app's `job_pages.py`): `fn(job)` gives the address where the office deals with its failure, or None
    when what it was about is gone (then it is on nobody's 待办)."""

    def register(fn: Callable) -> Callable:
        _PAGES[name] = fn
        return fn

    return register


def page_of(job) -> str | None:
    """The address of the page where the office deals with this failed job (its kind's `page`), or None."""
    fn = _PAGES.get(job.kind) or (KINDS[job.kind].page if job.kind in KINDS else None)
    return fn(job) if fn is not None else None


def failure_page(job) -> str | None:
    """Where a job that failed for good is dealt with: its kind's page for a job of an institution (None
    when what it was about is gone); the job in the platform administrator's admin for a deployment-wide
    one (a scheduled command, the clean-up, the search index)."""
    if job.institution_id is None:
        from django.urls import reverse

        return reverse("admin:jobs_job_change", args=[job.pk])
    return page_of(job)


def name_of(fn: Callable) -> str:
    """The kind a registered function runs as."""
    try:
        return _NAMES[fn]
    except KeyError:
        raise UnknownKind(getattr(fn, "__qualname__", repr(fn))) from None
