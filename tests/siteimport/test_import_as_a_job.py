"""`xxgk import-site --background` queues the import as a job and returns; the worker imports with its
progress shown on the office's 体检报告 page, then the summary; run again, the job imports nothing twice;
a failed import is shown there with its error, and an import asked for someone who is no office
administrator is refused before anything is queued."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.personas import build_world
from tests.siteimport.mirrors import vsb_site
from xxgk.jobs.models import Job
from xxgk.publishing.models import Record
from xxgk.siteimport import tasks

pytestmark = pytest.mark.django_db
URL = "/staff/site-import/"


@pytest.fixture
def world(settings):
    settings.XXGK_SCREENING_BACKGROUND = False
    return build_world()


def _queue(root, *args) -> str:
    out = StringIO()
    call_command("import_site", str(root), "--institution", "hblg", "--background", *args, stdout=out)
    return out.getvalue()


def _page(client, world) -> str:
    client.force_login(world.people["office"])
    return client.get(URL + "?i=hblg").content.decode()


def test_the_worker_imports_and_the_office_sees_how_it_went(world, tmp_path, queued_jobs, client):
    root = tmp_path / "xxgk.hnsf.edu.cn"
    vsb_site(root)
    said = _queue(root)
    job = Job.objects.get(kind=tasks.KIND)
    assert f"任务 {job.pk}" in said and not Record.objects.exists()  # nothing imported in the command
    assert "导入中…" in _page(client, world)

    (done,) = queued_jobs.run()
    assert done.state == "done" and done.result["skipped"] > 0
    assert {k: done.result[k] for k in ("articles", "imported", "flagged")} == {
        "articles": 3,
        "imported": 3,
        "flagged": 1,
    }
    assert Record.objects.filter(institution=world.institution).count() == 3
    page = _page(client, world)
    assert "已完成" in page and "导入或更新 3 篇" in page

    _queue(root)
    (again,) = queued_jobs.run()
    assert again.result["imported"] == 0 and Record.objects.count() == 3  # idempotent


def test_a_failed_import_is_shown_with_its_error(world, tmp_path, queued_jobs, client):
    root = tmp_path / "site"
    vsb_site(root)
    _queue(root)
    for path in sorted(root.rglob("*"), reverse=True):  # the folder is gone before the worker reads it
        path.unlink() if path.is_file() else path.rmdir()
    root.rmdir()
    for _attempt in range(3):
        Job.objects.filter(kind=tasks.KIND).update(run_after=Job.objects.get(kind=tasks.KIND).created_at)
        queued_jobs.run()
    job = Job.objects.get(kind=tasks.KIND)
    assert job.state == "failed" and job.attempts == 3
    assert "导入失败" in _page(client, world)


def test_only_an_office_admin_is_queued(world, tmp_path, queued_jobs):
    root = tmp_path / "site"
    vsb_site(root)
    with pytest.raises(CommandError):
        _queue(root, "--user", "drafter_a")
    assert not Job.objects.exists()
