"""Attachment files follow the database: an upload that fails leaves no file in storage, a file is
removed only once its removal has committed, and a masked copy that is not stored leaves nothing."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from xxgk.publishing import screening_jobs, services
from xxgk.publishing.models import Attachment


class Abandoned(Exception):
    """Raised to roll a transaction back."""


TEXT = "2024年奖学金评审办法\n联系人：陈老师 13912345678\n".encode()


def stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def upload(name="评审办法.txt", data=TEXT):
    return SimpleUploadedFile(name, data)


def test_a_refused_upload_leaves_no_file(world):
    record = world.draft()
    with pytest.raises(PermissionDenied):
        services.add_attachment(world.checker_a, record, upload())  # a checker may not attach
    with pytest.raises(ValidationError):
        services.add_attachment(world.drafter_a, record, upload("名单.exe", b"MZ\x90\x00"))
    assert stored_files() == set()
    assert not Attachment.objects.filter(record=record).exists()


def test_an_upload_failing_after_its_file_was_written_leaves_no_file(world, monkeypatch):
    record = world.draft()

    def broken(*args, **kwargs):
        assert stored_files(), "the file is written before the failure"
        raise RuntimeError("database went away")

    monkeypatch.setattr(screening_jobs, "rescan", broken)
    with pytest.raises(RuntimeError):
        services.add_attachment(world.drafter_a, record, upload())
    assert stored_files() == set()
    assert not Attachment.objects.filter(record=record).exists()


def test_an_upload_in_a_transaction_that_rolls_back_leaves_no_file(world):
    record = world.draft()
    with pytest.raises(Abandoned), transaction.atomic():
        services.add_attachment(world.drafter_a, record, upload())
        assert len(stored_files()) == 1
        raise Abandoned
    assert stored_files() == set()


def test_a_committed_upload_keeps_its_file(world, django_capture_on_commit_callbacks):
    record = world.draft()
    with django_capture_on_commit_callbacks(execute=True):
        attachment = services.add_attachment(world.drafter_a, record, upload())
    assert stored_files() == {attachment.file.name}


def test_a_removal_that_rolls_back_keeps_the_file(world):
    record = world.draft()
    attachment = services.add_attachment(world.drafter_a, record, upload())
    with pytest.raises(Abandoned), transaction.atomic():
        services.remove_attachment(world.drafter_a, attachment)
        assert stored_files() == {attachment.file.name}, "nothing is deleted before the commit"
        raise Abandoned
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert stored_files() == {attachment.file.name}


def test_a_committed_removal_deletes_the_file(world, django_capture_on_commit_callbacks):
    record = world.draft()
    attachment = services.add_attachment(world.drafter_a, record, upload())
    with django_capture_on_commit_callbacks(execute=True) as hooks:
        services.remove_attachment(world.drafter_a, attachment)
        assert stored_files() == {attachment.file.name}, "deleted only once the removal commits"
    assert hooks
    assert stored_files() == set()


def test_a_masked_copy_that_is_not_stored_leaves_nothing(world, monkeypatch):
    record = world.draft()
    attachment = services.add_attachment(world.drafter_a, record, upload())
    finding = record.findings.get(kind="mobile")
    before = stored_files()

    def broken(*args, **kwargs):
        raise RuntimeError("crash after the masked copy was written")

    monkeypatch.setattr(services, "_save", broken)
    with pytest.raises(RuntimeError):
        services.mask_finding(world.drafter_a, finding)
    assert stored_files() == before  # neither the masked copy nor the kept original
    attachment.refresh_from_db()
    with attachment.file.open("rb") as handle:
        assert handle.read() == TEXT


def test_a_masked_copy_replaces_the_file_once_committed(world, django_capture_on_commit_callbacks):
    record = world.draft()
    attachment = services.add_attachment(world.drafter_a, record, upload())
    old = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.mask_finding(world.drafter_a, record.findings.get(kind="mobile"))
    attachment.refresh_from_db()
    assert old not in stored_files()
    assert stored_files() == {attachment.file.name, attachment.original_file.name}
    with attachment.file.open("rb") as handle:
        assert "13912345678" not in handle.read().decode()
