"""密级 and 内部 markings: strong at the head of a document, weak or nothing in a sentence
about the rules."""

from __future__ import annotations

import pytest

from xxgk.screening import ScreeningConfig, scan_text


def markers(text, **kw):
    return [f for f in scan_text(text, ScreeningConfig(**kw)) if f.kind == "secret_marker"]


@pytest.mark.parametrize("marking", ["秘密★1年", "机密★长期", "绝密★30年", "秘密 ★ 6个月", "机密★"])
def test_level_with_star_and_term(marking):
    hit = markers(f"{marking}\n关于2024年招生计划的请示\n各学院：……")
    assert [f.text for f in hit] == [marking]
    assert hit[0].confidence >= 0.95


def test_level_with_star_anywhere_is_still_a_marking():
    hit = markers("第一段正文。\n" * 20 + "附件3（秘密★1年）")
    assert [f.text for f in hit] == ["秘密★1年"]


def test_level_word_alone_at_the_head():
    hit = markers("机密\n关于某事项的通报\n正文……")
    assert [f.text for f in hit] == ["机密"] and hit[0].confidence >= 0.9


def test_miji_label():
    hit = markers("密级：秘密\n保密期限：1年\n关于……")
    assert {f.text for f in hit} >= {"密级：秘密", "保密期限：1年"}


@pytest.mark.parametrize("marking", ["内部资料", "内部资料 注意保密", "【内部文件】", "仅供内部使用，不得外传"])
def test_circulation_markings_at_the_head(marking):
    hit = markers(f"{marking}\n2024年学科评估自评报告\n……")
    assert hit and all(f.confidence >= 0.9 for f in hit)


def test_restricting_phrase_inside_an_ordinary_sentence_is_medium():
    hit = markers("一、概述\n" * 6 + "本材料请妥善保管，不得外传。")
    assert hit and all(0.5 <= f.confidence < 0.9 for f in hit)


def test_rules_talk_is_not_a_high_confidence_finding():
    text = "一、概述\n" * 6 + "严格执行保密制度，涉密信息不上网，上网信息不涉密。"
    assert markers(text) == []
    assert markers(text, min_confidence=0) == []  # 保密、涉密 alone are not looked for


def test_state_secret_in_a_sentence_is_not_a_marking():
    assert markers("贯彻执行《中华人民共和国保守国家秘密法》，防止失密泄密。", min_confidence=0) == []


def test_level_word_inside_a_sentence_is_low_confidence():
    text = "一、概述\n" * 6 + "会议讨论了文件定为机密的程序。"
    assert markers(text) == []
    low = markers(text, min_confidence=0)
    assert low and low[0].confidence < 0.5


def test_secret_markings_are_left_unmasked_by_default():
    from xxgk.screening import mask_text

    text = "秘密★1年\n正文"
    assert mask_text(text, scan_text(text)) == text
