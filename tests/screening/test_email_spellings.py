"""E-mail addresses as people write them: in capitals, with a space around the @, or with
the @ written out against harvesters (zhang[at]hntou.edu.cn, zhang（at）hntou.edu.cn)."""

from __future__ import annotations

import pytest

from xxgk.screening import scan_text
from xxgk.screening.mask import mask_text


def emails(text):
    return [f.text for f in scan_text(text) if f.kind == "email"]


@pytest.mark.parametrize(
    "address",
    [
        "zhang @ hntou.edu.cn",
        "zhang @hntou.edu.cn",
        "zhang@ hntou.edu.cn",
        "ZHANG @ HNTOU.EDU.CN",
        "zhang[at]hntou.edu.cn",
        "zhang[AT]hntou.edu.cn",
        "zhang（at）hntou.edu.cn",
        "zhang(at)hntou.edu.cn",
        "zhang【at】hntou.edu.cn",
        "ZHANG.SAN[at]HNTOU.EDU.CN",
    ],
)
def test_written_out_and_spaced_addresses_are_found(address):
    assert emails(f"联系人：张老师，邮箱：{address}，电话另告。") == [address]


def test_capitals_are_found_as_before():
    assert emails("邮箱：ZHANG@HNTOU.EDU.CN") == ["ZHANG@HNTOU.EDU.CN"]


def test_written_out_addresses_are_masked_keeping_the_domain():
    for text, want in [
        ("邮箱：zhang[at]hntou.edu.cn", "邮箱：z****[at]hntou.edu.cn"),
        ("邮箱：zhang（at）hntou.edu.cn", "邮箱：z****（at）hntou.edu.cn"),
        ("邮箱：zhang @ hntou.edu.cn", "邮箱：z**** @ hntou.edu.cn"),
    ]:
        assert mask_text(text, scan_text(text)) == want


@pytest.mark.parametrize(
    "text",
    [
        "请 @ 所有人注意查收。",
        "微博 @海南热带海洋学院 发布。",
        "Look (at) this.",
        "邮箱格式为 用户名[at]域名。",
        "zhang[at]hntou",
    ],
)
def test_at_words_without_an_address_are_not_findings(text):
    assert emails(text) == []
