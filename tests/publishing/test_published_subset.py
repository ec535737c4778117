"""One definition of "published": the queryset, related managers, joins and the record itself agree,
in every state a record can be in; drafting means draft or returned."""

import pytest
from django.db.models import Count

from xxgk.catalog.models import CatalogItem
from xxgk.org.models import Institution
from xxgk.portal.models import SearchEntry
from xxgk.publishing.models import Record, RecordState, published_q


@pytest.mark.parametrize("state", RecordState.values)
def test_every_way_of_asking_agrees(state, new_draft, institution, other_institution, item):
    charter = item(7)
    record = new_draft(items=[charter])
    Record.objects.filter(pk=record.pk).update(state=state)
    record.refresh_from_db()
    public = state == RecordState.PUBLISHED
    assert record.is_public is public
    assert Record.objects.published().filter(pk=record.pk).exists() is public
    assert Record.objects.published(institution).filter(pk=record.pk).exists() is public
    assert not Record.objects.published(other_institution).filter(pk=record.pk).exists()
    assert institution.records.published().filter(pk=record.pk).exists() is public
    assert charter.records.published().filter(pk=record.pk).exists() is public
    counts = dict(
        Institution.objects.annotate(n=Count("records", filter=published_q("records"))).values_list("pk", "n")
    )
    assert counts == {institution.pk: int(public), other_institution.pk: 0}
    assert CatalogItem.objects.filter(published_q("records"), pk=charter.pk).exists() is public


def test_drafting_is_draft_or_returned(new_draft):
    record = new_draft()
    drafting = []
    for state in RecordState.values:
        Record.objects.filter(pk=record.pk).update(state=state)
        if Record.objects.drafting().filter(pk=record.pk).exists():
            drafting.append(state)
    assert drafting == [RecordState.DRAFT, RecordState.RETURNED]


def test_search_entries_of_records_no_longer_published_are_the_orphans(published, new_draft):
    from xxgk.portal.search import index_records, sync_index

    index_records([published.pk])
    assert SearchEntry.objects.exclude(published_q("record")).count() == 0
    Record.objects.filter(pk=published.pk).update(state=RecordState.WITHDRAWN)
    assert list(SearchEntry.objects.exclude(published_q("record")).values_list("record_id", flat=True)) == [
        published.pk
    ]
    sync_index(full=True)
    assert not SearchEntry.objects.filter(record_id=published.pk).exists()
