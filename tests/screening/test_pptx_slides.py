"""A .pptx is read slide by slide: text, tables, speaker notes and comments, with locations
"第N张幻灯片"; its masked copy has no value left anywhere in the package."""

from __future__ import annotations

import zipfile

from xxgk.screening import extract, screen
from xxgk.screening.masking_files import mask_file

from .documents import ID_A, ID_B
from .slides import pptx_bytes

SLIDES = [
    {"text": ["2024年国家助学金评审工作汇报", "学生资助管理中心"]},
    {
        "text": ["拟资助学生名单"],
        "table": [["姓名", "身份证号"], ["王小明", ID_A]],
        "notes": [f"讲到此处补充：李静怡 身份证号 {ID_B[:8]}|{ID_B[8:]}"],
        "comments": ["请核对联系人手机13907551234"],
    },
]


def test_text_tables_notes_and_comments_in_slide_order():
    extracted = extract(pptx_bytes(SLIDES), "汇报.pptx")
    assert extracted.kind == "pptx"
    assert extracted.text.splitlines() == [
        "2024年国家助学金评审工作汇报",
        "学生资助管理中心",
        "拟资助学生名单",
        "姓名\t身份证号",
        f"王小明\t{ID_A}",
        f"讲到此处补充：李静怡 身份证号 {ID_B}",
        "请核对联系人手机13907551234",
    ]


def test_an_id_in_the_notes_and_in_a_table_is_found_where_a_person_looks():
    result = screen(pptx_bytes(SLIDES), "汇报.pptx")
    found = {(f.kind, f.text): f.location for p in result.parts for f in p.findings}
    assert found[("id_card", ID_A)] == "第2张幻灯片（表格1 第2行第2列）"
    assert found[("id_card", ID_B)] == "第2张幻灯片（备注）"
    assert found[("mobile", "13907551234")] == "第2张幻灯片（批注）"


def test_the_masked_copy_keeps_no_value(tmp_path):
    source = tmp_path / "汇报.pptx"
    source.write_bytes(pptx_bytes(SLIDES))
    report = mask_file(source, tmp_path / "out.pptx")
    assert report.written and report.warnings == []
    with zipfile.ZipFile(tmp_path / "out.pptx") as zf:
        package = b"".join(zf.read(n) for n in zf.namelist())
    for value in (ID_A, ID_B, "13907551234", ID_B[8:]):
        assert value.encode() not in package
    assert "第2张幻灯片" in {f.location.split("（")[0] for f in report.masked}
    assert screen((tmp_path / "out.pptx").read_bytes(), "out.pptx").findings_count == 0


def test_a_damaged_pptx_is_unscreenable():
    data = pptx_bytes(SLIDES)
    result = screen(data[: len(data) // 2], "汇报.pptx")
    assert not result.parts and "演示文稿" in result.unscreenable[0].reason
