"""A report saved from a university's web site: the text a reader sees — the site's menus, breadcrumb,
footer, scripts and hidden blocks are skipped, table rows are one line, and the report reads like
the same report in txt."""

from __future__ import annotations

import pytest

from xxgk.reportcheck import ReadError, check, check_path, read_path

BODY = [
    "一、概述",
    "学校严格落实《高等学校信息公开办法》，完善信息公开工作机制。",
    "二、主动公开情况",
    "学校门户网站共发布信息1200条，其中新闻动态520条、通知公告480条、招生就业200条。",
    "三、依申请公开和不予公开情况",
    "本年度共受理信息公开申请3件，均按期答复。",
    "四、信息公开评议情况",
    "师生对信息公开工作总体满意。",
    "五、因学校信息公开工作受到举报、复议、诉讼的情况",
    "未发生举报、复议、诉讼。",
    "六、存在的问题和改进措施",
    "个别栏目更新不及时。",
    "七、其他需要报告的事项",
    "无。",
]


def page(charset="utf-8"):
    paragraphs = "\n".join(
        # the page source breaks a paragraph's line between two Chinese characters
        f"<h2>{line}</h2>" if "、" in line[:2] else "<p>" + line.replace("，", "，\n      ", 1) + "</p>"
        for line in BODY
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>某某大学信息公开网</title>
<script>var menu = "一、概述 二、主动公开情况";</script><style>p {{ margin: 0 }}</style></head>
<body>
<header class="top"><div class="logo">某某大学信息公开网</div></header>
<div class="mainnav"><ul><li><a href="/">首页</a></li><li><a href="/zdgk">主动公开</a></li>
<li><a href="/ysq">依申请公开</a></li><li><a href="/jb">举报投诉</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 年度报告</div>
<div class="article"><h1>某某大学2023—2024学年信息公开工作年度报告</h1>
<div class="v_news_content">
<p>统计期限为2023年9月1日至2024年8月31日。</p>
{paragraphs}
<div style="display:none">八、其他需要报告的事项 隐藏的旧稿</div>
<table><tr><td><p>序号</p></td><td>清单事项</td><td>公开情况</td><td>栏目链接</td></tr>
<tr><td>1</td><td>办学规模</td><td>已公开</td><td>https://xxgk.example.edu.cn/1</td></tr></table>
<p>附表：清单事项公开情况一览表</p>
</div></div>
<aside><h3>相关链接</h3><p>二、主动公开情况</p></aside>
<footer>版权所有 某某大学 电话：0000-12345678</footer>
</body></html>"""


def test_the_text_a_reader_sees(tmp_path):
    (tmp_path / "report.html").write_text(page(), encoding="utf-8")
    text = read_path(tmp_path / "report.html")
    lines = text.split("\n")
    assert lines[0] == "某某大学2023—2024学年信息公开工作年度报告"
    assert "学校门户网站共发布信息1200条，其中新闻动态520条、通知公告480条、招生就业200条。" in lines
    assert "序号\t清单事项\t公开情况\t栏目链接" in lines
    for frame in ("首页", "当前位置", "版权所有", "var menu", "隐藏的旧稿", "相关链接", "margin"):
        assert frame not in text


def test_the_page_checks_like_the_txt(tmp_path):
    (tmp_path / "report.htm").write_text(page(), encoding="utf-8")
    rep = check_path(tmp_path / "report.htm")
    txt = check(
        "某某大学2023—2024学年信息公开工作年度报告\n统计期限为2023年9月1日至2024年8月31日。\n" + "\n".join(BODY)
    )
    assert rep.school == "某某大学"
    assert rep.sections == [*txt.sections, "checklist_table"]
    assert [h.title for h in rep.headings] == [h.title for h in txt.headings]
    assert [(f.value, f.unit) for f in rep.figures] == [(f.value, f.unit) for f in txt.figures]
    assert rep.missing_sections == []
    assert rep.period.text == "2023年9月1日至2024年8月31日"
    assert rep.findings == []


def test_gbk_page_with_its_charset(tmp_path):
    (tmp_path / "report.html").write_bytes(page("gb2312").encode("gb18030"))
    assert "二、主动公开情况" in read_path(tmp_path / "report.html").split("\n")


def test_a_page_under_another_name_is_recognised(tmp_path):
    (tmp_path / "report").write_text(page(), encoding="utf-8")
    assert read_path(tmp_path / "report").startswith("某某大学2023—2024学年")


def test_an_empty_page(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav>首页</nav><script>x()</script></body></html>")
    with pytest.raises(ReadError, match="没有文字"):
        read_path(tmp_path / "empty.html")
