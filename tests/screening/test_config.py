"""ScreeningConfig: kinds, thresholds, styles and the rules file."""

from __future__ import annotations

import json

import pytest

from xxgk.screening import KINDS, ScreeningConfig, load_rules, scan_text

from .documents import admission_list_text


def test_defaults():
    config = ScreeningConfig()
    assert config.enabled_kinds == frozenset(KINDS)
    assert config.min_confidence == 0.5
    assert config.style_for("id_card") == "keep_ends" and config.style_for("person_name") == "name"


def test_from_dict_like_an_institution_settings_row():
    config = ScreeningConfig.from_dict(
        {
            "allow_list": ["0898-88651234"],
            "student_number_pattern": r"20\d{8}",
            "mask_styles": {"mobile": "full"},
            "min_confidence": 0.8,
        }
    )
    assert config.allow_list == ("0898-88651234",)
    assert config.style_for("mobile") == "full" and config.style_for("id_card") == "keep_ends"
    with pytest.raises(ValueError, match="未知的配置项"):
        ScreeningConfig.from_dict({"colour": "red"})


def test_bad_values_are_refused_in_chinese():
    with pytest.raises(ValueError, match="未知的筛查类型"):
        ScreeningConfig(enabled_kinds={"dna"})
    with pytest.raises(ValueError, match="正则表达式"):
        ScreeningConfig(student_number_pattern="(")
    with pytest.raises(ValueError):
        ScreeningConfig(min_confidence=2)


def test_threshold_filters_findings():
    everything = scan_text(admission_list_text(), ScreeningConfig(min_confidence=0))
    strict = scan_text(admission_list_text(), ScreeningConfig(min_confidence=0.96))
    assert len(strict) < len(everything)
    assert all(f.confidence >= 0.96 for f in strict)


def test_rules_are_data_in_the_package():
    rules = load_rules()
    assert "秘密" in rules.secret_levels and "不得外传" in rules.secret_markers
    assert "欧阳" in rules.surnames_compound and "王" in rules.surnames
    assert rules.mask_styles["id_card"] == "keep_ends"


def test_an_institution_can_bring_its_own_rules(tmp_path):
    raw = json.loads(load_rules().raw and json.dumps(load_rules().raw))
    raw["secret"]["markers"].append("限校内")
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    config = ScreeningConfig(rules_path=str(path))
    assert [f.text for f in scan_text("限校内\n关于……", config)] == ["限校内"]
    assert scan_text("限校内\n关于……") == []
