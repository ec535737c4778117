"""A row that moved on since the actor read it is refused with the one Conflict error, whether the newer
revision is seen when the row is locked or only when the change is written."""

import pytest
from django.db.models import F

from tests.personas import build_world
from xxgk.core.transitions import Conflict, lock, save_changes
from xxgk.foi import services as foi
from xxgk.oversight import services as oversight
from xxgk.publishing import services as publishing
from xxgk.publishing.models import Record
from xxgk.reporting import services as reporting


@pytest.fixture
def record(db):
    return build_world().draft()


def someone_else_writes(record):
    Record.objects.filter(pk=record.pk).update(revision=F("revision") + 1)


def test_locking_with_an_old_revision_is_refused(record):
    seen = record.revision
    someone_else_writes(record)
    with pytest.raises(Conflict):
        lock(record, seen)
    fresh = lock(record, seen + 1)
    assert fresh is not record and fresh.revision == seen + 1
    assert lock(record).revision == seen + 1  # no expected revision: whatever is there now


def test_a_write_between_the_read_and_the_save_is_refused_and_nothing_is_written(record):
    fresh = lock(record)
    someone_else_writes(record)
    with pytest.raises(Conflict):
        save_changes(fresh, {"title": "覆盖他人的修改"})
    stored = Record.objects.get(pk=record.pk)
    assert (stored.title, stored.revision) == (record.title, record.revision + 1)


def test_a_save_bumps_the_revision_and_returns_the_instance_updated(record):
    fresh = lock(record)
    saved = save_changes(fresh, {"title": "新标题"})
    assert saved is fresh and (saved.title, saved.revision) == ("新标题", record.revision + 1)
    assert Record.objects.get(pk=record.pk).revision == record.revision + 1


def test_every_app_raises_the_same_error_with_its_own_message(record):
    assert publishing.Conflict is foi.Conflict is oversight.Conflict is reporting.Conflict is Conflict
    with pytest.raises(Conflict, match="^该信息已被他人处理或修改，请刷新页面后再操作。$"):
        publishing.RECORDS.lock(record, record.revision + 1)
    with pytest.raises(Conflict, match="^该内容已被他人处理或修改，请刷新页面后再操作。$"):
        lock(record, record.revision + 1)
