"""The published-record counts the public pages read (`PublishedTally`) agree with counting the records,
after every change the services make, and can be rebuilt from the records after a change that bypassed them."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command

from tests.portal.conftest import BEIJING, item, published
from xxgk.publishing import services, tallies
from xxgk.publishing.models import PublishedTally, Record, TallyScope


def _shown(world, scope, key):
    return tallies.figures(world.institution, scope, key=key).get(key, (0, None))


def test_publish_counts_the_record_everywhere_it_is_shown(world):
    one, six = item(world, 1), item(world, 6)
    rec = published(world, "关于学校章程修订的公告", items=[one, six])
    assert tallies.check() == []
    assert _shown(world, TallyScope.INSTITUTION, world.institution.pk) == (1, rec.published_at)
    assert _shown(world, TallyScope.DEPARTMENT, world.dept_a.pk) == (1, rec.published_at)
    assert _shown(world, TallyScope.ITEM, one.pk) == (1, rec.published_at)
    assert _shown(world, TallyScope.ITEM, six.pk) == (1, rec.published_at)
    assert _shown(world, TallyScope.CATEGORY, one.category_id)[0] == 1


def test_a_record_in_two_items_of_one_category_counts_once_there(world):
    one = item(world, 1)
    sibling = type(one).objects.filter(institution=world.institution, category=one.category).exclude(pk=one.pk)[0]
    published(world, "两个事项的信息", items=[one, sibling])
    assert tallies.check() == []
    assert _shown(world, TallyScope.CATEGORY, one.category_id)[0] == 1


def test_withdraw_takes_it_back_and_the_latest_date_goes_back(world):
    one = item(world, 1)
    first = published(world, "第一条", items=[one])
    second = published(world, "第二条", items=[one])
    assert _shown(world, TallyScope.ITEM, one.pk) == (2, second.published_at)
    services.withdraw(world.signer, second, reason="内容有误")
    assert tallies.check() == []
    assert _shown(world, TallyScope.ITEM, one.pk) == (1, first.published_at)
    services.withdraw(world.signer, Record.objects.get(pk=first.pk), reason="内容有误")
    assert tallies.check() == []
    assert _shown(world, TallyScope.ITEM, one.pk) == (0, None)
    assert _shown(world, TallyScope.INSTITUTION, world.institution.pk) == (0, None)


def test_corrections_drafts_and_edits_change_no_count(world):
    one, six = item(world, 1), item(world, 6)
    rec = published(world, "已发布的信息", items=[one])
    before = set(PublishedTally.objects.values_list("scope", "key", "published", "last_published_at"))
    services.correct(world.drafter_a, rec, {"title": "已发布的信息（更正）"}, reason="标题有误")
    draft = world.draft()
    services.update_draft(world.drafter_a, draft, {"title": "草稿"}, items=[one, six])
    services.submit(world.drafter_a, draft)
    assert tallies.check() == []
    assert set(PublishedTally.objects.values_list("scope", "key", "published", "last_published_at")) == before


def test_each_institution_counts_only_its_own(world):
    published(world, "本校信息", items=[item(world, 1)])
    assert tallies.check(world.other_institution) == []
    assert not PublishedTally.objects.filter(institution=world.other_institution, published__gt=0).exists()


def test_a_change_behind_the_services_back_is_found_and_rebuilt(world):
    one = item(world, 1)
    kept = published(world, "保留的信息", items=[one])
    gone = published(world, "被直接删除的信息", items=[one])
    Record.objects.filter(pk=gone.pk).delete()  # as a shell or an import might, bypassing the services
    wrong = tallies.check()
    assert (world.institution.pk, TallyScope.ITEM, one.pk, (2, gone.published_at), (1, kept.published_at)) in wrong
    with pytest.raises(CommandError):
        call_command("tallies", stdout=io.StringIO())  # what operations run: it says so, exit status 1
    call_command("tallies", "--rebuild", stdout=io.StringIO())
    assert tallies.check() == []
    assert _shown(world, TallyScope.ITEM, one.pk) == (1, kept.published_at)


def test_rebuild_counts_records_written_in_bulk(world):
    Record.objects.bulk_create(
        [
            Record(
                institution=world.institution,
                department=world.dept_b,
                title=f"导入的信息{i}",
                formed_on=date(2024, 1, 1),
                published_at=datetime(2024, 1, 2 + i, 9, tzinfo=BEIJING),
                state="published",
            )
            for i in range(3)
        ]
    )
    assert tallies.check() != []
    assert tallies.rebuild(world.institution) > 0
    assert tallies.check() == []
    assert _shown(world, TallyScope.DEPARTMENT, world.dept_b.pk)[0] == 3
