"""Ranking decides the order, never membership: records whose title holds every term first; then, for
several terms, records where they stand close together; then the rest; newest first within each group.
The pages of a search read the same order as one long page."""

from datetime import timedelta

from tests.portal.conftest import published
from xxgk.portal import search
from xxgk.publishing.models import Record


def _order(world, q, **kwargs):
    return [h.record.pk for h in search.search(world.institution, q, per_page=100, **kwargs).hits]


def _aged(record, days):
    """Move a record's publication `days` back (the index keys on it) and re-index it."""
    Record.objects.filter(pk=record.pk).update(published_at=record.published_at - timedelta(days=days))
    search.index_records([record.pk])
    return record


def test_title_matches_first_then_newest_first(world):
    old_title = _aged(published(world, "图书馆开放时间调整"), 30)
    new_body = published(world, "关于暑期安排的通知", body="<p>暑期图书馆开放时间另行通知。</p>")
    new_title = _aged(published(world, "图书馆开放时间（第二次调整）"), 1)
    assert _order(world, "图书馆") == [new_title.pk, old_title.pk, new_body.pk]


def test_terms_close_together_before_terms_far_apart(world):
    far = published(world, "关于假期安排的通知", body="<p>图书馆" + "，其他各项工作照常进行" * 5 + "，周末开放。</p>")
    _aged(far, -1)  # the newer of the two
    near = _aged(published(world, "关于假期安排的说明", body="<p>假期图书馆周末开放。</p>"), 5)
    in_title = _aged(published(world, "图书馆周末开放的通知"), 10)
    assert _order(world, "图书馆 开放") == [in_title.pk, near.pk, far.pk]


def test_pages_read_the_same_order_as_one_page(world):
    records = [
        published(world, f"关于第{i}批学生资助的公示" if i % 3 else f"第{i}批", body="<p>学生资助名单。</p>")
        for i in range(10)
    ]
    for i, record in enumerate(records):
        _aged(record, i)
    whole = _order(world, "学生资助")
    assert sorted(whole) == sorted(r.pk for r in records)
    paged = []
    for page in range(1, 5):
        paged += [h.record.pk for h in search.search(world.institution, "学生资助", page=page, per_page=3).hits]
    assert paged == whole
    titled = [r.pk for i, r in enumerate(records) if i % 3]
    assert whole[: len(titled)] == titled  # title matches first, newest (least aged) first
