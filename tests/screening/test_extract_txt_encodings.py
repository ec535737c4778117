"""Plain text in the encodings Chinese offices use; offsets are into the decoded text."""

from __future__ import annotations

import pytest

from xxgk.screening import ExtractionError, extract, scan_file

from .documents import admission_list_text, make_id

TEXT = f"关于公示的通知\n考生：李静怡，身份证号：{make_id()}\n"


@pytest.mark.parametrize(
    "codec,expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("gb2312", "gb18030"),
        ("utf-16", "utf-16"),
        ("big5", "big5"),
    ],
)
def test_decoded_in_any_common_encoding(tmp_path, codec, expected):
    text = TEXT if codec != "big5" else f"關於公示的通知\n考生：李靜怡，身份證號：{make_id()}\n"
    path = tmp_path / "notice.txt"
    path.write_bytes(text.encode(codec))
    extracted = extract(path)
    assert extracted.text == text
    assert extracted.encoding == expected
    assert extracted.kind == "txt"


def test_offsets_are_into_the_decoded_text(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(("\ufeff" + admission_list_text()).encode("utf-8"))  # with BOM
    result = scan_file(path)
    text = result.extracted.text
    assert not text.startswith("\ufeff")
    assert result.findings
    for f in result.findings:
        assert text[f.start : f.end] == f.text
    gbk = tmp_path / "list-gbk.txt"
    gbk.write_bytes(admission_list_text().encode("gbk"))
    assert [(f.start, f.end) for f in scan_file(gbk).findings] == [(f.start, f.end) for f in result.findings]


def test_windows_line_ends_are_kept(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode("gbk"))
    result = scan_file(path)
    f = [f for f in result.findings if f.kind == "id_card"][0]
    assert result.extracted.text[f.start : f.end] == f.text
    assert f.location == "line:2"


def test_binary_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x00\x01\x02\x03MZ\x90\x00" * 8)
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert "data.txt" in str(info.value) and "不是文本文件" in str(info.value)


def test_an_image_named_txt_is_read_as_an_image(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # by its content; cut short
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert "photo.txt" in str(info.value) and "图片" in str(info.value)


def test_missing_file_is_an_extraction_error(tmp_path):
    with pytest.raises(ExtractionError, match="文件不存在"):
        extract(tmp_path / "none.txt")


def test_a_damaged_old_office_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "名单.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(ExtractionError, match="docx"):
        extract(path)


def test_bytes_input():
    extracted = extract(TEXT.encode("gb18030"), filename="x.txt")
    assert extracted.text == TEXT
