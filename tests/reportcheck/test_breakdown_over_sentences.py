"""其中 breakdowns spread over several sentences or lines: the total in the sentence before 其中,
one item per sentence, a list on the lines after "其中：" — and what must not be pulled in."""

from __future__ import annotations

import pytest

from xxgk.reportcheck import check


def mismatches(text):
    return [f.message for f in check(text).findings if f.code == "sum_mismatch"]


def test_total_in_the_sentence_before_qizhong():
    (message,) = mismatches("学校门户网站共发布信息1200条。其中，新闻动态520条，通知公告480条，招生就业260条。")
    assert message == (
        "“学校门户网站共发布信息1200条”之后所列分项合计1260条（520+480+260），与总数1200条不符，"
        "相差60条：分项之和大于总数"
    )


def test_one_item_per_sentence():
    (message,) = mismatches("学校门户网站共发布信息1200条。其中，新闻动态520条。通知公告480条。招生就业160条。")
    assert "合计1160条（520+480+160）" in message and "相差40条" in message


def test_a_list_on_the_lines_after_qizhong():
    (message,) = mismatches(
        "共受理信息公开申请10件。其中：\n予以公开6件；\n部分公开2件；\n不予公开3件。\n四、评议情况\n"
    )
    assert "合计11件（6+2+3）" in message


def test_enumerated_items_after_a_full_sentence():
    (message,) = mismatches("共发布信息1200条，其中新闻520条、通知480条。三是招生就业信息260条。")
    assert "合计1260条（520+480+260）" in message


@pytest.mark.parametrize(
    "text",
    [
        "学校门户网站共发布信息1200条。其中，新闻动态520条。通知公告480条。招生就业200条。",
        # the breakdown is complete: the next short sentence is not an item
        "共发布信息100条，其中新闻40条、通知60条。微信发布30条。",
        "共发布信息100条。其中，新闻40条。通知60条。微信发布30条。",
        # a sentence with several figures is not one more item
        "共发布信息1200条，其中新闻520条。微信推文300条，其中原创200条、转载100条。",
        # a sentence that is itself a breakdown is not the total of the next 其中
        "共发布1200条，其中新闻520条、通知680条。其中，原创新闻300条、转载新闻220条。",
        # another unit in the sentence before
        "学校共举办培训5场。其中，新闻40条、通知60条。",
    ],
)
def test_not_a_mismatch(text):
    assert mismatches(text) == []
