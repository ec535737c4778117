"""Itemised figures that do not add up to the stated total."""

from __future__ import annotations

from xxgk.reportcheck import check
from xxgk.reportcheck.figures import extract_figures
from xxgk.reportcheck.sums import find_sums
from xxgk.reportcheck.text import normalize

from .conftest import HAINAN, QUANZHOU, report


def sums_of(path):
    text = path.read_text(encoding="utf-8")
    norm = normalize(text)
    return [(c.total.value, [f.value for f in c.items], c.ok) for c in find_sums(norm, extract_figures(norm, text))]


def test_hainan_sums_add_up():
    assert sums_of(HAINAN) == [
        (1312, [445, 63, 474, 77, 13, 224, 16], True),  # the seven website columns
        (50, [20, 30], True),  # 货物 20 + 服务 30; the 万元 amounts between them are skipped
    ]


def test_quanzhou_sum_adds_up():
    assert sums_of(QUANZHOU) == [(468, [359, 109], True)]


def test_seeds_have_no_sum_mismatch(hainan, quanzhou):
    assert not [f for f in hainan.findings + quanzhou.findings if f.code == "sum_mismatch"]


def test_items_larger_than_the_total():
    rep = report("baisha-wrong-citation.txt")
    (over,) = [f for f in rep.findings if f.code == "sum_mismatch" and f.severity == "error"]
    assert "合计1260条（520+480+260）" in over.message
    assert "与总数1200条不符，相差60条" in over.message
    assert over.section == "proactive"


def test_items_smaller_than_the_total_is_a_warning():
    rep = report("baisha-wrong-citation.txt")
    (under,) = [f for f in rep.findings if f.code == "sum_mismatch" and f.severity == "warning"]
    assert "合计9场（4+5）" in under.message and "相差1场" in under.message


def test_approximate_items_are_not_checked():
    rep = check("学校官方微信公众号发布推文300余篇，其中原创文章约200篇、转载100篇。")
    assert not [f for f in rep.findings if f.code == "sum_mismatch"]


def test_a_new_total_ends_the_items():
    rep = check("共发布信息100条，其中新闻40条、通知60条；共发布视频30条。")
    assert not [f for f in rep.findings if f.code == "sum_mismatch"]


def test_decimal_sums():
    rep = check("成交金额共3，158.43万元，其中货物1，081.11万元、服务2，077.32万元。")
    assert not [f for f in rep.findings if f.code == "sum_mismatch"]
    rep = check("成交金额共3，158.44万元，其中货物1，081.11万元、服务2，077.32万元。")
    assert [f.code for f in rep.findings if f.code == "sum_mismatch"] == ["sum_mismatch"]
