"""Importing a saved old site: each article page becomes a published record, once.

`plan` decides, for every article `mirror.read_mirror` found, its 清单 item and department and
whether it is new, unchanged or changed since the last import, and counts its personal data with
the institution's screening configuration (text and attachments, through the same library the gate
uses). `run` carries a plan out through the publishing services (`import_published`,
`add_imported_attachment`): a new page becomes a record published on its original date, screened
by the gate, its findings left open (flagged) for the 体检报告; a changed page is corrected (a new
version, the old one kept); an unchanged page is left alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from xxgk import screening
from xxgk.catalog.models import CatalogItem
from xxgk.org.screening import screening_config
from xxgk.publishing import services as publishing
from xxgk.siteimport.mirror import Mapping, Reading
from xxgk.siteimport.models import ImportedPage
from xxgk.siteimport.pages import Article

NEW, UNCHANGED, CHANGED = "new", "unchanged", "changed"


@dataclass
class Planned:
    article: Article
    department: object
    item: CatalogItem | None
    findings: int = 0
    unscreenable: list[str] = field(default_factory=list)
    status: str = NEW
    record_id: int | None = None


def content_hash(root: Path, article: Article) -> str:
    digest = hashlib.sha256()
    for part in (article.title, article.published_on.isoformat(), article.department, article.body_html):
        digest.update(part.encode("utf-8") + b"\0")
    for path in article.attachments:
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256((root / path).read_bytes()).digest())
    return digest.hexdigest()


def _department(institution, article: Article, column):
    departments = institution.departments.all()
    for name in (column.department if column else "", article.department):
        if name:
            found = departments.filter(name=name).first() or departments.filter(name__contains=name).first()
            if found:
                return found
    return (
        departments.filter(is_office=True).order_by("order", "id").first()
        or departments.order_by("order", "id").first()
    )


def _item(institution, column) -> CatalogItem | None:
    if not column or column.item is None:
        return None
    return CatalogItem.objects.filter(institution=institution, number=str(column.item)).first()


def _count_findings(config, root: Path, article: Article) -> tuple[int, list[str]]:
    count = len(screening.scan_text(f"{article.title}\n{article.text}", config))
    unscreenable = []
    for path in article.attachments:
        result = screening.screen((root / path).read_bytes(), path.rsplit("/", 1)[-1], config)
        count += result.findings_count
        unscreenable += [f"{path}：{u.why}" for u in result.unscreenable]
    return count, unscreenable


def plan(institution, reading: Reading, mapping: Mapping) -> list[Planned]:
    config = screening_config(institution)
    known = {p.path: p for p in ImportedPage.objects.filter(institution=institution)}
    planned = []
    for article in reading.articles:
        column = reading.columns.get(article.path)
        findings, unscreenable = _count_findings(config, reading.root, article)
        entry = Planned(
            article, _department(institution, article, column), _item(institution, column), findings, unscreenable
        )
        previous = known.get(article.path)
        if previous is not None:
            entry.record_id = previous.record_id
            entry.status = UNCHANGED if previous.content_hash == content_hash(reading.root, article) else CHANGED
        planned.append(entry)
    return planned


def source_url(institution, root: Path, path: str) -> str:
    host = root.name if "." in root.name else ""
    base = f"https://{host}" if host else (institution.website or "").rstrip("/")
    return f"{base}/{path}" if base else ""


def _published_at(article: Article) -> datetime:
    return timezone.make_aware(datetime.combine(article.published_on, time(9, 0)))


def _data(entry: Planned) -> dict:
    article = entry.article
    return {"title": article.title[:300], "formed_on": article.published_on, "body": article.body_html}


def run(actor, institution, reading: Reading, planned: list[Planned], progress=None) -> list[Planned]:
    """Import what `plan` found new or changed; returns the plan with each entry's record. `progress(n)` is
    told after each page imported (the background job reports it)."""
    done = 0
    for entry in planned:
        if entry.status == UNCHANGED:
            continue
        digest = content_hash(reading.root, entry.article)
        if entry.status == NEW:
            entry.record_id = _import_new(actor, institution, reading.root, entry, digest)
        else:
            _import_changed(actor, reading.root, entry, digest)
        done += 1
        if progress is not None:
            progress(done)
    return planned


def _files(root: Path, article: Article):
    for path in article.attachments:
        name = path.rsplit("/", 1)[-1]
        yield SimpleUploadedFile(name, (root / path).read_bytes())


def _import_new(actor, institution, root: Path, entry: Planned, digest: str) -> int:
    url = source_url(institution, root, entry.article.path)
    with transaction.atomic():
        record = publishing.import_published(
            actor,
            entry.department,
            _data(entry),
            items=[entry.item] if entry.item else (),
            published_at=_published_at(entry.article),
            source={"path": entry.article.path, "url": url},
        )
        ImportedPage.objects.create(
            institution=institution, path=entry.article.path, source_url=url, record=record, content_hash=digest
        )
    for uploaded in _files(root, entry.article):
        publishing.add_imported_attachment(actor, record, uploaded)
    return record.pk


def _import_changed(actor, root: Path, entry: Planned, digest: str) -> None:
    page = ImportedPage.objects.select_related("record").get(record_id=entry.record_id, path=entry.article.path)
    with transaction.atomic():
        publishing.correct(actor, page.record, _data(entry), reason="重新导入：原网站页面已更新")
        ImportedPage.objects.filter(pk=page.pk).update(content_hash=digest, updated_at=timezone.now())
