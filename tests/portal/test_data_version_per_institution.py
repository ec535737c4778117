"""Each institution's pages are cached on its own data version: a change at one university leaves the
cached pages of the others in place; a change that belongs to no institution reaches them all."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.portal.conftest import item, published
from xxgk.catalog import services as catalog_services
from xxgk.core.audit import audit
from xxgk.core.models import AuditEvent
from xxgk.portal import cache as portal_cache
from xxgk.publishing.models import RecordEvent


def _rendered(client, url) -> tuple[str, int]:
    """The page and how many queries serving it took beyond reading the version."""
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    return body, len(queries)


def test_publishing_at_one_institution_keeps_the_other_institutions_pages(client, world, remember_for_a_minute):
    other_home = reverse("portal:home", args=[world.other_institution.slug])
    own_home = reverse("portal:home", args=[world.institution.slug])
    client.get(other_home)
    client.get(own_home)
    published(world, "只属于海滨理工的新信息")
    other_page, other_queries = _rendered(client, other_home)
    own_page, own_queries = _rendered(client, own_home)
    assert "只属于海滨理工的新信息" not in other_page and other_queries == 1  # the version only: a cache hit
    assert "只属于海滨理工的新信息" in own_page and own_queries > 1  # rendered afresh


def test_the_version_moves_with_the_institutions_own_events_only(world):
    own, other = (
        portal_cache._read_version(world.institution.slug),
        portal_cache._read_version(world.other_institution.slug),
    )
    published(world, "又一条")
    assert portal_cache._read_version(world.institution.slug) != own
    assert portal_cache._read_version(world.other_institution.slug) == other
    assert portal_cache._read_version("no-such-school") == "none"


def test_a_change_that_belongs_to_no_institution_reaches_every_institution(world):
    before = {s: portal_cache._read_version(s) for s in (world.institution.slug, world.other_institution.slug, "")}
    audit(None, "calendar_override_set", world.office, "全局设置")  # a user: no institution of its own
    after = {s: portal_cache._read_version(s) for s in before}
    assert all(after[s] != before[s] for s in before)


def test_an_audit_event_belongs_to_the_institution_of_the_object_changed(world):
    catalog_services.update_item(world.office, item(world, 1), title="改过的事项名称", departments=[world.dept_a])
    event = AuditEvent.objects.latest("id")
    assert event.action == "catalog_item_updated" and event.institution_id == world.institution.pk


def test_a_record_event_carries_the_records_institution(world):
    rec = published(world, "带学校的事件")
    assert set(RecordEvent.objects.filter(record=rec).values_list("institution_id", flat=True)) == {rec.institution_id}
