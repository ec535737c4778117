"""Files in storage that no row names: what a process killed between writing a file and committing
its row leaves behind (`core.stored_files` removes them on any rollback it lives to see).

`orphans()` walks the default storage (local disk or an object store, through Django's storage API)
and lists the names of files older than `min_age` that no FileField of any model names; `xxgk
sweep-media` deletes them (the worker's nightly clean-up runs it).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models

from xxgk.core.stored_files import walk


def referenced() -> set[str]:
    """Every storage name a FileField of a row holds."""
    names: set[str] = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for field in fields:
            names.update(n for n in model._base_manager.exclude(**{field: ""}).values_list(field, flat=True) if n)
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
