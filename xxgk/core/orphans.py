"""Files in storage that no row names: what a process killed between writing a file and committing
its row leaves behind (`core.stored_files` removes them on any rollback it lives to see).

`orphans()` walks the media root and lists files older than `min_age` that no FileField of any model
names; `xxgk sweep-media` deletes them (the worker's nightly clean-up runs it).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models


def referenced() -> set[str]:
    """Every storage name a FileField of a row holds."""
    names: set[str] = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for field in fields:
            names.update(n for n in model._base_manager.exclude(**{field: ""}).values_list(field, flat=True) if n)
    return names


def orphans(min_age_seconds: float = 3600, root: str | os.PathLike | None = None) -> Iterator[Path]:
    """Files under the media root that no row names and that are older than `min_age_seconds` (a
    younger one may belong to a transaction still running)."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    keep = referenced()
    cutoff = time.time() - min_age_seconds
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if relative not in keep and path.stat().st_mtime < cutoff:
                yield path
