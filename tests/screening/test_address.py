"""住址: home addresses are found; an institution's own address is weaker evidence."""

from __future__ import annotations

from xxgk.screening import ScreeningConfig, scan_text


def addresses(text, **kw):
    return [f for f in scan_text(text, ScreeningConfig(**kw)) if f.kind == "address"]


def test_home_address_after_a_label():
    hit = addresses("家庭住址：海南省三亚市吉阳区榆亚路123号5栋602室，邮编572022。")
    assert [f.text for f in hit] == ["海南省三亚市吉阳区榆亚路123号5栋602室"]
    assert hit[0].confidence >= 0.9


def test_address_with_flat_and_room_without_label():
    hit = addresses("该生现居海口市美兰区海甸五西路28号3栋2单元501室。")
    assert [f.text for f in hit] == ["海口市美兰区海甸五西路28号3栋2单元501室"]


def test_village_and_group():
    assert [f.text for f in addresses("家住儋州市那大镇石屋村三组")] == ["儋州市那大镇石屋村三组"]


def test_institution_postal_address_is_low_confidence():
    text = "通讯地址：福建省石狮市祥芝镇古浮二十区1号"
    assert addresses(text) == []
    low = addresses(text, min_confidence=0)
    assert low and low[0].confidence < 0.5


def test_document_numbers_are_not_addresses():
    assert (
        addresses("《教育部关于公布〈高等学校信息公开事项清单〉的通知》（教办函〔2014〕23号）", min_confidence=0) == []
    )
    assert addresses("第29号令", min_confidence=0) == []
