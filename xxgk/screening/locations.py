"""Where in a document a finding is, said in words: the extractors' locations ("body",
"header（第2节首页）", "table:1!R3C2", "第2张幻灯片") are references masking reads back; people read these."""

from __future__ import annotations

import re

_WORDS = {
    "body": "正文",
    "header": "页眉",
    "footer": "页脚",
    "footnote": "脚注",
    "endnote": "尾注",
    "comment": "批注",
    "textbox": "文本框",
}
_TABLE = re.compile(r"table:(\d+)!R(\d+)C(\d+)")
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b")


def location_label(location: str) -> str:
    """ "table:1!R3C2" -> "表格1 第3行第2列", "header（首页）" -> "页眉（首页）"; anything else as it is."""
    if not location:
        return ""
    text = _TABLE.sub(lambda m: f"表格{m.group(1)} 第{m.group(2)}行第{m.group(3)}列", location)
    return _WORD.sub(lambda m: _WORDS[m.group(1)], text)
