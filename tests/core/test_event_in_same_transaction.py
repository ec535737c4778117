"""A transition's change and its event row are written in the caller's transaction: both or neither."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.transaction import TransactionManagementError

from tests.personas import build_world
from xxgk.publishing.models import EventAction, Record, RecordEvent
from xxgk.publishing.services import RECORDS


def edited_events(record):
    return RecordEvent.objects.filter(record_id=record.pk, action=EventAction.EDITED)


def test_the_change_and_its_event_are_written_together(world):
    record = world.draft()
    with transaction.atomic():
        saved = RECORDS.save(
            RECORDS.lock(record), {"title": "新标题"}, world.drafter_a, EventAction.EDITED, step_name="核稿", fields=[]
        )
    event = edited_events(record).get()
    assert (event.actor, event.to_state, event.institution_id) == (world.drafter_a, record.state, record.institution_id)
    assert (event.step_name, event.data) == ("核稿", {"fields": []})  # a declared column, the rest in data
    assert Record.objects.get(pk=record.pk).revision == saved.revision == record.revision + 1


def test_when_the_event_cannot_be_written_the_change_is_not_kept(world):
    record = world.draft()
    unsaved = get_user_model()(username="ghost")
    with pytest.raises(ValueError), transaction.atomic():
        RECORDS.save(RECORDS.lock(record), {"title": "不该留下"}, unsaved, EventAction.EDITED)
    stored = Record.objects.get(pk=record.pk)
    assert (stored.title, stored.revision) == (record.title, record.revision)


def test_when_the_service_fails_after_saving_both_are_undone(world):
    record = world.draft()
    with pytest.raises(RuntimeError), transaction.atomic():
        RECORDS.save(RECORDS.lock(record), {"title": "不该留下"}, world.drafter_a, EventAction.EDITED)
        raise RuntimeError("the service failed after the save")
    stored = Record.objects.get(pk=record.pk)
    assert (stored.title, stored.revision) == (record.title, record.revision)
    assert not edited_events(record).exists()


@pytest.mark.django_db(transaction=True)
def test_saving_outside_a_transaction_is_refused():
    world = build_world()
    record = world.draft()
    with pytest.raises(TransactionManagementError):
        RECORDS.save(record, {"title": "无事务"}, world.drafter_a, EventAction.EDITED)
    with pytest.raises(TransactionManagementError):
        RECORDS.lock(record)
    assert Record.objects.get(pk=record.pk).title == record.title
    assert not edited_events(record).exists()
