"""The office starts a site import from the 旧网站体检 page: a .zip of the saved site is kept in a private
folder, unpacked and planned by a job (the dry run, shown with what would be imported, nothing written),
then imported by the same job as `xxgk import-site --background` when 导入 is pressed, once however often
it is pressed. A .zip that would write outside its folder (zip-slip), holds too many files or is too big is
refused whole with the reason; only the institution's office uploads and imports."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.personas import build_world
from tests.siteimport.mirrors import vsb_site
from tests.workbench.test_authorization_matrix import PEOPLE
from xxgk.jobs.models import Job
from xxgk.publishing.models import Record
from xxgk.siteimport import tasks, uploads
from xxgk.siteimport.models import SiteUpload, UploadState

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.XXGK_SCREENING_BACKGROUND = False
    settings.XXGK_SITE_IMPORT_DIR = tmp_path / "private"
    return build_world()


def _site_zip(tmp_path: Path) -> bytes:
    root = tmp_path / "saved" / "xxgk.hnsf.edu.cn"
    vsb_site(root)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(root.parent).as_posix())
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data)
    return buffer.getvalue()


def _upload(client, data: bytes, name="site.zip", slug="hblg"):
    return client.post(reverse("siteimport_staff:upload") + f"?i={slug}", {"archive": SimpleUploadedFile(name, data)})


def _page(client) -> str:
    return client.get(reverse("siteimport_staff:report") + "?i=hblg").content.decode()


def test_upload_dry_run_then_import_once(client, world, tmp_path, queued_jobs, settings):
    client.force_login(world.office)
    data = _site_zip(tmp_path)
    assert _upload(client, data).status_code == 302
    upload = SiteUpload.objects.get()
    assert upload.state == UploadState.CHECKING and (uploads.folder(upload) / "site.zip").read_bytes() == data
    assert not str(uploads.folder(upload)).startswith(str(settings.MEDIA_ROOT))
    assert "解压检查中…" in _page(client)
    assert _upload(client, data).status_code == 302 and SiteUpload.objects.count() == 1  # sent twice

    (checked,) = queued_jobs.run()
    assert checked.kind == uploads.CHECK_KIND and checked.state == "done"
    upload.refresh_from_db()
    assert upload.state == UploadState.PLANNED and upload.plan["articles"] == 3 and upload.plan["new"] == 3
    assert upload.plan["flagged"] == 1 and not Record.objects.exists()  # a dry run: nothing written
    page = _page(client)
    assert "试运行结果：文章 3 篇，将新增 3 篇" in page and "导入</button>" in page

    start = reverse("siteimport_staff:start_import", args=[upload.pk]) + "?i=hblg"
    assert client.post(start).status_code == 302
    assert client.post(start).status_code == 302  # a double submit
    assert Job.objects.filter(kind=tasks.KIND).count() == 1
    assert "导入中…" in client.get(reverse("siteimport_staff:upload_status") + "?i=hblg").content.decode()
    (imported,) = queued_jobs.run()
    assert imported.state == "done" and imported.result["imported"] == 3
    assert Record.objects.filter(institution=world.institution).count() == 3
    assert "导入或更新 3 篇" in _page(client)


def test_a_zip_slip_is_refused_whole_and_writes_nothing_outside(client, world, tmp_path, queued_jobs):
    client.force_login(world.office)
    evil = _zip({"site/index.htm": b"<html></html>", "../../escaped.txt": b"x", "site/a.htm": b"<html></html>"})
    _upload(client, evil)
    queued_jobs.run()
    upload = SiteUpload.objects.get()
    assert upload.state == UploadState.REJECTED and "不安全的路径" in upload.error and "escaped.txt" in upload.error
    assert not list(tmp_path.rglob("escaped.txt"))
    assert not (uploads.folder(upload) / "site").exists()  # nothing half unpacked is left
    assert "无法导入：" in _page(client)
    start = reverse("siteimport_staff:start_import", args=[upload.pk]) + "?i=hblg"
    assert client.post(start).status_code == 302 and not Job.objects.filter(kind=tasks.KIND).exists()


@pytest.mark.parametrize(
    "name", ["/etc/cron.d/evil", "C:/Windows/evil.htm", "site/../../evil.htm", "site\\..\\..\\evil.htm"]
)
def test_member_paths_that_leave_the_folder_are_refused(name):
    with pytest.raises(uploads.UnsafeArchive):
        uploads.member_path(name)


def test_the_archive_limits_apply(client, world, tmp_path, queued_jobs, settings):
    client.force_login(world.office)
    settings.XXGK_SITE_IMPORT_MAX_FILES = 2
    _upload(client, _zip({f"site/{n}.htm": b"<html></html>" for n in range(3)}))
    queued_jobs.run()
    assert "文件过多" in SiteUpload.objects.get().error
    deep = "/".join(["d"] * (uploads.MAX_PATH_DEPTH + 1)) + "/a.htm"
    settings.XXGK_SITE_IMPORT_MAX_FILES = 100
    _upload(client, _zip({deep: b"x"}))
    queued_jobs.run()
    assert "层级过深" in SiteUpload.objects.order_by("-id").first().error

    settings.XXGK_SITE_IMPORT_MAX_BYTES = 100
    response = _upload(client, _zip({"site/a.htm": b"x" * 500}), name="big.zip")
    assert response.status_code == 302 and SiteUpload.objects.count() == 2  # refused in the request
    assert "压缩包过大" in _page(client)
    _upload(client, b"not a zip", name="site.rar")
    assert SiteUpload.objects.count() == 2
    assert sorted(p.name for p in Path(settings.XXGK_SITE_IMPORT_DIR).iterdir()) == sorted(
        str(u.pk) for u in SiteUpload.objects.all()
    )


@pytest.mark.parametrize("person", PEOPLE)
def test_only_the_office_uploads_and_imports_for_its_institution(client, world, tmp_path, person):
    upload = SiteUpload.objects.create(
        institution=world.institution, name="site.zip", size=1, sha256="0" * 64, state=UploadState.PLANNED
    )
    (uploads.folder(upload) / "site").mkdir(parents=True)
    client.force_login(world.people[person])
    status = client.get(reverse("siteimport_staff:upload_status") + "?i=hblg").status_code
    assert status == (200 if person == "office" else 403)
    start = client.post(reverse("siteimport_staff:start_import", args=[upload.pk]) + "?i=hblg")
    assert start.status_code == (302 if person == "office" else 403)
    sent = _upload(client, _zip({"site/a.htm": b"x"}))
    assert sent.status_code == (302 if person == "office" else 403)
    assert SiteUpload.objects.count() == (2 if person == "office" else 1)
    if person == "other_office":  # its own institution chosen: the upload is not there
        own = client.post(reverse("siteimport_staff:start_import", args=[upload.pk]))
        assert own.status_code == 404
    assert Job.objects.filter(kind=tasks.KIND).exists() == (person == "office")


def test_the_clean_up_removes_old_upload_folders(client, world, tmp_path, queued_jobs, settings):
    from datetime import timedelta

    from django.utils import timezone

    from xxgk.jobs.tasks import cleanup

    client.force_login(world.office)
    _upload(client, _site_zip(tmp_path))
    queued_jobs.run()
    upload = SiteUpload.objects.get()
    assert uploads.folder(upload).is_dir()
    assert cleanup()["site_upload_folders_removed"] == 0  # recent: kept
    SiteUpload.objects.filter(pk=upload.pk).update(
        created_at=timezone.now() - timedelta(days=settings.XXGK_JOBS_KEEP_DAYS + 1)
    )
    assert cleanup()["site_upload_folders_removed"] == 1 and not uploads.folder(upload).exists()
    start = reverse("siteimport_staff:start_import", args=[upload.pk]) + "?i=hblg"
    assert "已被清理" in client.post(start, follow=True).content.decode()
    assert not Job.objects.filter(kind=tasks.KIND).exists()
