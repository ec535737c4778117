"""A reply's files follow the database as records' attachments do: a refused or failed upload leaves no
file in storage, and a removed file (with its kept original) leaves storage once the removal has committed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tests.foi.conftest import applicant
from xxgk.foi import reply_files, services
from xxgk.foi.models import EventAction, ReplyFile

TEXT = "2024年奖学金获得者：陈思远，联系电话 13912345678\n".encode()


class Abandoned(Exception):
    """Raised to roll a transaction back."""


def stored() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def app(world):
    app = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application
    return services.route(world.office, app, world.dept_a)


def test_a_refused_upload_leaves_no_file(world, app):
    with pytest.raises(PermissionDenied):
        reply_files.add_reply_file(world.drafter_b, app, SimpleUploadedFile("名单.txt", TEXT))  # another department
    with pytest.raises(ValidationError):
        reply_files.add_reply_file(world.drafter_a, app, SimpleUploadedFile("名单.exe", b"MZ\x90\x00"))
    assert stored() == set() and not ReplyFile.objects.exists()
    assert not app.events.filter(action=EventAction.FILE_ADDED).exists()


def test_an_upload_failing_after_its_file_was_written_leaves_no_file(world, app, monkeypatch):
    def broken(self, *args, **kwargs):
        assert stored(), "the file is written before the failure"
        raise RuntimeError("database went away")

    monkeypatch.setattr(ReplyFile, "save", broken)
    with pytest.raises(RuntimeError):
        reply_files.add_reply_file(world.drafter_a, app, SimpleUploadedFile("名单.txt", TEXT))
    assert stored() == set()


def test_a_removed_file_leaves_storage_once_committed(world, app, django_capture_on_commit_callbacks):
    row = reply_files.add_reply_file(world.drafter_a, app, SimpleUploadedFile("名单.txt", TEXT))
    with django_capture_on_commit_callbacks(execute=True):  # the replaced upload leaves once committed
        reply_files.mask_reply_file(world.drafter_a, row)
    assert len(stored()) == 2  # the masked copy and the original kept for staff

    with pytest.raises(Abandoned), transaction.atomic():
        reply_files.remove_reply_file(world.drafter_a, row)
        raise Abandoned
    assert len(stored()) == 2 and ReplyFile.objects.filter(pk=row.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        reply_files.remove_reply_file(world.drafter_a, row)
    assert stored() == set() and not ReplyFile.objects.exists()
    assert app.events.filter(action=EventAction.FILE_REMOVED, actor=world.drafter_a, comment="名单.txt").exists()
