"""A long file name (90 Chinese characters is 270 bytes, over the file system's 255) is shortened
safely, keeping its extension, for storage and for the name column: the upload is kept, never a 500."""

from xxgk.core.filenames import DISPLAY_CHARS, STORAGE_BYTES, display_name, storage_name

LONG_CJK = "关于二〇二四年度学生奖助学金评审结果及家庭经济困难学生认定名单的公示附件" * 3  # 108 characters


def test_storage_names_fit_the_file_system_and_keep_the_extension():
    name = storage_name(LONG_CJK + ".txt")
    assert len(name.encode()) <= STORAGE_BYTES and name.endswith(".txt")
    assert name.startswith(LONG_CJK[:30])
    assert storage_name("a" * 300 + ".pdf").endswith(".pdf")
    assert storage_name("../../etc/passwd") == "passwd"
    assert storage_name("名单\x00.txt") == "名单.txt"
    assert storage_name("...") == "file"
    assert storage_name("x." + "y" * 40).startswith("x.")  # an implausible extension is just part of the name


def test_display_names_fit_the_column_and_keep_the_extension():
    name = display_name("表" * 264 + ".xlsx")
    assert len(name) == DISPLAY_CHARS and name.endswith(".xlsx")
    assert display_name("C:\\Users\\张三\\名单.xlsx") == "名单.xlsx"
