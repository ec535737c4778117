"""Each demo institution's catalog counts its published records per category and per item, as the records'
own links say, and the supervisor's coverage counts the same: 泉州's 468 published records were all
campus news outside the catalog, so every count read 0 (the demo classified only 通知公告 by title)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.demo_once import demo_loaded
from xxgk.catalog.models import CatalogItem
from xxgk.org.models import Institution
from xxgk.publishing.models import Record
from xxgk.reporting import stats

PERIOD = (date(2022, 9, 1), date(2023, 8, 31))


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from xxgk.demo.loader import load_demo

    with demo_loaded(django_db_blocker, load_demo, MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


def _expected(institution, period=None) -> dict[str, int]:
    """item number -> published records linked to it (published within `period`, if given), counted from the records."""
    out: dict[str, int] = {}
    records = Record.objects.published(institution).prefetch_related("items")
    if period:
        records = records.filter(published_at__date__range=period)
    for record in records:
        for item in record.items.all():
            assert item.institution_id == institution.pk
            out[item.number] = out.get(item.number, 0) + 1
    return out


@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_catalog_counts_are_the_records_linked(_demo, db, client, slug):
    institution = Institution.objects.get(slug=slug)
    expected = _expected(institution)
    html = client.get(reverse("portal:catalog", args=[slug])).content.decode()
    shown = dict(
        re.findall(r'<td>(\d+|X\d+)</td><td><a href="[^"]+">[^<]*</a></td>\s*<td>.*?</td>\s*<td>(\d+)</td>', html)
    )
    assert len(shown) == CatalogItem.objects.filter(institution=institution, active=True).count()
    assert {n: int(c) for n, c in shown.items() if int(c)} == expected
    # a classified demo: most of the ten categories hold records, at both schools
    categories = {CatalogItem.objects.get(institution=institution, number=n).category.number for n in expected}
    assert len(categories) >= 6, categories


@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_home_category_counts_and_supervisor_coverage_agree(_demo, db, client, slug):
    institution = Institution.objects.get(slug=slug)
    home = client.get(reverse("portal:home", args=[slug])).content.decode()
    per_category = [int(n) for n in re.findall(r'<span class="count">(\d+) 条</span>', home)]
    assert len(per_category) == 10
    distinct = {
        (c, r)
        for c, r in Record.objects.published(institution)
        .filter(items__isnull=False)
        .values_list("items__category__number", "pk")
    }
    assert per_category == [sum(1 for c, _ in distinct if c == n) for n in range(1, 11)]
    coverage = stats.coverage_summary(stats.coverage(institution, *PERIOD))
    # the period's coverage: the annual report, published in October after the year, is not in it
    assert coverage["current"] == len(_expected(institution, PERIOD)) > 0
