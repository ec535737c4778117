"""More findings in one file than the cap give one "发现项过多" item, not thousands of rows."""

from __future__ import annotations

import io
import json

from xxgk.screening import TOO_MANY, screen
from xxgk.screening.cli import main

from .documents import luhn_complete


def _phone_book(n: int) -> str:
    return "\n".join(f"联系人{i}：手机 139{i:08d}" for i in range(n))


def test_a_file_over_the_cap_says_too_many():
    result = screen(_phone_book(600).encode(), "通讯录.txt")
    (part,) = result.parts
    assert part.too_many and len(part.findings) >= 600  # all kept, for masking
    assert not screen(_phone_book(10).encode(), "通讯录.txt").parts[0].too_many


def test_the_cli_prints_one_row_for_it(tmp_path):
    p = tmp_path / "通讯录.txt"
    p.write_text(_phone_book(600) + "\n卡号 " + luhn_complete("622202123456789012"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main([str(p), "--format", "jsonl"], stdout=out, stderr=err)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert code == 1
    assert [r["kind"] for r in rows] == [TOO_MANY]
    assert "超过每个文件 500 处的上限" in rows[0]["reason"] and "手机号码" in rows[0]["reason"]
