"""`export_institution`: write everything one institution owns into an archive (`archive.py`).

Read-only: the rows are read as of one moment (`_snapshot`), the zip is written beside the output and renamed
into place when complete, so a failed export leaves no half-written file. The export itself is written in
the institution's audit log afterwards (not in the archive it made).
"""

from __future__ import annotations

import os
import posixpath
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import FileField, Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from xxgk.core.audit import audit
from xxgk.transfer import archive, plan


class ExportError(Exception):
    """Something the institution owns cannot be written (a file missing from storage …)."""


@dataclass
class _Context:
    writer: archive.Writer
    ids: dict[str, set] = field(default_factory=dict)  # label -> primary keys exported
    usernames: dict[int, str] = field(default_factory=dict)
    national: dict[str, dict] = field(default_factory=dict)  # label -> pk -> natural key
    users: set[int] = field(default_factory=set)  # the users the rows name
    files: dict[str, dict] = field(default_factory=dict)  # storage name -> its entry
    warnings: list[str] = field(default_factory=list)

    def ref(self, label: str, pk):
        """A primary key written inside text or JSON, or None when it names nothing exported."""
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            return None
        if label == plan.USER:
            return self.user(pk)
        return {"$ref": label, "id": pk} if pk in self.ids.get(label, ()) else None

    def user(self, pk: int):
        if pk not in self.usernames:
            return None
        self.users.add(pk)
        return {"$user": self.usernames[pk]}

    def file(self, storage, name: str, where: str) -> dict:
        if name not in self.files:
            try:
                with storage.open(name, "rb") as handle:
                    member = self.writer.write_file(handle)
            except FileNotFoundError:
                raise ExportError(f"存储中找不到文件 {name}（{where}），无法导出。") from None
            self.files[name] = {"file": member, "name": posixpath.basename(name), "path": name}
        return self.files[name]


def export_institution(institution, output: str | os.PathLike) -> dict:
    """Write the archive to `output`; returns the manifest (counts per model, checksums, warnings)."""
    output = Path(output)
    handle = tempfile.NamedTemporaryFile(dir=output.parent, prefix=".export-", suffix=".zip", delete=False)
    try:
        with handle, _snapshot():
            manifest = _write(institution, archive.Writer(handle))
        os.replace(handle.name, output)
    except BaseException:
        os.unlink(handle.name)
        raise
    with transaction.atomic():
        audit(
            None,
            "institution_exported",
            institution,
            f"导出本校全部数据（{sum(manifest['counts'].values())} 行，{len(manifest['files'])} 个文件）",
            institution=institution,
        )
    return manifest


@contextmanager
def _snapshot():
    """Every row read as of one moment: a repeatable-read transaction on PostgreSQL (on SQLite the
    transaction keeps writers waiting until the export is written)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _querysets(institution) -> dict[str, object]:
    out = {}
    for m in plan.owned_models():
        lookup = plan.OWNED[m._meta.label]
        out[m._meta.label] = m._base_manager.filter(**{lookup: institution.pk}).order_by("pk")
    return out


def _write(institution, writer: archive.Writer) -> dict:
    querysets = _querysets(institution)
    ctx = _Context(writer)
    ctx.ids = {label: set(qs.values_list("pk", flat=True)) for label, qs in querysets.items()}
    ctx.usernames = dict(get_user_model()._base_manager.values_list("pk", "username"))
    ctx.national = {label: _natural_keys(label) for label in plan.NATIONAL}
    counts = {}
    for label, qs in querysets.items():
        m = plan.model(label)
        links = _many_to_many(m, ctx.ids[label])
        rows = [{"pk": obj.pk, "fields": _fields(obj, links, ctx)} for obj in qs.iterator(chunk_size=2000)]
        writer.write_json(archive.data_member(label), rows)
        counts[label] = len(rows)
    users = get_user_model()._base_manager.filter(pk__in=ctx.users).order_by("username")
    writer.write_json(
        archive.USERS,
        [
            {"username": u.username, "first_name": u.first_name, "last_name": u.last_name, "email": u.email}
            for u in users
        ],
    )
    manifest = {
        "format": archive.FORMAT,
        "format_version": archive.FORMAT_VERSION,
        "exported_at": timezone.now(),
        "institution": {"slug": institution.slug, "code": institution.code, "name": institution.name},
        "counts": counts,
        "users": len(ctx.users),
        "warnings": ctx.warnings,
    }
    writer.close(manifest)
    return {**manifest, "files": writer.checksums}


def _natural_keys(label: str) -> dict:
    lookups = plan.NATIONAL[label]
    return {row[0]: list(row[1:]) for row in plan.model(label)._base_manager.values_list("pk", *lookups)}


def _many_to_many(m: type[Model], pks: set) -> dict[str, dict]:
    """field name -> source pk -> target pks, one query per many-to-many field."""
    out = {}
    for f in m._meta.many_to_many:
        through = f.remote_field.through
        source, target = f"{f.m2m_field_name()}_id", f"{f.m2m_reverse_field_name()}_id"
        links: dict = {}
        for a, b in through._base_manager.filter(**{f"{source}__in": pks}).values_list(source, target).order_by(target):
            links.setdefault(a, []).append(b)
        out[f.name] = links
    return out


def _fields(obj: Model, links: dict, ctx: _Context) -> dict:
    label = obj._meta.label
    out = {}
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.is_relation:
            out[f.name] = _relation(obj, f, getattr(obj, f.attname), ctx)
        elif isinstance(f, FileField):
            value: FieldFile = getattr(obj, f.name)
            out[f.name] = ctx.file(value.storage, value.name, f"{label} {obj.pk}") if value.name else None
        else:
            out[f.name] = f.value_from_object(obj)
    for f in obj._meta.many_to_many:
        out[f.name] = [_relation(obj, f, pk, ctx) for pk in links[f.name].get(obj.pk, [])]
    for name, paths in plan.EMBEDDED.get(label, {}).items():
        out[name] = _embedded(out[name], paths, ctx)
    if label == "core.AuditEvent":
        out["object_id"] = _audited_object(obj, ctx)
    elif label == "notify.Message":
        out["about"] = _about(obj.about, ctx)
        out["attachments"] = [_attachment(a, obj, ctx) for a in obj.attachments or []]
    return out


def _relation(obj: Model, f, pk, ctx: _Context):
    if pk is None:
        return None
    kind = plan.kind_of(f)
    if kind == "user":
        ctx.users.add(pk)
        return ctx.usernames[pk]
    if kind == "national":
        return ctx.national[f.related_model._meta.label][pk]
    target = f.related_model._meta.label
    if pk in ctx.ids[target]:
        return pk
    if f.null and not f.many_to_many:
        ctx.warnings.append(f"{obj._meta.label} {obj.pk}.{f.name} 指向本校以外的 {target} {pk}，未导出该引用")
        return None
    raise ExportError(f"{obj._meta.label} {obj.pk} 的 {f.name} 指向本校以外的 {target} {pk}，无法导出。")


def _embedded(value, paths: dict[str, str], ctx: _Context):
    """Replace the primary keys found at `paths` ("key" or "key.sub") in a JSON value by references."""
    if not isinstance(value, dict):
        return value
    value = dict(value)
    for path, target in paths.items():
        head, _dot, tail = path.partition(".")
        if head not in value:
            continue
        if tail:
            if isinstance(value[head], dict):
                value[head] = _embedded(value[head], {tail: target}, ctx)
        elif isinstance(value[head], list):
            value[head] = [ctx.ref(target, v) for v in value[head]]
        else:
            value[head] = ctx.ref(target, value[head])
    return value


def _audited_object(obj: Model, ctx: _Context):
    """An audit event's object: a reference, "" when it names a row that is not exported, else as written."""
    label = plan.class_names().get(obj.object_type)
    if label is None or not obj.object_id:
        return obj.object_id
    return ctx.ref(label, obj.object_id) or ""


def _about(about: str, ctx: _Context):
    """A message's "foi.application:12": a reference, or the model alone when the row is not exported."""
    label, _colon, pk = about.partition(":")
    try:
        m = apps.get_model(label)
    except (LookupError, ValueError):
        return about
    return ctx.ref(m._meta.label, pk) or f"{label}:"


def _attachment(entry: dict, obj: Model, ctx: _Context) -> dict:
    """A message's attachment names a stored file: written with the file, or without when it is gone."""
    path = entry.get("path") or ""
    out = {"name": entry.get("name", ""), "path": None}
    if path:
        try:
            out["path"] = {"$file": ctx.file(default_storage, path, f"notify.Message {obj.pk}")["file"], "was": path}
        except ExportError:
            ctx.warnings.append(f"notify.Message {obj.pk} 的附件 {path} 已不在存储中")
    return out
