"""The annual report's DOCX and PDF are built by a background job: the report page asks for a build,
says 生成中… (and asks again by itself) until the worker has made both files, then offers them with
the time they were built, says when the text changed since, and shows a failed build's error."""

from __future__ import annotations

import io

import docx as python_docx
from django.utils import timezone

from tests.jobs.kinds import Clock
from tests.reporting.conftest import user
from xxgk.jobs.models import Job
from xxgk.jobs.worker import Worker
from xxgk.reporting import builds

PAGE = "/staff/reporting/report/?year=2022-2023"
BUILD = "/staff/reporting/report/build/?year=2022-2023"
DOCX = "/staff/reporting/report/download.docx?year=2022-2023"
PDF = "/staff/reporting/report/download.pdf?year=2022-2023"


def _builds(ran):
    return [j for j in ran if j.kind == builds.KIND]


def test_the_page_asks_for_a_build_and_then_offers_the_files(demo, client, queued_jobs):
    client.force_login(user("hntou-office"))
    assert "生成 DOCX 和 PDF" in client.get(PAGE).content.decode()
    assert client.get(DOCX).url.startswith("/staff/reporting/report/?i=hntou")  # nothing built yet

    assert client.post(BUILD).status_code == 302
    page = client.get(PAGE).content.decode()
    assert "生成中…" in page and "排队等待后台任务进程" in page and 'data-poll="/staff/reporting/report/build/' in page
    client.post(BUILD)  # a second click queues nothing more
    job = Job.objects.get(kind=builds.KIND)
    assert job.institution.slug == "hntou" and job.state == "queued"

    assert [(j.pk, j.state) for j in _builds(queued_jobs.run())] == [(job.pk, "done")]
    fragment = client.get(BUILD).content.decode()
    assert "data-poll" not in fragment and "生成于" in fragment and "重新生成 DOCX 和 PDF" in fragment
    docx = client.get(DOCX)
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('hntou-2022-2023-annual-report.docx"')
    text = "\n".join(p.text for p in python_docx.Document(io.BytesIO(b"".join(docx.streaming_content))).paragraphs)
    assert "2022—2023学年信息公开工作年度报告" in text
    pdf = client.get(PDF)
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")

    client.post(PAGE, {"revision": "0", "n_overview": "办公室统稿后的概述。"})
    assert "此后文字已修改，请重新生成" in client.get(PAGE).content.decode()


def test_only_the_office_builds_and_fetches_its_files(demo, client, queued_jobs):
    client.force_login(user("hntou-drafter"))  # a department's 信息员 does not read the office's report
    assert client.post(BUILD).status_code == 403
    assert not Job.objects.filter(kind=builds.KIND).exists()
    client.force_login(user("hntou-office"))
    client.post(BUILD)
    queued_jobs.run()
    (docx_file, _pdf) = Job.objects.get(kind=builds.KIND).files.all()
    url = f"/staff/reporting/report/build/files/{docx_file.pk}/"
    for other in ("qzoi-office", "hntou-drafter"):
        client.force_login(user(other))
        assert client.get(url).status_code == 403, other
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(user("hntou-office"))
    assert client.get(url).status_code == 200


def test_a_failed_build_shows_its_error(demo, client, queued_jobs, monkeypatch):
    from xxgk.reporting import pdf

    def broken(doc, base_url=""):
        raise RuntimeError("找不到中文字体")

    monkeypatch.setattr(pdf, "render", broken)
    client.force_login(user("hntou-office"))
    client.post(BUILD)
    clock = Clock(timezone.now())
    worker = Worker("w", clock=clock, scheduler=False)
    assert [j.state for j in _builds(worker.run_until_idle())] == ["queued"]  # tried again after a minute
    clock.advance(seconds=61)
    assert [j.state for j in _builds(worker.run_until_idle())] == ["failed"]
    page = client.get(PAGE).content.decode()
    assert "DOCX / PDF 生成失败：RuntimeError: 找不到中文字体" in page and "Traceback" not in page
    assert "重新生成 DOCX 和 PDF" in page
    assert client.post(BUILD).status_code == 302
    assert Job.objects.filter(kind=builds.KIND, state="queued").count() == 1
    assert Job.objects.filter(kind=builds.KIND).count() == 2
