"""The item pages' listing (`ItemListing`, read by the portal's item page) holds each published record under each of
its catalog items with its publication time, after `publish` and `withdraw`; `check` reports a listing that differs
from the records and `rebuild` makes it agree again."""

from __future__ import annotations

from tests.portal.conftest import item, published
from xxgk.publishing import services, tallies
from xxgk.publishing.models import ItemListing, Record


def _listed(*items):
    return set(ItemListing.objects.filter(item__in=items).values_list("item_id", "record_id", "published_at"))


def test_publish_lists_the_record_under_each_item_and_withdraw_takes_it_off(world):
    one, six = item(world, 1), item(world, 6)
    first = published(world, "第一条", items=[one, six])
    second = published(world, "第二条", items=[one])
    assert _listed(one, six) == {
        (one.pk, first.pk, first.published_at),
        (six.pk, first.pk, first.published_at),
        (one.pk, second.pk, second.published_at),
    }
    services.withdraw(world.signer, Record.objects.get(pk=first.pk), reason="内容有误")
    assert _listed(one, six) == {(one.pk, second.pk, second.published_at)}
    assert tallies.check() == []


def test_check_reports_a_listing_that_differs_and_rebuild_mends_it(world):
    one = item(world, 1)
    rec = published(world, "一条", items=[one])
    ItemListing.objects.filter(record=rec).delete()  # a change that bypassed the services
    assert tallies.check() == [(world.institution.pk, "listing", one.pk, (0, None), (1, None))]
    tallies.rebuild(world.institution)
    assert tallies.check() == []
    assert _listed(one) == {(one.pk, rec.pk, rec.published_at)}
