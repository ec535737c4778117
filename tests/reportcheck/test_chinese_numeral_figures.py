"""Figures written in Chinese numerals are figures: 十余次, 三十余条, 两千余条, 五个工作日; articles
(一个, 一次), ordinals (第三次) and the text's own shape (六个部分, 三个方面) are not."""

from xxgk.reportcheck import extract_figures
from xxgk.reportcheck.figures import cn_value


def _triples(text):
    return [(f.value, f.unit, f.approx) for f in extract_figures(text)]


def test_values():
    assert [cn_value(s) for s in ("十", "十五", "三十", "一百二十", "两千", "三万五千", "一百零五", "二〇", "甲")] == [
        10,
        15,
        30,
        120,
        2000,
        35000,
        105,
        None,
        None,
    ]


def test_counts_in_words():
    text = "学校全年共召开新闻发布会十余次，发布信息三十余条，网站发布两千余条，平均在五个工作日内答复。"
    assert _triples(text) == [(10, "次", True), (30, "条", True), (2000, "条", True), (5, "个工作日", False)]


def test_not_counts():
    text = "报告包括六个部分。学校从三个方面推进工作，这是一个重要举措，第三次会议召开，每一条都核实。"
    assert _triples(text) == []


def test_digits_and_words_together():
    assert _triples("收到申请3件，办结两件。") == [(3, "件", False), (2, "件", False)]
