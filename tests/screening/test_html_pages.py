"""A web page is screened by the text a reader sees: a number inside a script is not shown, one
in the text is; `xxgk scan DIR` screens a whole saved website."""

from __future__ import annotations

import io

from xxgk.screening import extract, screen
from xxgk.screening.cli import main

from .documents import ID_A, ID_B

PAGE = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2024年拟录取名单公示</title>
<style>.id {{ content: "{ID_B}"; }}</style>
<script>var hidden = "{ID_B}";</script>
</head><body>
<div class="nav">首页 &gt; 通知公告</div>
<h1>拟录取名单</h1>
<table><tr><th>姓名</th><th>身份证号</th></tr>
<tr><td>王小明</td><td>{ID_A[:6]}<b>{ID_A[6:]}</b></td></tr></table>
<p>联系电话：&#49;39&#48;7551234&nbsp;（招生办）</p>
</body></html>"""


def test_the_text_a_reader_sees_is_screened_and_scripts_are_not():
    data = PAGE.encode("gb2312")
    extracted = extract(data, "公示.html")
    assert extracted.text.splitlines() == [
        "2024年拟录取名单公示",
        "首页 > 通知公告",
        "拟录取名单",
        "姓名\t身份证号",
        f"王小明\t{ID_A}",
        "联系电话：13907551234 （招生办）",
    ]
    found = sorted((f.kind, f.text) for p in screen(data, "公示.html").parts for f in p.findings)
    assert ("id_card", ID_A) in found and ("mobile", "13907551234") in found
    assert ID_B not in [text for _kind, text in found]


def test_scan_of_a_saved_website(tmp_path):
    site = tmp_path / "site"
    (site / "tzgg").mkdir(parents=True)
    (site / "index.htm").write_text("<html><body><p>欢迎访问信息公开网</p></body></html>", encoding="utf-8")
    (site / "tzgg" / "1.html").write_bytes(PAGE.encode("gb2312"))
    (site / "tzgg" / "附件.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (site / "style.css").write_text("body {}", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main([str(site), "--format", "jsonl"], stdout=out, stderr=err)
    assert code == 2  # the damaged .doc could not be screened
    assert ID_A in out.getvalue() and "tzgg/1.html" in out.getvalue()
    assert "index.htm" not in out.getvalue()
    assert "附件.doc" in err.getvalue() and "损坏" in err.getvalue()
    assert "style.css" not in out.getvalue() + err.getvalue()
