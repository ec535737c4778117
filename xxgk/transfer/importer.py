"""`import_archive`: load an institution's archive (`archive.py`) into this deployment.

The manifest's checksums are checked before anything is written. Then one transaction writes every row
with a new primary key, every reference rewritten to the new keys, and every file through Django's storage
(`core.stored_files.save`: a file is deleted again if the transaction rolls back, so a failed import
leaves neither rows nor files). Users are matched by username, or created inactive without a usable
password. The search index is brought up to date after the commit, outside the transaction.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Model

from xxgk.core import stored_files
from xxgk.core.audit import audit
from xxgk.core.filenames import storage_name
from xxgk.core.transitions import random_code
from xxgk.org.models import Institution, validate_slug_not_reserved
from xxgk.transfer import archive, plan


class ImportRefused(Exception):
    """The archive cannot be loaded here (a name taken, national data missing …); nothing was written."""


@dataclass
class Result:
    institution: Institution
    counts: dict[str, int]
    users_created: list[str]
    renamed: dict[str, tuple[str, str]]  # "slug"/"code"/"name"/codes -> (was, now)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Context:
    reader: archive.Reader
    new: dict[str, dict] = field(default_factory=lambda: defaultdict(dict))  # label -> old pk -> new pk
    users: dict[str, int] = field(default_factory=dict)  # username -> pk
    national: dict[str, dict] = field(default_factory=dict)  # label -> natural key -> pk
    stored: dict[str, str] = field(default_factory=dict)  # storage name in the source -> name here
    warnings: list[str] = field(default_factory=list)

    def ref(self, value):
        """A {"$ref"}/{"$user"} reference -> the primary key here (None when it names nothing here)."""
        if isinstance(value, dict) and "$user" in value:
            return self.users.get(value["$user"])
        if isinstance(value, dict) and "$ref" in value:
            return self.new.get(value["$ref"], {}).get(value["id"])
        return value


def import_archive(path, *, slug: str | None = None) -> Result:
    reader = archive.Reader(path)  # ArchiveError on a manifest that does not match
    try:
        result = _import(reader, slug)
    finally:
        reader.close()
    from xxgk.portal.cache import forget_version
    from xxgk.portal.search import sync_index
    from xxgk.publishing.tallies import rebuild

    sync_index()  # bulk inserts send no signal: index the new records now, outside the transaction
    rebuild()  # and count them for the public pages (PublishedTally)
    forget_version()
    return result


@transaction.atomic
def _import(reader: archive.Reader, slug: str | None) -> Result:
    ctx = _Context(reader)
    source = reader.rows("org.Institution")
    if len(source) != 1:
        raise ImportRefused("导出文件应恰好包含一所学校。")
    names, renamed = _names(source[0]["fields"], slug)
    _ensure_national_data()
    ctx.national = {label: _natural_keys(label) for label in plan.NATIONAL}
    created = _users(reader.users(), ctx)
    counts = {}
    deferred: list[tuple] = []  # (row, field, value) of self-references and references in text: set last
    with _keeping_timestamps():
        for m in plan.owned_models():
            label = m._meta.label
            rows = reader.rows(label)
            if label == "org.Institution":
                rows = [{"pk": rows[0]["pk"], "fields": {**rows[0]["fields"], **names}}]
            renamed.update(_fresh_codes(label, rows))
            objs = [_build(m, row, ctx, deferred) for row in rows]
            m._base_manager.bulk_create(objs, batch_size=500)
            for row, obj in zip(rows, objs):
                ctx.new[label][row["pk"]] = obj.pk
            _link_many_to_many(m, rows, ctx)
            counts[label] = len(objs)
        _finish(deferred, ctx)
    institution = Institution.objects.get(pk=ctx.new["org.Institution"][source[0]["pk"]])
    audit(
        None,
        "institution_imported",
        institution,
        f"从导出文件导入本校数据（{sum(counts.values())} 行，新建用户 {len(created)} 个）",
        institution=institution,
        exported_at=reader.manifest.get("exported_at"),
        source=reader.manifest.get("institution"),
    )
    return Result(institution, counts, created, renamed, ctx.warnings + list(reader.manifest.get("warnings", [])))


def _names(fields: dict, slug: str | None) -> tuple[dict, dict]:
    """The institution's slug, code and name here: as exported, or renamed by --as where they are taken."""
    taken = Institution.objects.all()
    names = {"slug": fields["slug"], "code": fields["code"], "name": fields["name"]}
    renamed = {}
    if slug:
        try:
            validate_slug_not_reserved(slug)
            Institution._meta.get_field("slug").run_validators(slug)
        except ValidationError as exc:
            raise ImportRefused(f"网址标识 {slug} 不可用：{' '.join(exc.messages)}") from None
        suffix = f"（{slug}）"
        wanted = {"slug": slug, "code": slug.upper()[:20], "name": fields["name"][: 100 - len(suffix)] + suffix}
        for key, value in wanted.items():
            if key == "slug" or taken.filter(**{key: names[key]}).exists():
                if value != names[key]:
                    renamed[key] = (names[key], value)
                names[key] = value
    for key, label in (("slug", "网址标识"), ("code", "代码"), ("name", "名称")):
        if taken.filter(**{key: names[key]}).exists():
            hint = "请用 --as 另取网址标识" if not slug else "请换一个 --as"
            raise ImportRefused(f"本系统已有{label}为“{names[key]}”的学校，{hint}。")
    return names, renamed


def _ensure_national_data() -> None:
    from xxgk.catalog.loader import load_checklist
    from xxgk.catalog.models import ChecklistItem
    from xxgk.foi.loader import ensure_reply_types

    if not ChecklistItem.objects.exists():
        load_checklist()
    ensure_reply_types()


def _natural_keys(label: str) -> dict:
    lookups = plan.NATIONAL[label]
    return {tuple(row[1:]): row[0] for row in plan.model(label)._base_manager.values_list("pk", *lookups)}


def _users(rows: list[dict], ctx: _Context) -> list[str]:
    """Match each user by username; create the missing ones inactive, without a usable password."""
    User = get_user_model()
    existing = dict(User._base_manager.filter(username__in=[r["username"] for r in rows]).values_list("username", "pk"))
    created = []
    for row in rows:
        if row["username"] not in existing:
            user = User(
                username=row["username"],
                first_name=row.get("first_name", ""),
                last_name=row.get("last_name", ""),
                email=row.get("email", ""),
                is_active=False,
            )
            user.set_unusable_password()
            user.save()
            existing[row["username"]] = user.pk
            created.append(row["username"])
    ctx.users = existing
    return created


@contextmanager
def _keeping_timestamps():
    """Rows keep the times they were created and changed: auto_now(_add) is off while they are inserted."""
    fields = [
        f
        for m in plan.owned_models()
        for f in m._meta.concrete_fields
        if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f in fields:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _fresh_codes(label: str, rows: list[dict]) -> dict:
    """Applications' and letters' query codes are unique across the deployment: one already used here (the
    same archive imported twice under --as) is drawn again; the command prints old and new."""
    from xxgk.foi import services as foi_services
    from xxgk.oversight import services as oversight_services

    if label == "foi.Application":
        m, name = plan.model(label), "code"

        def draw(old):
            return f"{old.partition('-')[0]}-{random_code(foi_services.CODE_ALPHABET, 6)}"
    elif label == "oversight.Letter":
        m, name = plan.model(label), "query_code"

        def draw(old):
            return random_code(oversight_services.CODE_ALPHABET, 10)
    else:
        return {}
    wanted = [row["fields"][name] for row in rows]
    taken = set(m._base_manager.filter(**{f"{name}__in": wanted}).values_list(name, flat=True))
    changed = {}
    for row in rows:
        old = row["fields"][name]
        if old in taken:
            new = draw(old)
            while m._base_manager.filter(**{name: new}).exists() or new in wanted:
                new = draw(old)
            row["fields"][name] = new
            changed[f"{label} {old}"] = (old, new)
    return changed


def _build(m: type[Model], row: dict, ctx: _Context, deferred: list) -> Model:
    label = m._meta.label
    values = {}
    files = []
    pending = []
    for f in m._meta.concrete_fields:
        if f.primary_key or f.name not in row["fields"]:
            continue
        value = row["fields"][f.name]
        if f.is_relation and f.related_model is m:  # a row naming another of its kind: set once all are in
            pending.append((f.name, value))
        elif f.is_relation:
            values[f.attname] = _related(f, value, ctx, label)
        elif isinstance(f, models.FileField):
            values[f.attname] = ""
            if value:
                files.append((f.name, value))
        elif f.name in plan.TEXT_REFERENCES.get(label, ()) or f.name in plan.EMBEDDED.get(label, {}):
            pending.append((f.name, value))
            values[f.attname] = f.get_default()
        else:
            try:
                values[f.attname] = f.to_python(value)
            except ValidationError as exc:
                raise ImportRefused(f"{label} {row['pk']} 的 {f.name} 无法读取：{' '.join(exc.messages)}") from None
    obj = m(**values)
    deferred.extend((obj, name, value) for name, value in pending)
    for name, value in files:
        _store(obj, name, value, ctx)
    return obj


def _related(f, value, ctx: _Context, label: str):
    if value is None:
        return None
    kind = plan.kind_of(f)
    if kind == "user":
        pk = ctx.users.get(value)
    elif kind == "national":
        pk = ctx.national[f.related_model._meta.label].get(tuple(value))
    else:
        pk = ctx.new[f.related_model._meta.label].get(value)
    if pk is None:
        raise ImportRefused(
            f"{label} 的 {f.name} 指向的 {f.related_model._meta.label} {value} 在导入数据或本系统中不存在。"
        )
    return pk


def _store(obj: Model, name: str, value: dict, ctx: _Context) -> None:
    """Write a file through the field's storage and upload_to, in the transaction (deleted on rollback)."""
    data = ctx.reader.read_file(value["file"])
    basename = storage_name(posixpath.basename(value.get("name") or "file"))
    stored = stored_files.save(getattr(obj, name), basename, ContentFile(data))
    if value.get("path"):
        ctx.stored[value["path"]] = stored


def _link_many_to_many(m: type[Model], rows: list[dict], ctx: _Context) -> None:
    label = m._meta.label
    for f in m._meta.many_to_many:
        through = f.remote_field.through
        source, target = f"{f.m2m_field_name()}_id", f"{f.m2m_reverse_field_name()}_id"
        links = [
            through(**{source: ctx.new[label][row["pk"]], target: _related(f, value, ctx, label)})
            for row in rows
            for value in row["fields"].get(f.name, [])
        ]
        through._base_manager.bulk_create(links, batch_size=1000)


def _finish(deferred: list[tuple[Model, str, object]], ctx: _Context) -> None:
    """Set what had to wait for every row to have its new key: self-references and references in text."""
    changed: dict[type[Model], dict[int, Model]] = defaultdict(dict)
    names: dict[type[Model], set[str]] = defaultdict(set)
    for obj, name, value in deferred:
        label = obj._meta.label
        f = obj._meta.get_field(name)
        if f.is_relation:
            setattr(obj, f.attname, None if value is None else ctx.new[label].get(value))
        elif label == "core.AuditEvent" and name == "object_id":
            setattr(obj, name, _object_id(value, ctx))
        elif label == "notify.Message" and name == "about":
            setattr(obj, name, _about(value, ctx))
        elif label == "notify.Message" and name == "attachments":
            setattr(obj, name, [_attachment(a, obj, ctx) for a in value or []])
        else:
            setattr(obj, name, _walk(value, ctx))
        changed[type(obj)][obj.pk] = obj
        names[type(obj)].add(name)
    for m, objs in changed.items():
        m._base_manager.bulk_update(list(objs.values()), sorted(names[m]), batch_size=500)


def _walk(value, ctx: _Context):
    if isinstance(value, dict) and ("$ref" in value or "$user" in value):
        return ctx.ref(value)
    if isinstance(value, dict):
        return {k: _walk(v, ctx) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, ctx) for v in value]
    return value


def _object_id(value, ctx: _Context) -> str:
    if isinstance(value, dict):
        pk = ctx.ref(value)
        return "" if pk is None else str(pk)
    return value or ""


def _about(value, ctx: _Context) -> str:
    if isinstance(value, dict):
        pk = ctx.ref(value)
        label = value["$ref"].lower()
        return f"{label}:{pk}" if pk is not None else f"{label}:"
    return value or ""


def _attachment(entry: dict, obj: Model, ctx: _Context) -> dict:
    path = entry.get("path")
    if isinstance(path, dict):
        stored = ctx.stored.get(path.get("was", ""))
        if stored is None:
            ctx.warnings.append(f"通知消息“{obj.subject}”的附件 {entry.get('name')} 不属于任何导入的文件，未保留")
        path = stored or ""
    return {"name": entry.get("name", ""), "path": path or ""}
