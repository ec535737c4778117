"""A cached page costs no database round trip for a second; a write in this process shows at once,
one in another process within that second."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.portal.conftest import published
from xxgk.publishing import services
from xxgk.publishing.models import EventAction, RecordEvent


def test_a_page_from_the_cache_reads_nothing_from_the_database(client, world, remember_for_a_minute):
    published(world, "记住数据版本")
    url = reverse("portal:home", args=["hblg"])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert "记住数据版本" in client.get(url).content.decode()
    assert len(queries) == 0


def test_a_write_through_the_services_shows_at_once(client, world, remember_for_a_minute):
    rec = published(world, "马上撤回的一条")
    url = reverse("portal:home", args=["hblg"])
    assert rec.title in client.get(url).content.decode()
    services.withdraw(world.office, rec, reason="过期")  # writes a RecordEvent: this process forgets the version
    assert rec.title not in client.get(url).content.decode()


def test_a_write_the_process_did_not_see_shows_when_the_second_is_over(client, world, remember_for_a_minute, settings):
    rec = published(world, "另一进程撤回的一条")
    url = reverse("portal:home", args=["hblg"])
    assert rec.title in client.get(url).content.decode()
    # another app server withdraws it: no signal reaches this process
    type(rec).objects.filter(pk=rec.pk).update(state="withdrawn")
    RecordEvent.objects.bulk_create(
        [
            RecordEvent(
                record=rec,
                institution=world.institution,
                action=EventAction.WITHDRAWN,
                actor=world.office,
                at=timezone.now(),
                from_state="published",
                to_state="withdrawn",
            )
        ]
    )
    assert rec.title in client.get(url).content.decode()  # still within the remembered version's life
    settings.XXGK_PORTAL_VERSION_SECONDS = 0
    assert rec.title not in client.get(url).content.decode()
