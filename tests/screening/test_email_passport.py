"""电子邮箱 and 护照号码."""

from __future__ import annotations

from xxgk.screening import ScreeningConfig, scan_text


def test_email_addresses():
    text = "来信请寄zhang.san-2001@stu.hntou.edu.cn或 li_si@qq.com。"
    assert [f.text for f in scan_text(text) if f.kind == "email"] == ["zhang.san-2001@stu.hntou.edu.cn", "li_si@qq.com"]


def test_no_email_without_domain():
    assert [f for f in scan_text("微博@海南热带海洋学院 发布") if f.kind == "email"] == []


def test_passport_with_context_is_high_confidence():
    hit = [f for f in scan_text("护照号码：E12345678") if f.kind == "passport"]
    assert [f.text for f in hit] == ["E12345678"]
    assert hit[0].confidence >= 0.95


def test_passport_shape_without_context_is_reported_lower():
    hit = [f for f in scan_text("编号E12345678") if f.kind == "passport"]
    assert hit and hit[0].confidence < 0.9
    hit = [f for f in scan_text("持EA1234567出境") if f.kind == "passport"]
    assert [f.text for f in hit] == ["EA1234567"]


def test_service_passport_shape_needs_the_word():
    assert [f for f in scan_text("型号P1234567") if f.kind == "passport"] == []
    assert [f.text for f in scan_text("公务护照P1234567") if f.kind == "passport"] == ["P1234567"]
    low = scan_text("型号P1234567", ScreeningConfig(min_confidence=0))
    assert all(f.confidence < 0.5 for f in low)
