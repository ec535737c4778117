"""What a deployment holds, as comparable digests: every row of every table (as values, in primary-key
order, many-to-many links included) and every stored file's sha256, read through the storage API.

`python -m tests.backup.snapshot OUT.json` writes it for the database and storage the environment
configures (DATABASE_URL, MEDIA_ROOT), so a restored copy in another process can be compared with the
original read in the test's own process.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys

#: rebuilt on restore, not copied: the search index (compared by what a search finds instead)
REBUILT = {"portal.searchentry", "portal.indexmark"}


def snapshot() -> dict:
    from django.apps import apps
    from django.core.serializers.json import DjangoJSONEncoder
    from django.db import models

    rows, files = {}, {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in REBUILT or not model._meta.managed:
            continue
        columns = [f.attname for f in model._meta.concrete_fields]
        values = list(model._base_manager.order_by("pk").values_list(*columns))
        body = json.dumps(values, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
        rows[label] = {"count": len(values), "sha256": hashlib.sha256(body.encode()).hexdigest()}
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                for name in model._base_manager.exclude(**{f.attname: ""}).values_list(f.attname, flat=True):
                    if name:
                        with f.storage.open(name, "rb") as handle:
                            files[name] = hashlib.sha256(handle.read()).hexdigest()
    return {"rows": rows, "files": files}


def search_hits(query: str) -> int:
    from xxgk.org.models import Institution
    from xxgk.portal import search

    return sum(search.search(i, query).total for i in Institution.objects.all())


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    import django

    django.setup()
    out = snapshot()
    out["search"] = {q: search_hits(q) for q in sys.argv[2:]}
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=False)
