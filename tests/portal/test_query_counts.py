"""No public page's query count grows with the number of records (N and 3N), nor the list of institutions with
the number of institutions: counts come from the tallies (xxgk/publishing/tallies.py), never from counting."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.portal.conftest import bulk_published, item, published
from xxgk.portal import search
from xxgk.publishing import services

# the most queries each page may make, whatever the number of records (the first includes reading the data version);
# home, item and record read the institution's slowly changing data once per data version (xxgk/portal/memo.py):
# these are their first requests after a change, WARM the ones after
LIMITS = {
    "home": 9,
    "catalog": 4,
    "item": 10,
    "record": 11,
    "department": 4,
    "search": 8,
    "feed": 3,
    "item_feed": 3,
    "department_feed": 3,
    "annual_reports": 4,
    "guide": 6,
    "deployment": 3,
}
# the version, then the page's own: home one, an item page two, a record one (the record with its links to catalog
# items and whether it has files; its files and corrections are read only when it has some)
WARM = {"home": 2, "item": 3, "record": 2}
N = 25  # more than a page already


def _urls(world, rec):
    slug = world.institution.slug
    return {
        "home": reverse("portal:home", args=[slug]),
        "catalog": reverse("portal:catalog", args=[slug]),
        "item": reverse("portal:item", args=[slug, "1"]) + "?year=2024",
        "record": reverse("portal:record", args=[slug, rec.pk]),
        "department": reverse("portal:department", args=[slug, world.dept_a.code]),
        "search": reverse("portal:search", args=[slug]) + "?q=校园建设",
        "feed": reverse("portal:feed", args=[slug]),
        "item_feed": reverse("portal:item_feed", args=[slug, "1"]),
        "department_feed": reverse("portal:department_feed", args=[slug, world.dept_a.code]),
        "annual_reports": reverse("portal:annual_reports", args=[slug]),
        "guide": reverse("portal:guide", args=[slug]),
        "deployment": reverse("portal:deployment"),
    }


def _counts(client, urls):
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        counts[name] = len(ctx.captured_queries)
    return counts


@pytest.fixture
def record_with_everything(world):
    return published(world, "带附件和更正的信息", items=[item(world, 1), item(world, 6)])


def test_query_counts_do_not_grow_with_records(client, world, record_with_everything, settings):
    # every request reads the data version: whether a page reused the one read a moment earlier depends on how
    # fast the pages before it were, not on the number of records
    settings.XXGK_PORTAL_VERSION_SECONDS = 0
    urls = _urls(world, record_with_everything)
    bulk_published(world, N, items=[item(world, 1)], prefix="少")
    search.sync_index()
    few = _counts(client, urls)
    bulk_published(world, 2 * N, items=[item(world, 1), item(world, 6)], prefix="多")  # 3N
    search.sync_index()
    many = _counts(client, urls)
    assert many == few


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_each_page_stays_within_its_query_budget(
    client, world, record_with_everything, name, django_assert_max_num_queries
):
    bulk_published(world, 60, items=[item(world, 1), item(world, 6)])
    search.sync_index()
    url = _urls(world, record_with_everything)[name]
    with django_assert_max_num_queries(LIMITS[name]):
        assert client.get(url).status_code == 200


def test_the_list_of_institutions_counts_in_one_query_however_many(client, world, settings):
    from xxgk.org.services import create_institution

    settings.XXGK_PORTAL_CACHE_SECONDS = 0  # rendered every time
    url = reverse("portal:deployment")
    published(world, "一条信息", items=[item(world, 1)])
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    for n in range(4):
        create_institution(name=f"新增学校{n}", short_name=f"新增{n}", code=f"N{n:03d}", slug=f"new{n}")
    with CaptureQueriesContext(connection) as six:
        html = client.get(url).content.decode()
    assert "新增学校3" in html
    assert len(six.captured_queries) == len(two.captured_queries)


@pytest.mark.parametrize("name", sorted(WARM))
def test_pages_read_the_institution_once_per_data_version(
    client, world, record_with_everything, name, settings, django_assert_max_num_queries
):
    settings.XXGK_PORTAL_CACHE_SECONDS = 0  # rendered every time
    settings.XXGK_PORTAL_VERSION_SECONDS = 0  # the version read on every request
    bulk_published(world, 60, items=[item(world, 1), item(world, 6)])
    url = _urls(world, record_with_everything)[name]
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(WARM[name]):
        assert client.get(url).status_code == 200


def test_a_record_with_files_and_corrections_reads_each_once_more(client, world, settings):
    settings.XXGK_PORTAL_CACHE_SECONDS = 0
    settings.XXGK_PORTAL_VERSION_SECONDS = 0
    rec = services.create_draft(
        world.drafter_a, world.dept_a, {"title": "带附件的信息", "formed_on": date(2024, 3, 1)}, items=[item(world, 6)]
    )
    services.add_attachment(world.drafter_a, rec, SimpleUploadedFile("名单.txt", "名单内容".encode()))
    services.add_attachment(world.drafter_a, rec, SimpleUploadedFile("附表.txt", "附表内容".encode()))
    services.submit(world.drafter_a, rec)
    world.through_chain(rec)
    services.correct(world.office, rec, {"title": "带附件的信息（更正）"}, reason="更正标题")
    url = reverse("portal:record", args=[world.institution.slug, rec.pk])
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(url).content.decode()
    assert len(ctx.captured_queries) == WARM["record"] + 2  # the files, the corrections
    assert "名单.txt" in html and "附表.txt" in html and "更正标题" in html
