"""Finding locations are shown in words, never as the extractor's reference."""

from xxgk.screening.locations import location_label


def test_locations_in_words():
    assert location_label("body") == "正文"
    assert location_label("table:1!R3C2") == "表格1 第3行第2列"
    assert location_label("header（第2节首页）") == "页眉（第2节首页）"
    assert location_label("footer（文本框）") == "页脚（文本框）"
    assert location_label("第2张幻灯片") == "第2张幻灯片"
    assert location_label("") == ""
