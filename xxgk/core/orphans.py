"""Files in storage that no row names: what a process killed between writing a file and committing
its row leaves behind (`core.stored_files` removes them on any rollback it lives to see).

`orphans()` walks the default storage (local disk or an object store, through Django's storage API)
and lists the names of files older than `min_age` that no FileField of any model names (nor any other
reference an app registers with `register_references`, e.g. a message's attachments); `sweep()` logs
that list first (what a dry run shows), then reads the references again and deletes only the files
still named by none, so a row written meanwhile keeps its file. `xxgk sweep-media` runs it; the
nightly clean-up job sweeps files older than XXGK_ORPHAN_MIN_AGE_HOURS (default a day).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models

from xxgk.core.stored_files import walk

log = logging.getLogger(__name__)

#: other places rows name stored files (callables returning storage names), registered by their apps
REFERENCES: list[Callable[[], Iterable[str]]] = []


def register_references(source: Callable[[], Iterable[str]]) -> Callable[[], Iterable[str]]:
    """Let an app name stored files its rows hold outside a FileField (called from its AppConfig.ready)."""
    if source not in REFERENCES:
        REFERENCES.append(source)
    return source


def referenced() -> set[str]:
    """Every storage name a FileField of a row holds, and every name a registered source gives."""
    names: set[str] = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for field in fields:
            names.update(n for n in model._base_manager.exclude(**{field: ""}).values_list(field, flat=True) if n)
    for source in REFERENCES:
        names.update(n for n in source() if n)
    return names


def orphans(min_age_seconds: float = 3600, storage=None) -> Iterator[str]:
    """Names of stored files that no row names and that are older than `min_age_seconds` (a younger one
    may belong to a transaction still running)."""
    storage = storage or default_storage
    keep = referenced()
    cutoff = time.time() - min_age_seconds
    for name in walk(storage):
        if name not in keep and storage.get_modified_time(name).timestamp() < cutoff:
            yield name


def sweep(min_age_seconds: float, *, dry_run: bool = False, storage=None) -> tuple[list[str], list[str]]:
    """(found, deleted): log every orphan older than `min_age_seconds` (the dry run), then, unless
    `dry_run`, delete those that no row names when the references are read again just before."""
    storage = storage or default_storage
    found = list(orphans(min_age_seconds, storage))
    for name in found:
        log.info("orphan file%s: %s", " (dry run)" if dry_run else "", name)
    if dry_run or not found:
        return found, []
    keep = referenced()  # a row written since the listing keeps its file
    deleted = []
    for name in found:
        if name in keep:
            log.info("orphan file named by a row since it was listed, kept: %s", name)
            continue
        storage.delete(name)
        deleted.append(name)
    if deleted:
        log.warning("deleted %s orphan files older than %.0f hours", len(deleted), min_age_seconds / 3600)
    return found, deleted
