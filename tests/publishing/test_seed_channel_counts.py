"""The demo reproduces the two seed annual reports: for 2022-09-01 … 2023-08-31 every channel the
reports give a figure for carries exactly that many items, counted from postings and tallies.

The figures are read out of the seed reports themselves (tests/seeds/*.txt), so the demo data, the
statistics and the reports cannot drift apart unnoticed.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import partial
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from tests.demo_once import demo_loaded
from xxgk.catalog.models import CatalogItem
from xxgk.demo.loader import DATA, load_demo
from xxgk.org.models import Department, Institution, Membership
from xxgk.publishing import services
from xxgk.publishing.index_numbers import category_code
from xxgk.publishing.models import (
    Channel,
    ChannelTally,
    IndexSequence,
    Posting,
    Record,
    RecordEvent,
    RecordState,
    ReviewStep,
)
from xxgk.publishing.stats import channel_counts

from .conftest import beijing

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
START, END = date(2022, 9, 1), date(2023, 8, 31)

# channel → the sentence fragment of the seed report that gives its figure (the only number in it)
SEED_FIGURES = {
    "hntou": {
        "山海新闻": "“山海新闻”445条",
        "教学科研": "“教学科研”63条",
        "校园文化": "“校园文化”474条",
        "通知公告": "“通知公告”77条",
        "讲座公告": "“讲座公告”13条",
        "观海听涛": "“观海听涛”224条",
        "理论与政策": "“理论与政策”16条",
        "“海南热带海洋学院”微信公众号": "官方微信公众号共发布信息305篇",
        "“热海大资讯”微信公众号": "“热海大资讯”公众号共发布信息228篇",
        "“热海同心”微信公众号": "“热海同心”公众号共发布信息155篇",
        "“热海大思政”微信公众号": "“热海大思政”公众号共发布信息174篇",
        "“海南热带海洋学院”官方抖音号": "官方抖音账号发布视频61条",
        "阳光招生网": "通过阳光招生网发布信息69条",
        "招生办公室微信公众号": "微信公众号发布信息85条",
        "财务收支公开": "学校各部门财务收支公开信息449条",
        "人事处网站及人才招聘网站": "人才招聘网站等发布招聘信息8条",
        "学生工作处及二级学院学工办网页": "学工办网页发布各类安全教育信息82篇",
        "宣传栏": "温馨提示等120张",
        "学工微信号及易班平台": "易班平台发布安全信息55条",
        "学生处网站": "通过学生处网站公布各类信息28条",
        "学生处部门文件": "通过部门文件主动公开信息9次",
        "学生处部门会议": "通过部门会议主动公开信息20次",
        "学生处微信平台及QQ办公群": "QQ办公群主动公开信息37条",
        "教务处通知（学校官网）": "通过学校官网发布通知98条",
        "国际交流与合作处网站": "通过部门网站主动公开信息94条",
        "国际交流与合作处办公系统": "通过办公系统主动公开信息16条",
        "国际交流与合作处公众号": "通过公众号主动公开新闻信息249条",
    },
    "qzoi": {
        "校园新闻": "校园新闻 359 条",
        "媒体聚焦": "媒体聚焦109条",
        "“泉州海洋职业学院”微信公众号": "“泉州海洋职业学院”微信公众号发布新闻 674 篇",
        "新闻媒体报道": "发布了总计94条的媒体报道",
        "招生信息网": "学校招生信息网发布公开信息18条",
        "“泉州海洋职业学院招生处”微信公众号": "“泉州海洋职业学院招生处”微信公众号发布公开信息294条",
        "教务处网站": "公开发布信息189条",
        "学工部网站": "学工部网站公开学工系统日常工作信息556条",
        "校团委微信公众号及抖音号": "专题230余篇",
        "心理健康板块": "共发布126篇文章",
    },
}
WEBSITE_COLUMNS = {
    "hntou": ["山海新闻", "教学科研", "校园文化", "通知公告", "讲座公告", "观海听涛", "理论与政策"],
    "qzoi": ["校园新闻", "媒体聚焦"],
}
WEBSITE_TOTALS = {"hntou": ("共发布信息1312条", 1312), "qzoi": ("发布各类信息总数 468 条", 468)}


def seed_text(slug: str) -> str:
    return (SEEDS / f"{slug}-2022-2023.txt").read_text(encoding="utf-8")


def figure(fragment: str) -> int:
    [number] = re.findall(r"\d+", fragment)
    return int(number)


def counts_for(slug: str) -> dict[str, int]:
    institution = Institution.objects.get(slug=slug)
    return {c.name: c.count for c in channel_counts(institution, START, END)}


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module inside a transaction that is rolled back at the end;
    each test runs in a savepoint within it, so what one test changes the next does not see."""
    with demo_loaded(django_db_blocker, partial(load_demo, annual_reports=False)):
        yield


@pytest.fixture
def demo(_demo_loaded, db):
    return None


@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_every_figure_quoted_here_is_in_the_seed_report(slug):
    text = seed_text(slug)
    for channel, fragment in SEED_FIGURES[slug].items():
        assert fragment in text, (channel, fragment)
    assert WEBSITE_TOTALS[slug][0] in text


@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_every_channel_counts_what_the_seed_report_says(demo, slug):
    counts = counts_for(slug)

    expected = {channel: figure(fragment) for channel, fragment in SEED_FIGURES[slug].items()}
    assert {channel: counts[channel] for channel in expected} == expected
    # channels the report names without a figure carry nothing: no number is invented
    assert {channel: n for channel, n in counts.items() if channel not in expected} == {
        channel: 0 for channel in counts if channel not in expected
    }


def test_the_figures_for_hainan_as_printed(demo):
    counts = counts_for("hntou")

    assert [counts[c] for c in WEBSITE_COLUMNS["hntou"]] == [445, 63, 474, 77, 13, 224, 16]
    assert [
        counts[c]
        for c in (
            "“海南热带海洋学院”微信公众号",
            "“热海大资讯”微信公众号",
            "“热海同心”微信公众号",
            "“热海大思政”微信公众号",
        )
    ] == [305, 228, 155, 174]
    assert counts["“海南热带海洋学院”官方抖音号"] == 61
    assert (counts["阳光招生网"], counts["招生办公室微信公众号"], counts["财务收支公开"]) == (69, 85, 449)


def test_the_figures_for_quanzhou_as_printed(demo):
    counts = counts_for("qzoi")

    assert (counts["校园新闻"], counts["媒体聚焦"]) == (359, 109)
    assert counts["“泉州海洋职业学院”微信公众号"] == 674
    assert (counts["新闻媒体报道"], counts["招生信息网"], counts["“泉州海洋职业学院招生处”微信公众号"]) == (94, 18, 294)
    assert (counts["教务处网站"], counts["学工部网站"], counts["心理健康板块"]) == (189, 556, 126)


@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_the_website_columns_add_up_to_the_reported_total(demo, slug):
    counts = counts_for(slug)
    fragment, total = WEBSITE_TOTALS[slug]

    assert sum(counts[c] for c in WEBSITE_COLUMNS[slug]) == figure(fragment) == total
    # and every one of them is a real published record with a posting, not a tally
    institution = Institution.objects.get(slug=slug)
    posted = Posting.objects.filter(
        channel__institution=institution,
        channel__name__in=WEBSITE_COLUMNS[slug],
        posted_on__range=(START, END),
        record__state=RecordState.PUBLISHED,
    )
    assert posted.count() == total
    assert not ChannelTally.objects.filter(
        channel__institution=institution, channel__name__in=WEBSITE_COLUMNS[slug]
    ).exists()


def test_the_demo_data_file_agrees_with_the_seed_reports():
    for spec in DATA["institutions"]:
        quoted = SEED_FIGURES[spec["slug"]]
        in_file = {ch["name"]: ch["count"] for ch in spec["channels"]}
        assert {c: in_file[c] for c in quoted} == {c: figure(f) for c, f in quoted.items()}
        assert {c for c, n in in_file.items() if n} == set(quoted)


@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_the_stats_command_prints_the_same(demo, slug):
    out = StringIO()
    call_command(
        "stats",
        "channels",
        "--institution",
        slug,
        "--from",
        "2022-09-01",
        "--to",
        "2023-08-31",
        "--format",
        "json",
        stdout=out,
    )

    payload = json.loads(out.getvalue())
    assert (payload["institution"], payload["from"], payload["to"]) == (slug, "2022-09-01", "2023-08-31")
    printed = {row["channel"]: row["count"] for row in payload["channels"]}
    assert printed == counts_for(slug)
    assert printed["山海新闻" if slug == "hntou" else "校园新闻"] == (445 if slug == "hntou" else 359)


def _snapshot() -> dict:
    models = [
        Institution,
        Department,
        Membership,
        get_user_model(),
        CatalogItem,
        ReviewStep,
        Channel,
        ChannelTally,
        Record,
        RecordEvent,
        Posting,
        IndexSequence,
    ]
    return {
        "rows": {m.__name__: m.objects.count() for m in models},
        "counts": {slug: counts_for(slug) for slug in ("hntou", "qzoi")},
        "sequences": sorted(IndexSequence.objects.values_list("institution__slug", "category", "year", "last")),
    }


def test_loading_the_demo_twice_changes_nothing(demo):
    before = _snapshot()

    load_demo(annual_reports=False)

    assert _snapshot() == before


def test_demo_titles_are_varied_and_spread_over_the_year(demo):
    news = Record.objects.filter(postings__channel__institution__slug="hntou", postings__channel__name="山海新闻")
    titles = list(news.values_list("title", flat=True))
    assert len(titles) == 445
    assert len(set(titles)) >= 0.9 * len(titles)

    months = {(d.year, d.month) for d in Posting.objects.filter(record__in=news).values_list("posted_on", flat=True)}
    assert len(months) >= 10
    assert all(START <= date(y, m, 1) <= END for y, m in months)


@pytest.mark.parametrize("slug, code", [("hntou", "HNTOU"), ("qzoi", "QZOI")])
def test_every_published_demo_record_has_its_own_index_number(demo, slug, code):
    records = list(
        Record.objects.filter(institution__slug=slug, state=RecordState.PUBLISHED).prefetch_related("items__category")
    )
    numbers = [r.index_number for r in records]

    assert records
    assert all(numbers)
    assert len(set(numbers)) == len(numbers)
    pattern = re.compile(rf"^{code}-(\d\d)-(\d{{4}})-(\d{{4}})$")
    for record in records:
        match = pattern.match(record.index_number)
        assert match, record.index_number
        # the number's category and year are the record's own
        assert match.group(1) == category_code(record)
        assert int(match.group(2)) == timezone.localtime(record.published_at).year


def test_a_record_published_after_the_demo_continues_its_sequence(demo):
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="hntou-")}
    record = Record.objects.get(institution__slug="hntou", state=RecordState.IN_REVIEW, step__name="保密审查")
    taken = set(Record.objects.filter(institution__slug="hntou").values_list("index_number", flat=True))
    last = IndexSequence.objects.get(institution__slug="hntou", category="00", year=2023).last

    record = services.approve(users["hntou-secrecy"], record)
    record = services.approve(users["hntou-signer"], record)
    record = services.publish(users["hntou-signer"], record, at=beijing(2023, 5, 10))

    assert record.index_number == f"HNTOU-00-2023-{last + 1:04d}"
    assert record.index_number not in taken
