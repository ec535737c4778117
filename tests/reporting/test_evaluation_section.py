"""Part 四 (评议) reports the public's ratings and their results and each satisfaction survey with its
result, in sentences and tables; with none of them it says so instead of showing only mailbox counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from xxgk.oversight import services as oversight
from xxgk.publishing import services as publishing
from xxgk.reporting import annual

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    today = timezone.localdate()
    return today - timedelta(days=60), today


def published_record(world):
    record = world.draft()
    publishing.submit(world.drafter_a, record)
    return world.through_chain(record)


def test_ratings_and_surveys_with_their_results(world, period):
    record = published_record(world)
    for stars, ip in ((5, "10.0.0.1"), (4, "10.0.0.2"), (1, "10.0.0.3")):
        oversight.rate(record, stars=stars, ip=ip)
    start, end = period
    oversight.enter_survey(
        world.office,
        world.institution,
        title="信息公开工作满意度问卷调查",
        period_start=start,
        period_end=end - timedelta(days=1),
        sample_size=200,
        satisfied_count=184,
        note="面向在校学生和教职工。",
    )

    section = annual.build(world.institution, start, end, with_charts=False).section("evaluation")

    text = "".join(section.texts())
    assert (
        "公开信息收到评价3次，平均3.33分，满意（4星及以上）2次，满意率66.7%，不满意（2星及以下）1次（满分5分）" in text
    )
    assert "“信息公开工作满意度问卷调查”，回收问卷200份，表示满意的184份，满意率92.0%。面向在校学生和教职工。" in text
    tables = {b.caption: b for b in section.blocks if b.kind == "table"}
    assert tables["公众评议情况"].rows[0] == ["公开信息", 3, "3.33", 2, 1, "66.7%"]
    assert tables["满意度调查情况"].rows[0][0] == "信息公开工作满意度问卷调查"
    assert tables["满意度调查情况"].rows[0][2:] == [200, 184, "92.0%"]


def test_without_ratings_or_surveys_the_section_says_so(world):
    section = annual.build(world.institution, date(2023, 9, 1), date(2024, 8, 31), with_charts=False).section(
        "evaluation"
    )

    text = "".join(section.texts())
    assert "信息公开平台未收到公众评议" in text
    assert "未开展信息公开满意度调查" in text
    assert not [b for b in section.blocks if b.kind == "table" and b.caption in ("公众评议情况", "满意度调查情况")]
