"""Mobiles with a country prefix (+86, （+86）, 86-, 0086) and grouped 3-4-4, in ASCII or
full-width digits: each found once, as a mobile, and masked keeping the prefix. (These
shapes were already found before the grouped-ID and line-break work; the tests keep them
found.)"""

from __future__ import annotations

import pytest

from xxgk.screening import scan_text
from xxgk.screening.mask import mask_text


def mobiles(text):
    return [f.text for f in scan_text(text) if f.kind == "mobile"]


@pytest.mark.parametrize(
    "written, found",
    [
        ("+86 139 1234 5678", "+86 139 1234 5678"),
        ("+86-139-1234-5678", "+86-139-1234-5678"),
        ("+8613912345678", "+8613912345678"),
        ("86-13912345678", "86-13912345678"),
        ("0086 139 1234 5678", "0086 139 1234 5678"),
        ("（+86）13912345678", "13912345678"),
        ("(+86)139-1234-5678", "139-1234-5678"),
        ("（+86） 139 1234 5678", "139 1234 5678"),
        ("139 1234 5678", "139 1234 5678"),
        ("139-1234-5678", "139-1234-5678"),
        ("１３９１２３４５６７８", "１３９１２３４５６７８"),
        ("１３９ １２３４ ５６７８", "１３９ １２３４ ５６７８"),
        ("＋８６ １３９ １２３４ ５６７８", "＋８６ １３９ １２３４ ５６７８"),
    ],
)
def test_prefixed_and_grouped_mobiles_are_found(written, found):
    assert mobiles(f"联系人：王老师，手机：{written}。") == [found]
    assert mobiles(f"如有疑问请致电{written}") == [found]


def test_a_prefixed_mobile_is_masked_keeping_the_prefix():
    text = "手机：+86 139 1234 5678"
    assert mask_text(text, scan_text(text)) == "手机：+86 139 **** 5678"
    text = "手机：（+86）13912345678"
    assert mask_text(text, scan_text(text)) == "手机：（+86）139****5678"
