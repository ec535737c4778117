"""The institution's own published contacts are not findings."""

from __future__ import annotations

from xxgk.screening import ScreeningConfig, scan_file, scan_text

from .documents import recruitment_result_text


def test_office_phone_in_another_spelling_is_allowed():
    config = ScreeningConfig(allow_list=["(0898)88386666", "RSC@hntou.edu.cn"])
    found = scan_text(recruitment_result_text(), config)
    assert [f.kind for f in found] == []


def test_allowed_mobile_with_country_code():
    config = ScreeningConfig(allow_list=["189 6022 1860"])
    assert scan_text("咨询热线：+86 18960221860", config) == []
    assert [f.text for f in scan_text("学生手机：13907551234", config)] == ["13907551234"]


def test_other_numbers_still_reported():
    config = ScreeningConfig(allow_list=["0898-88386666"])
    found = scan_text("人事处0898-88386666；应聘者王某电话0898-88123456", config)
    assert [f.text for f in found] == ["0898-88123456"]


def test_seed_report_is_clean_once_its_contacts_are_allowed(seeds_dir):
    path = seeds_dir / "qzoi-2022-2023.txt"
    assert {f.kind for f in scan_file(path).findings} == {"mobile", "email"}
    config = ScreeningConfig(allow_list=["18960221860", "qzhyxydzb@163.com", "福建省石狮市祥芝镇古浮二十区1号"])
    assert scan_file(path, config).findings == []
    assert scan_file(path, config.with_changes(min_confidence=0)).findings == []


def test_seed_report_without_personal_data(seeds_dir):
    assert scan_file(seeds_dir / "hntou-2022-2023.txt").findings == []
