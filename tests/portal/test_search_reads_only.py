"""A search is a GET: it only reads. The index is written by the change that publishes or withdraws a record."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.portal.conftest import published
from xxgk.portal.models import SearchEntry
from xxgk.publishing import services

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _search(client, world, q):
    return client.get(reverse("portal:search", args=[world.institution.slug]), {"q": q})


def test_publishing_indexes_the_record_in_its_own_transaction(world):
    record = published(world, "关于开展校园绿化评比的通知")
    assert SearchEntry.objects.filter(record=record, revision=record.revision).exists()


def test_a_search_writes_nothing(client, world):
    record = published(world, "关于开展校园绿化评比的通知")
    with CaptureQueriesContext(connection) as queries:
        response = _search(client, world, "绿化评比")
    assert [h.record.pk for h in response.context["results"].hits] == [record.pk]
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []


def test_withdrawing_takes_the_record_out_of_the_index_at_once(client, world):
    record = published(world, "关于开展校园绿化评比的通知")
    services.withdraw(world.office, record, reason="信息有误")
    assert not SearchEntry.objects.filter(record=record).exists()
    assert _search(client, world, "绿化评比").context["results"].hits == []
