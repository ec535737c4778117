"""The masking styles in common use, chosen per kind by the config."""

from __future__ import annotations

import pytest

from xxgk.screening import ScreeningConfig, mask_text, mask_value, scan_text

from .documents import admission_list_text, make_id


@pytest.mark.parametrize(
    "kind,text,style,expected",
    [
        ("id_card", "460101200203151233", "keep_ends", "4601**********1233"),
        ("bank_card", "6222021234567890128", "keep_ends", "6222***********0128"),
        ("mobile", "13812345678", "middle", "138****5678"),
        ("mobile", "138-1234-5678", "middle", "138-****-5678"),
        ("mobile", "+86 138 1234 5678", "middle", "+86 138 **** 5678"),
        ("landline", "0898-88651234", "middle", "0898-****1234"),
        ("email", "zhangsan@163.com", "middle", "z*******@163.com"),
        ("person_name", "张三明", "name", "张*明"),
        ("person_name", "张三", "name", "张*"),
        ("person_name", "欧阳娜娜", "name", "欧**娜"),
        ("address", "海南省三亚市吉阳区榆亚路123号5栋602室", "region", "海南省三亚市吉阳区*************"),
        ("exam_number", "23460101150123", "full", "**************"),
        ("id_card", "460101200203151233", "replace", "［已屏蔽］"),
        ("secret_marker", "秘密★1年", "none", "秘密★1年"),
    ],
)
def test_styles(kind, text, style, expected):
    assert mask_value(kind, text, style) == expected


def test_default_styles_per_kind():
    number = make_id()
    text = f"王小明，身份证号{number}，手机13812345678"
    assert mask_text(text, scan_text(text)) == f"王*明，身份证号{number[:4]}{'*' * 10}{number[-4:]}，手机138****5678"


def test_length_kept_so_offsets_stay_valid():
    text = admission_list_text()
    findings = scan_text(text)
    masked = mask_text(text, findings)
    assert len(masked) == len(text)
    assert masked.index("专升本") == text.index("专升本")
    assert masked.endswith(text[findings[-1].end :])


def test_config_chooses_the_style():
    config = ScreeningConfig(mask_styles={"id_card": "replace", "person_name": "full"}, replace_label="[隐]")
    number = make_id()
    text = f"王小明，身份证号{number}"
    assert mask_text(text, scan_text(text, config), config) == "***，身份证号[隐]"


def test_unknown_style_is_refused():
    with pytest.raises(ValueError, match="屏蔽方式"):
        ScreeningConfig(mask_styles={"id_card": "blur"})


def test_findings_from_another_text_are_refused():
    findings = scan_text("手机13812345678")
    with pytest.raises(ValueError):
        mask_text("手机13999999999", findings)
