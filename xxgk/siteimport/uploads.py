"""Starting a site import from the 旧网站体检 page: the office uploads a .zip of the saved site.

1. `receive` (the request) checks the name and size, writes the upload's row and the .zip into a private
   folder (XXGK_SITE_IMPORT_DIR/<id>/site.zip, never under MEDIA_ROOT) in one transaction with an audit
   event, and queues the check job with it; a refused or failed upload leaves no folder behind. The same
   .zip sent again while the first is still being checked or waits for confirmation is that upload.
2. `check_upload` (a job, after the commit) unpacks the .zip into <id>/site/ within the screening
   library's archive limits (`screening.archives`: declared and inflated sizes counted, members counted;
   here XXGK_SITE_IMPORT_MAX_FILES and XXGK_SITE_IMPORT_MAX_UNPACKED_MB), refusing the whole archive on
   any member whose path would leave the folder (absolute, `..`, a drive letter) or lies deeper than
   MAX_PATH_DEPTH; archives inside it stay files (screened as attachments by the import). It then reads
   and plans the site as `xxgk import-site --dry-run` does and keeps the plan on the row for the page.
3. `start_import` (the 导入 button) locks the row and queues the same job as `xxgk import-site
   --background` (`tasks.import_site`) once: a second submit finds it importing and returns that job.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk import jobs
from xxgk.core.audit import audit
from xxgk.jobs.tasks import cleanup_step
from xxgk.org.policy import require
from xxgk.screening import archives
from xxgk.siteimport import tasks
from xxgk.siteimport.models import SiteUpload, UploadState

log = logging.getLogger(__name__)

CHECK_KIND = "siteimport.check_upload"
MAX_PATH_DEPTH = 24  # folders in a member's path (a saved site rarely nests more than ten)
SHOWN_ARTICLES = 300  # articles of the plan kept for the page (the counts cover all of them)


class UnsafeArchive(archives.ArchiveError):
    """A member of the archive would be written outside its folder, or too deep."""


def folder(upload: SiteUpload) -> Path:
    return Path(settings.XXGK_SITE_IMPORT_DIR) / str(upload.pk)


def site_root(upload: SiteUpload) -> Path:
    """Where the unpacked site is read from: the folder, or its one top folder when the .zip holds one."""
    unpacked = folder(upload) / "site"
    entries = [p for p in unpacked.iterdir()] if unpacked.is_dir() else []
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return unpacked


def latest(institution) -> SiteUpload | None:
    return SiteUpload.objects.filter(institution=institution).order_by("-id").first()


def check_key(upload: SiteUpload) -> str:
    return f"{CHECK_KIND}:{upload.pk}"


# --- 1. the upload ------------------------------------------------------------------------------------------


def receive(actor, institution, uploaded) -> SiteUpload:
    """Keep an uploaded .zip of a saved site and queue its check (the office, on the 旧网站体检 page)."""
    require(actor, "manage", institution)
    name = (getattr(uploaded, "name", "") or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    if not name.lower().endswith(".zip"):
        raise ValidationError(_("请上传 .zip 压缩包（保存的整个网站目录）。"))
    size = getattr(uploaded, "size", None) or 0
    if size <= 0:
        raise ValidationError(_("上传的文件是空的。"))
    if size > settings.XXGK_SITE_IMPORT_MAX_BYTES:
        raise ValidationError(
            _("压缩包过大（%(size)s MB，上限 %(limit)s MB）；更大的网站请在服务器上用 xxgk import-site 导入。")
            % {"size": size // (1024 * 1024), "limit": settings.XXGK_SITE_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    with transaction.atomic():
        same = (
            SiteUpload.objects.select_for_update()
            .filter(institution=institution, sha256=sha256, state__in=[UploadState.CHECKING, UploadState.PLANNED])
            .order_by("-id")
            .first()
        )
        if same is not None and same == latest(institution):  # sent twice: the first one
            return same
        upload = SiteUpload.objects.create(
            institution=institution, uploaded_by=actor, name=name, size=size, sha256=sha256
        )
        target = folder(upload)
        try:
            if target.exists():  # left by a transaction rolled back after writing (ids are not reused)
                shutil.rmtree(target)
            target.mkdir(parents=True)
            with open(target / "site.zip", "wb") as out:
                for chunk in uploaded.chunks():
                    out.write(chunk)
            audit(actor, "site_upload_received", upload, _("上传旧网站压缩包“%(name)s”") % {"name": name})
            jobs.enqueue(CHECK_KIND, upload.pk, key=check_key(upload), institution=institution)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
    return upload


# --- 2. the check: unpack, read, plan (a job) ---------------------------------------------------------------


def member_path(name: str) -> PurePosixPath:
    """The member's path inside the folder; `UnsafeArchive` if it would leave it or lie too deep."""
    clean = name.replace("\\", "/")
    path = PurePosixPath(clean)
    parts = [p for p in path.parts if p not in ("", ".")]
    if clean.startswith("/") or not parts or ".." in parts or ":" in parts[0] or any("\x00" in p for p in parts):
        raise UnsafeArchive(_("压缩包中有不安全的路径“%(name)s”，已拒绝整个压缩包") % {"name": name[:200]})
    if len(parts) > MAX_PATH_DEPTH:
        raise UnsafeArchive(
            _("压缩包中的路径层级过深（“%(name)s”，上限 %(n)s 层）") % {"name": name[:200], "n": MAX_PATH_DEPTH}
        )
    return PurePosixPath(*parts)


def unpack(zip_path: Path, destination: Path) -> list[str]:
    """Unpack the .zip into `destination` (made anew) within the limits; the members that could not be
    read (encrypted, damaged), as "name：why". Raises `archives.ArchiveError` (nothing is left unpacked)."""
    limits = archives.Limits(
        members=settings.XXGK_SITE_IMPORT_MAX_FILES,
        total_bytes=settings.XXGK_SITE_IMPORT_MAX_UNPACKED_MB * 1024 * 1024,
    )
    budget = archives.Budget(members=limits.members, total_bytes=limits.total_bytes)
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    root = destination.resolve()
    problems = []
    try:
        for member in archives.members(zip_path.read_bytes(), limits, budget, "zip"):
            relative = member_path(member.name)
            target = (root / relative).resolve()
            if not target.is_relative_to(root):  # belt and braces: member_path already refused it
                raise UnsafeArchive(
                    _("压缩包中有不安全的路径“%(name)s”，已拒绝整个压缩包") % {"name": member.name[:200]}
                )
            if member.data is None:
                problems.append(f"{member.name}：{member.problem}")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                continue
            target.write_bytes(member.data)
    except BaseException:
        shutil.rmtree(destination, ignore_errors=True)
        raise
    return problems


def _summary(planned, reading, problems: list[str]) -> dict:
    from xxgk.siteimport import services

    return {
        "articles": len(planned),
        "new": sum(p.status == services.NEW for p in planned),
        "changed": sum(p.status == services.CHANGED for p in planned),
        "unchanged": sum(p.status == services.UNCHANGED for p in planned),
        "flagged": sum(bool(p.findings or p.unscreenable) for p in planned),
        "skipped": len(reading.skipped),
        "unreadable": problems[:50],
        "items": [
            {
                "status": p.status,
                "date": p.article.published_on.isoformat(),
                "title": p.article.title[:200],
                "department": p.department.name,
                "findings": p.findings,
                "unscreenable": len(p.unscreenable),
                "path": p.article.path[:300],
            }
            for p in planned[:SHOWN_ARTICLES]
        ],
    }


@jobs.job(CHECK_KIND, attempts=2, backoff=(60,), lease=3600, label="检查上传的旧网站", page=tasks.import_page)
def check_upload(upload_id: int) -> dict:
    """Unpack, read and plan an uploaded site (idempotent: unpacked anew each time); a .zip that cannot be
    unpacked safely is refused with the reason, shown on the page."""
    from xxgk.siteimport import services
    from xxgk.siteimport.mirror import Mapping, read_mirror

    upload = SiteUpload.objects.select_related("institution").filter(pk=upload_id).first()
    if upload is None or upload.state != UploadState.CHECKING:
        return {"state": upload.state if upload else "gone"}
    jobs.progress(_("正在解压"))
    try:
        problems = unpack(folder(upload) / "site.zip", folder(upload) / "site")
    except archives.ArchiveError as exc:
        SiteUpload.objects.filter(pk=upload.pk, state=UploadState.CHECKING).update(
            state=UploadState.REJECTED, error=exc.why[:2000]
        )
        log.warning("site upload %s refused: %s", upload.pk, exc.why)
        return {"state": UploadState.REJECTED, "error": exc.why}
    jobs.progress(_("正在读取保存的网站"))
    reading = read_mirror(site_root(upload), Mapping(), today=timezone.localdate())
    jobs.progress(_("正在检查个人信息"))
    planned = services.plan(upload.institution, reading, Mapping())
    plan = _summary(planned, reading, problems)
    if not planned:
        SiteUpload.objects.filter(pk=upload.pk, state=UploadState.CHECKING).update(
            state=UploadState.REJECTED, plan=plan, error=_("压缩包中没有找到文章页面（是否保存了整个网站？）")
        )
        return {"state": UploadState.REJECTED, "articles": 0}
    SiteUpload.objects.filter(pk=upload.pk, state=UploadState.CHECKING).update(state=UploadState.PLANNED, plan=plan)
    return {"state": UploadState.PLANNED, "articles": len(planned)}


# --- 3. the import ------------------------------------------------------------------------------------------


def start_import(actor, upload: SiteUpload):
    """导入: queue the import of a checked upload (the job `xxgk import-site --background` queues); a
    second submit returns the job the first queued."""
    with transaction.atomic():
        upload = SiteUpload.objects.select_for_update().select_related("institution").get(pk=upload.pk)
        require(actor, "manage", upload.institution)
        if upload.state == UploadState.IMPORTING:
            return tasks.latest(upload.institution)
        if upload.state != UploadState.PLANNED:
            raise ValidationError(_("这个压缩包还没有检查完，或无法导入。"))
        if not site_root(upload).is_dir():
            raise ValidationError(_("这个压缩包已被清理，请重新上传。"))
        if latest(upload.institution).pk != upload.pk:
            raise ValidationError(_("已有更新的上传，请导入最新上传的压缩包。"))
        upload.state = UploadState.IMPORTING
        upload.import_requested_by, upload.import_requested_at = actor, timezone.now()
        upload.save(update_fields=["state", "import_requested_by", "import_requested_at"])
        audit(actor, "site_import_started", upload, _("开始导入旧网站“%(name)s”") % {"name": upload.name})
        return jobs.enqueue(
            tasks.KIND,
            upload.institution.pk,
            str(site_root(upload).resolve()),
            None,
            actor.pk,
            key=tasks.job_key(upload.institution),
            institution=upload.institution,
        )


# --- 4. the clean-up ----------------------------------------------------------------------------------------


@cleanup_step("site_upload_folders_removed")
def prune_folders(now) -> int:
    """Delete the private folders of uploads older than XXGK_JOBS_KEEP_DAYS (unless their import is still
    queued or running), and folders no upload names older than a day (a transaction rolled back); how many."""
    root = Path(settings.XXGK_SITE_IMPORT_DIR)
    if not root.is_dir():
        return 0
    old = now - timedelta(days=settings.XXGK_JOBS_KEEP_DAYS)
    rows = {str(row["pk"]): row for row in SiteUpload.objects.values("pk", "created_at", "state", "institution_id")}
    removed = 0
    for path in root.iterdir():
        row = rows.get(path.name)
        if row is None:
            stale = path.stat().st_mtime < (now - timedelta(days=1)).timestamp()
        else:
            importing = row["state"] == UploadState.IMPORTING and _import_waiting(row["institution_id"])
            stale = row["created_at"] < old and row["state"] != UploadState.CHECKING and not importing
        if stale and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            log.info("removed the folder of site upload %s", path.name)
            removed += 1
    return removed


def _import_waiting(institution_id: int) -> bool:
    job = tasks.latest(institution_id)
    return job is not None and job.waiting
