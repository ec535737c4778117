"""Highlights mark each term of the query whole, where it occurs as written, and nothing else: "奖学金"
marks 奖学金 in 学生奖学金评定 but not 奖学 in 获奖学生."""

from django.urls import reverse

from tests.portal.conftest import published
from xxgk.portal.search import highlight, snippet


def test_a_term_is_marked_whole_and_never_a_part_of_it():
    assert highlight("获奖学生的学生奖学金评定", ["奖学金"]) == "获奖学生的学生<mark>奖学金</mark>评定"
    assert highlight("获奖学生", ["奖学金"]) == "获奖学生"


def test_every_occurrence_and_overlaps_merged():
    assert highlight("招生章程与招生章程", ["招生", "生章程"]) == "<mark>招生章程</mark>与<mark>招生章程</mark>"
    assert highlight("啊啊啊", ["啊啊"]) == "<mark>啊啊啊</mark>"


def test_ascii_letters_in_either_case_keep_their_own_case():
    assert highlight("下载 PDF 或 pdf 文件", ["pdf"]) == "下载 <mark>PDF</mark> 或 <mark>pdf</mark> 文件"
    assert highlight("ÉCOLE école", ["école"]) == "ÉCOLE <mark>école</mark>"  # only ASCII letters fold


def test_markup_in_the_text_is_escaped_around_the_marks():
    assert highlight("<b>招生</b>&", ["招生"]) == "&lt;b&gt;<mark>招生</mark>&lt;/b&gt;&amp;"


def test_the_snippet_opens_on_the_first_occurrence():
    plain = "前言。" * 40 + "获奖学生名单。学生奖学金评定办法。"
    html = snippet(plain, ["奖学金"])
    assert "<mark>奖学金</mark>" in html and "<mark>奖学</mark>" not in html
    assert html.startswith("…")


def test_the_results_page_marks_the_whole_query(client, world):
    published(world, "关于获奖学生与学生奖学金评定的通知", body="<p>奖学金评定办法附后。</p>")
    html = client.get(reverse("portal:search", args=[world.institution.slug]), {"q": "奖学金"}).content.decode()
    assert "获奖学生与学生<mark>奖学金</mark>评定" in html
    assert "<mark>奖学金</mark>评定办法" in html
    assert "<mark>奖学</mark>" not in html
