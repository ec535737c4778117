"""Two people acting on the same record at once: one wins, the other is told to reload,
and the history shows one action, not two."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.db.models import F

from xxgk.core import transitions
from xxgk.org.models import Role
from xxgk.publishing import services
from xxgk.publishing.models import EventAction, IndexSequence, Record, RecordEvent, RecordState

from .conftest import beijing, events_of

CONFLICT_TEXT = "该信息已被他人处理或修改，请刷新页面后再操作。"


@pytest.fixture
def second_checker(world, xcb):
    return world.person("checker2", Role.CHECKER, department=xcb)


@pytest.mark.django_db
def test_the_second_of_two_reviewers_on_the_same_revision_gets_a_conflict(new_draft, drafter, checker, second_checker):
    record = services.submit(drafter, new_draft())
    seen = record.revision

    first = services.approve(checker, record, expected_revision=seen)
    with pytest.raises(services.Conflict) as info:
        services.return_for_changes(second_checker, record, comment="有错别字", expected_revision=seen)

    assert str(info.value) == CONFLICT_TEXT
    fresh = Record.objects.get(pk=record.pk)
    assert (fresh.state, fresh.step.name, fresh.revision) == (RecordState.IN_REVIEW, "保密审查", first.revision)
    assert [(e.action, e.actor) for e in events_of(record)][-1] == (EventAction.APPROVED, checker)
    assert RecordEvent.objects.filter(record_id=record.pk, action=EventAction.RETURNED).count() == 0


@pytest.mark.django_db
def test_a_double_click_on_approve_approves_once(new_draft, drafter, checker):
    record = services.submit(drafter, new_draft())

    services.approve(checker, record, expected_revision=record.revision)
    with pytest.raises(services.Conflict, match="请刷新页面后再操作"):
        services.approve(checker, record, expected_revision=record.revision)

    assert RecordEvent.objects.filter(record_id=record.pk, action=EventAction.APPROVED).count() == 1


@pytest.mark.django_db
def test_two_publish_calls_on_the_same_stale_object_publish_once(new_draft, through_chain, signer, office):
    approved = through_chain(new_draft(), publish=False)

    published = services.publish(signer, approved, expected_revision=approved.revision)
    with pytest.raises(services.Conflict, match="请刷新页面后再操作"):
        services.publish(office, approved, expected_revision=approved.revision)
    # without a revision the stale object is re-read, and a published record cannot be published again
    with pytest.raises(services.PermissionDenied):
        services.publish(office, approved)

    assert RecordEvent.objects.filter(record_id=approved.pk, action=EventAction.PUBLISHED).count() == 1
    fresh = Record.objects.get(pk=approved.pk)
    assert (fresh.index_number, fresh.published_at) == (published.index_number, published.published_at)
    # no sequence number was spent on the refused call
    assert list(IndexSequence.objects.values_list("last", flat=True)) == [1]


@pytest.mark.django_db
def test_a_write_slipping_in_after_the_read_is_still_caught(new_draft, through_chain, signer, monkeypatch):
    """On SQLite there is no row lock: the revision-guarded UPDATE alone must stop the second writer,
    and nothing it did before (an index number taken) may survive."""
    approved = through_chain(new_draft(), publish=False)
    real_require = services.require

    def someone_else_writes_meanwhile(actor, action, obj=None):
        Record.objects.filter(pk=approved.pk).update(revision=F("revision") + 1)
        return real_require(actor, action, obj)

    monkeypatch.setattr(services, "require", someone_else_writes_meanwhile)
    with pytest.raises(services.Conflict):
        services.publish(signer, approved)

    fresh = Record.objects.get(pk=approved.pk)
    assert (fresh.state, fresh.index_number) == (RecordState.APPROVED, "")
    assert not RecordEvent.objects.filter(record_id=approved.pk, action=EventAction.PUBLISHED).exists()
    assert not IndexSequence.objects.filter(last__gt=0).exists()


@pytest.mark.django_db
def test_locking_a_record_for_an_action_works_on_this_database(new_draft, drafter):
    """Every action re-reads the record under a row lock; that read must work on every supported database
    (PostgreSQL refuses FOR UPDATE on the nullable side of the join to the review step unless only the
    record row is locked)."""
    record = services.submit(drafter, new_draft())
    assert record.state == RecordState.IN_REVIEW


# --- a real race between two database connections (PostgreSQL only) -------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks and serialises writers; race needs PostgreSQL"
)


def race(monkeypatch, *calls):
    """Run the calls in parallel threads, each on its own connection, released together just before
    each one locks the record. Returns what each call returned or raised."""
    barrier = threading.Barrier(len(calls), timeout=10)
    real_lock = transitions.lock

    def locked_together(record, expected_revision=None, **options):
        barrier.wait()
        return real_lock(record, expected_revision, **options)

    monkeypatch.setattr(transitions, "lock", locked_together)
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads)
    return results


def _unexpected(results):
    return [r for r in results if isinstance(r, Exception) and not isinstance(r, services.Conflict)]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_racing_to_approve_exactly_one_wins(new_draft, drafter, checker, second_checker, monkeypatch):
    record = services.submit(drafter, new_draft())
    seen = record.revision

    results = race(
        monkeypatch,
        lambda: services.approve(checker, record, expected_revision=seen),
        lambda: services.approve(second_checker, record, expected_revision=seen),
    )

    assert not _unexpected(results), _unexpected(results)
    winners = [r for r in results if isinstance(r, Record)]
    losers = [r for r in results if isinstance(r, services.Conflict)]
    assert (len(winners), len(losers)) == (1, 1)
    assert str(losers[0]) == CONFLICT_TEXT
    fresh = Record.objects.get(pk=record.pk)
    assert (fresh.step.name, fresh.revision) == ("保密审查", seen + 1)
    assert RecordEvent.objects.filter(record_id=record.pk, action=EventAction.APPROVED).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_publishers_racing_on_one_record_publish_it_once(new_draft, through_chain, signer, office, monkeypatch):
    approved = through_chain(new_draft(), publish=False)
    seen = approved.revision

    results = race(
        monkeypatch,
        lambda: services.publish(signer, approved, expected_revision=seen),
        lambda: services.publish(office, approved, expected_revision=seen),
    )

    assert not _unexpected(results), _unexpected(results)
    assert sum(isinstance(r, Record) for r in results) == 1
    assert RecordEvent.objects.filter(record_id=approved.pk, action=EventAction.PUBLISHED).count() == 1
    assert list(IndexSequence.objects.values_list("last", flat=True)) == [1]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_records_published_at_once_get_different_index_numbers(
    new_draft, through_chain, signer, office, item, monkeypatch
):
    first = through_chain(new_draft(title="一", items=[item(7)]), publish=False)
    second = through_chain(new_draft(title="二", items=[item(7)]), publish=False)

    results = race(
        monkeypatch,
        lambda: services.publish(signer, first, at=beijing(2024, 6, 5)),
        lambda: services.publish(office, second, at=beijing(2024, 6, 5)),
    )

    assert all(isinstance(r, Record) for r in results), results
    numbers = sorted(Record.objects.filter(pk__in=[first.pk, second.pk]).values_list("index_number", flat=True))
    assert numbers == ["HBLG-02-2024-0001", "HBLG-02-2024-0002"]
