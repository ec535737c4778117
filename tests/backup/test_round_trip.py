"""A backup restores: the demo (people, records, applications, letters) plus uploaded files, backed up
with `xxgk backup`, restored with `xxgk restore` into a fresh database and media folder in another
process; every row of every table and every file (sha256) is identical, and search finds what it found
before (the index is rebuilt, not copied)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from docx import Document

from tests.backup.snapshot import search_hits, snapshot
from tests.foi.conftest import applicant
from xxgk.demo.loader import load_demo
from xxgk.foi import services as foi
from xxgk.foi.models import Application, Notice
from xxgk.org.models import Institution
from xxgk.org.policy import can
from xxgk.oversight import services as oversight
from xxgk.oversight.models import Letter, Mailbox
from xxgk.publishing import services as publishing
from xxgk.publishing.models import Attachment, Record

QUERIES = ["招生", "奖学金"]


def _docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _uploads() -> None:
    """Files as staff and the public upload them: attachments to a draft, a letter's attachment."""
    drafter = get_user_model().objects.get(username="hntou-drafter")
    record = next(r for r in Record.objects.filter(state="draft").order_by("pk") if can(drafter, "attach", r))
    publishing.add_attachment(
        drafter,
        record,
        SimpleUploadedFile("会议纪要.txt", "二〇二三年校务会议纪要。".encode(), content_type="text/plain"),
    )
    publishing.add_attachment(
        drafter,
        record,
        SimpleUploadedFile(
            "实施方案.docx",
            _docx("关于进一步做好信息公开工作的实施方案"),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    )
    hntou = Institution.objects.get(slug="hntou")
    application = foi.submit_online(hntou, applicant(), today=date(2024, 3, 1)).application
    office = get_user_model().objects.get(username="hntou-office")
    foi.request_correction(office, application, items="请写明所需信息的年份。", on=date(2024, 3, 5))
    box = Mailbox.objects.order_by("pk").first()
    oversight.submit_letter(
        box,
        writer_name="林小雨",
        writer_contact="13912345678",
        subject="图书馆开放时间",
        message="希望考试周延长图书馆开放时间。",
        files=[SimpleUploadedFile("照片说明.txt", "图书馆门口排队情况。".encode(), content_type="text/plain")],
    )


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_fresh_place_is_identical(tmp_path, fresh_place):
    load_demo(annual_reports=False)
    _uploads()
    original = snapshot()
    before = {q: search_hits(q) for q in QUERIES}
    assert Record.objects.exists() and Application.objects.exists() and Letter.objects.exists()
    assert Attachment.objects.count() >= 2 and Notice.objects.exclude(pdf="").exists()
    assert len(original["files"]) >= 5
    assert any(before.values())

    archive = tmp_path / "backups" / "xxgk.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    assert archive.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only

    done = fresh_place.xxgk("restore", str(archive))
    assert done.returncode == 0, done.stderr + done.stdout
    assert "全文检索索引已重建" in done.stdout

    restored = fresh_place.snapshot(tmp_path / "restored.json", *QUERIES)
    assert restored["rows"].keys() == original["rows"].keys()
    differ = [m for m in original["rows"] if restored["rows"][m] != original["rows"][m]]
    assert differ == []
    assert restored["files"] == original["files"]
    assert restored["search"] == before

    again = fresh_place.xxgk("restore", str(archive))
    assert again.returncode != 0 and "--force" in again.stderr  # the place is no longer empty
    forced = fresh_place.xxgk("restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
