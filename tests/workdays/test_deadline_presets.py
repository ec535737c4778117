"""The presets are data: 高校 15+15, 政府条例 20+20, consultation 15, 补正 notice 7."""

import json
from importlib import resources

import pytest

from xxgk.workdays import PRESETS, DeadlineRule, preset


def test_presets_come_from_the_data_file():
    data = json.loads(resources.files("xxgk.workdays").joinpath("presets.json").read_text("utf-8"))
    assert set(PRESETS) == set(data) == {"university", "government"}
    for name, fields in data.items():
        assert preset(name).days == fields["days"]


def test_preset_values():
    uni, gov = preset("university"), preset("government")
    assert (uni.days, uni.extension_days) == (15, 15)
    assert (gov.days, gov.extension_days) == (20, 20)
    assert uni.consultation_days == gov.consultation_days == 15
    assert uni.correction_notice_days == gov.correction_notice_days == 7
    assert uni.count_from_next_day and gov.count_from_next_day
    assert "高校" in uni.label and "未核实" in uni.basis


def test_unknown_preset_names_the_choices():
    with pytest.raises(KeyError, match="university"):
        preset("provincial")


def test_rule_refuses_negative_days():
    with pytest.raises(ValueError):
        DeadlineRule(days=-1)
