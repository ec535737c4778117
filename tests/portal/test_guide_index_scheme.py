"""The guide explains the catalog's arrangement and the 索引号 (编排体系) from the institution's own format:
each part in order with its meaning, and an example that is the number the first record of category 02
this year really gets."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.portal.conftest import published
from xxgk.catalog.models import CatalogItem
from xxgk.org import services as org_services
from xxgk.publishing.index_numbers import index_scheme

pytestmark = pytest.mark.django_db


def test_the_default_format_explained_and_its_example_is_real(client, world):
    inst = world.institution
    scheme = index_scheme(inst)

    assert [p["field"] for p in scheme["parts"]] == ["code", "category", "year", "seq"]
    assert scheme["parts"][0]["meaning"] == f"学校代码，本校为“{inst.code}”"
    assert scheme["parts"][3]["meaning"] == "同一年份、同一类别内的顺序号，从 1 起连续编排（4 位，不足的前面补 0）"
    item7 = CatalogItem.objects.get(institution=inst, checklist_item__number=7)  # 招生章程, category 02
    record = published(world, "2024年本科招生章程", items=[item7])
    assert record.index_number == scheme["example"]

    page = client.get(reverse("portal:guide", args=[inst.slug])).content.decode()
    assert "七、信息公开目录的编排体系和索引号" in page
    assert "共 50 项。" in page
    assert re.findall(r'<ol class="index-scheme">(.*?)</ol>', page)[0].count("<li>") == 4
    assert f"例如：{scheme['example']}。" in page


def test_an_office_format_is_explained_as_it_is(world):
    inst = org_services.update_institution(
        world.office, world.institution, index_format="{code}{year}-{dept}-{seq:03d}"
    )

    scheme = index_scheme(inst, dept_code="xcb")

    assert [p["field"] for p in scheme["parts"]] == ["code", "year", "dept", "seq"]
    assert scheme["parts"][3]["meaning"] == "同一年份内的顺序号，从 1 起连续编排（3 位，不足的前面补 0）"
    assert re.fullmatch(rf"{inst.code}\d{{4}}-xcb-001", scheme["example"])
