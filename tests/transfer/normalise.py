"""An export as content alone, to compare two exports of the same institution made in two deployments.

Primary keys go: a reference becomes the digest of the row it names (which names its own references the
same way), a file its content's sha256 (its member name); each model's rows become a multiset of their
canonical JSON. Two exports compare equal when they hold the same rows and files, whatever their ids.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from django.db.models import FileField

from xxgk.transfer import plan
from xxgk.transfer.archive import Reader


def normalise(path, *, drop=lambda label, fields: False) -> dict[str, Counter]:
    """label -> Counter of canonical rows, plus "users"; rows for which `drop(label, fields)` is true left out."""
    reader = Reader(path)
    try:
        data = {label: {row["pk"]: row["fields"] for row in reader.rows(label)} for label in plan.OWNED}
        users = Counter(json.dumps(u, sort_keys=True, ensure_ascii=False) for u in reader.users())
    finally:
        reader.close()
    memo: dict[tuple[str, int], str] = {}

    def digest(label: str, pk) -> str | None:
        if pk not in data[label]:
            return None
        key = (label, pk)
        if key not in memo:
            memo[key] = "(cycle)"
            text = json.dumps(canon(label, data[label][pk]), sort_keys=True, ensure_ascii=False)
            memo[key] = hashlib.sha256(text.encode()).hexdigest()
        return memo[key]

    def canon(label: str, fields: dict) -> dict:
        model = plan.model(label)
        out = {}
        for name, value in fields.items():
            f = model._meta.get_field(name)
            if f.is_relation and plan.kind_of(f) == "owned":
                target = f.related_model._meta.label
                if f.many_to_many:
                    out[name] = sorted(digest(target, v) or "" for v in value)
                else:
                    out[name] = None if value is None else digest(target, value)
            elif isinstance(f, FileField):
                out[name] = value["file"] if value else None
            else:
                out[name] = walk(value)
        return out

    def walk(value):
        if isinstance(value, dict) and "$ref" in value:
            return ["ref", digest(value["$ref"], value["id"])]
        if isinstance(value, dict) and "$file" in value:
            return ["file", value["$file"]]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    result = {
        label: Counter(
            json.dumps(canon(label, fields), sort_keys=True, ensure_ascii=False)
            for fields in rows.values()
            if not drop(label, fields)
        )
        for label, rows in data.items()
    }
    result["users"] = users
    return result
