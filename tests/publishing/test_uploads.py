"""Attachments: real PDF, DOCX and XLSX files are accepted and recorded; anything else is refused with
a message that names the file and says what to do, and a refusal leaves the record as it was."""

from __future__ import annotations

import hashlib
import io
import zipfile

import docx
import openpyxl
import pymupdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from xxgk.publishing import services
from xxgk.publishing.models import Attachment, EventAction, Record, RecordEvent

from .conftest import events_of

pytestmark = pytest.mark.django_db


def make_pdf(text: str = "2024年专升本拟录取名单", pages: int = 1) -> bytes:
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 72), f"{text} {i + 1}")
    return doc.tobytes()


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("招生章程", level=1)
    document.add_paragraph("第一条 为规范招生工作，制定本章程。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "专业", "录取批次"])
    sheet.append(["张三", "海洋科学", "专升本"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("名单.txt", "张三 海洋科学")
    return out.getvalue()


EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    "name, make, label, mime",
    [
        ("拟录取名单.pdf", make_pdf, "PDF", "application/pdf"),
        ("招生章程.docx", make_docx, "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("录取统计.xlsx", make_xlsx, "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_a_real_file_is_accepted_and_recorded(new_draft, drafter, name, make, label, mime):
    record = new_draft()
    content = make()
    count = len(events_of(record))

    attachment = services.add_attachment(drafter, record, upload(name, content))

    attachment.refresh_from_db()
    assert attachment.name == name
    assert attachment.size == len(content)
    assert attachment.type_label == label
    assert attachment.content_type == mime
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    with attachment.file.open("rb") as stored:
        assert stored.read() == content
    events = events_of(record)
    assert len(events) == count + 2  # the upload, then its screening (small files: at once, in the request)
    added, screened = events[-2:]
    assert (added.action, added.actor, added.data["name"], added.data["size"]) == (
        EventAction.ATTACHMENT_ADDED,
        drafter,
        name,
        len(content),
    )
    assert (screened.action, screened.actor, screened.data["attachment"]) == (EventAction.SCREENING_DONE, None, name)


def test_the_extension_is_read_case_insensitively(new_draft, drafter):
    attachment = services.add_attachment(drafter, new_draft(), upload("SCAN.PDF", make_pdf()))
    assert attachment.type_label == "PDF"


@pytest.mark.parametrize(
    "name, content, expected",
    [
        (
            "拟录取名单.pdf",
            EXE,
            ["“拟录取名单.pdf”", "扩展名是 .pdf", "内容不是 PDF 文件", "检测为：EXE", "请上传真实的 PDF 文件"],
        ),
        ("招生章程.docx", make_zip(), ["“招生章程.docx”", "内容不是 DOCX 文件", "检测为：ZIP"]),
        ("录取统计.xlsx", make_docx(), ["“录取统计.xlsx”", "内容不是 XLSX 文件"]),
        ("说明.pdf", "这是一段纯文本，不是PDF。".encode(), ["“说明.pdf”", "内容不是 PDF 文件", "无法识别的内容"]),
        ("空白.pdf", b"", ["“空白.pdf”是空文件", "请检查后重新上传"]),
        (
            "名单.exe",
            b"MZ\x90\x00" + b"\x00" * 64,
            ["不支持“.exe”格式的文件“名单.exe”", "可上传的格式：", "PDF", "RAR"],
        ),
        ("名单.doc", make_pdf(), ["“名单.doc”", "内容不是 DOC 文件"]),
        ("名单.7z", b"Rar!\x1a\x07\x00" + b"\x00" * 64, ["“名单.7z”", "内容不是 7Z 文件"]),
        ("名单", make_pdf(), ["不支持", "无扩展名", "“名单”"]),
    ],
)
def test_a_bad_file_is_refused_with_a_message_naming_it(new_draft, drafter, name, content, expected):
    record = new_draft()

    with pytest.raises(ValidationError) as info:
        services.add_attachment(drafter, record, upload(name, content))

    message = " ".join(info.value.messages)
    for part in expected:
        assert part in message, message
    assert not Attachment.objects.filter(record=record).exists()


def test_a_file_over_the_size_limit_is_refused(new_draft, drafter, settings):
    settings.XXGK_MAX_ATTACHMENT_BYTES = 2048
    content = make_pdf(pages=12)
    assert len(content) > 2048

    with pytest.raises(ValidationError) as info:
        services.add_attachment(drafter, new_draft(), upload("年度报告.pdf", content))

    message = " ".join(info.value.messages)
    assert "“年度报告.pdf”" in message
    assert "超过" in message and "上限" in message and "请压缩或拆分后再上传" in message
    assert "2.0" in message  # the limit, in human units


def test_a_file_exactly_at_the_limit_is_accepted(new_draft, drafter, settings):
    content = make_pdf()
    settings.XXGK_MAX_ATTACHMENT_BYTES = len(content)
    assert services.add_attachment(drafter, new_draft(), upload("刚好.pdf", content)).size == len(content)


def test_after_a_refusal_the_record_and_its_attachments_are_unchanged(new_draft, drafter, settings):
    record = new_draft()
    good = services.add_attachment(drafter, record, upload("名单.pdf", make_pdf()))
    before_record = Record.objects.values("revision", "state", "state_changed_at").get(pk=record.pk)
    before_events = RecordEvent.objects.filter(record=record).count()
    media = settings.MEDIA_ROOT
    files_before = sorted(p.name for p in media.rglob("*") if p.is_file())

    for bad in (upload("假的.pdf", EXE), upload("空.docx", b""), upload("病毒.exe", EXE)):
        with pytest.raises(ValidationError):
            services.add_attachment(drafter, record, bad)

    assert list(Attachment.objects.filter(record=record).values_list("pk", "name", "sha256")) == [
        (good.pk, "名单.pdf", good.sha256)
    ]
    assert Record.objects.values("revision", "state", "state_changed_at").get(pk=record.pk) == before_record
    assert RecordEvent.objects.filter(record=record).count() == before_events
    assert sorted(p.name for p in media.rglob("*") if p.is_file()) == files_before


def test_attaching_to_a_published_record_is_refused(published, drafter, office):
    for actor in (drafter, office):
        with pytest.raises(PermissionDenied):
            services.add_attachment(actor, published, upload("补充.pdf", make_pdf()))
    assert not Attachment.objects.filter(record=published).exists()


def test_attaching_to_a_record_in_review_is_refused(new_draft, drafter, checker):
    record = services.submit(drafter, new_draft())
    for actor in (drafter, checker):
        with pytest.raises(PermissionDenied):
            services.add_attachment(actor, record, upload("补充.pdf", make_pdf()))


def test_another_departments_drafter_cannot_attach(new_draft, other_drafter):
    with pytest.raises(PermissionDenied):
        services.add_attachment(other_drafter, new_draft(), upload("名单.pdf", make_pdf()))


def test_a_returned_record_takes_attachments_again(new_draft, drafter, checker):
    record = services.return_for_changes(checker, services.submit(drafter, new_draft()), comment="请附名单")
    attachment = services.add_attachment(drafter, record, upload("名单.pdf", make_pdf()))
    assert attachment.record_id == record.pk
