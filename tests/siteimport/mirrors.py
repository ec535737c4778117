"""Saved copies of old disclosure sites, written by the tests in two different CMS layouts.

Layout "vsb" follows the 博达/VSB family (`dqwz` breadcrumb, `content-title`, a 发布时间 line,
`v_news_content`, attachments under /system/_content/, folders info/NNNN/NNNN.htm); layout
"table" is a hand-made site of nested tables without class names (title in bold in a centred
cell, 日期：2021/03/05, attachments under /uploadfile/). Both have a home page, column list pages
with pagination, a search page and a contact page, which are not articles. `EXPECTED` says what
each article page must read as; `NOT_ARTICLES` the pages that must be skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document

SITE = "海南示范学院信息公开网"
ID_NUMBER = "460100199001011230"


@dataclass
class Expected:
    path: str
    title: str
    date: str
    department: str
    attachments: list[str] = field(default_factory=list)
    has_personal_data: bool = False


def _docx(path: Path, lines: list[str]) -> None:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


def _write(root: Path, rel: str, html: str, encoding: str = "utf-8") -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(html.encode(encoding))


VSB_CHROME_TOP = """<div class="header"><div class="logo"><img src="/images/logo.png" alt="{site}"></div>
<ul class="nav"><li><a href="/index.htm">首页</a></li><li><a href="/xxgk/zsxx.htm">招生信息</a></li>
<li><a href="/xxgk/cwxx.htm">财务信息</a></li><li><a href="/search.htm">检索</a></li></ul></div>"""
VSB_FOOTER = """<div class="footer"><p>版权所有 © 海南示范学院 地址：海南省三亚市育才路1号 电话：0898-88888888</p>
<p>琼ICP备05001234号</p></div>"""


def _vsb_article(title, meta, paragraphs, attachments=()):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    files = "".join(f'<li>附件【<a href="{href}">{name}</a>】</li>' for href, name in attachments)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}-{SITE}</title>
<script>var x = "<p>not text</p>";</script></head><body>{VSB_CHROME_TOP.format(site=SITE)}
<div class="dqwz">当前位置：<a href="/index.htm">首页</a> &gt; <a href="/xxgk/zsxx.htm">招生信息</a> &gt; 正文</div>
<form name="_newscontent_fromname"><div class="content-title"><h1>{title}</h1></div>
<div class="content-info">{meta}　点击：<span id="clicks">128</span>次</div>
<div id="vsb_content"><div class="v_news_content">{body}</div></div>
<ul class="fj">{files}</ul>
<div class="share">分享到：<a href="#">微信</a></div>
<div class="pre-next"><p>上一篇：<a href="/info/1012/3455.htm">学校召开招生工作会议</a></p>
<p>下一篇：<a href="/info/1012/3457.htm">2023年招生章程</a></p></div></form>
{VSB_FOOTER}</body></html>"""


def _vsb_list(title, links, page_of):
    rows = "".join(f'<li><a href="{h}">{t}</a><span>{d}</span></li>' for h, t, d in links)
    return f"""<html><head><meta charset="utf-8"><title>{title}-{SITE}</title></head><body>
{VSB_CHROME_TOP.format(site=SITE)}<div class="dqwz">当前位置：<a href="/index.htm">首页</a> &gt; {title}</div>
<div class="list"><ul>{rows}</ul></div>
<div class="pagination">共3页 第{page_of}/3页 <a href="zsxx/2.htm">下一页</a> <a href="zsxx/3.htm">尾页</a></div>
{VSB_FOOTER}</body></html>"""


def vsb_site(root: Path) -> list[Expected]:
    """A VSB-style site under `root` (the host folder wget creates)."""
    expected = []
    _write(
        root,
        "index.htm",
        f"""<html><head><meta charset="utf-8"><title>{SITE}</title></head><body>{VSB_CHROME_TOP.format(site=SITE)}
<div class="banner"><img src="/images/b.jpg"></div><div class="news"><h2>通知公告</h2><ul>"""
        + "".join(
            f'<li><a href="/info/1012/{3450 + i}.htm">通知{i}</a><span>2023-04-{i + 1:02d}</span></li>'
            for i in range(8)
        )
        + f"</ul></div>{VSB_FOOTER}</body></html>",
    )
    links = [(f"/info/1012/{3450 + i}.htm", f"招生通知{i}", f"2023-04-{i + 1:02d}") for i in range(12)]
    _write(root, "xxgk/zsxx.htm", _vsb_list("招生信息", links, 1))
    _write(root, "xxgk/zsxx/2.htm", _vsb_list("招生信息", links, 2))
    _write(
        root,
        "search.htm",
        f"""<html><head><meta charset="utf-8"><title>检索-{SITE}</title></head><body>{VSB_CHROME_TOP.format(site=SITE)}
<div class="content"><form action="/search.jsp"><input name="q"><button>搜索</button></form></div>{VSB_FOOTER}</body></html>""",
    )
    _write(
        root,
        "about/lxwm.htm",
        f"""<html><head><meta charset="utf-8"><title>联系我们-{SITE}</title></head><body>{VSB_CHROME_TOP.format(site=SITE)}
<div class="content"><h2>联系我们</h2><p>电话：0898-88888888</p><p>地址：海南省三亚市育才路1号</p></div>{VSB_FOOTER}</body></html>""",
    )

    title = "海南示范学院2023年本科招生章程"
    _write(
        root,
        "info/1012/3456.htm",
        _vsb_article(
            title,
            "发布时间：2023-04-16　来源：招生办公室",
            [
                "第一章 总则",
                "第一条 为保证学校本科招生工作顺利进行，根据《中华人民共和国教育法》等法律法规，制定本章程。",
                "第二条 学校全称为海南示范学院，国标代码为12345。",
            ],
        ),
    )
    expected.append(Expected("info/1012/3456.htm", title, "2023-04-16", "招生办公室"))

    title = "关于2022—2023学年学生奖助学金评定结果的公示"
    _docx(root / "system/_content/download/名单.docx", ["序号 姓名 身份证号", f"1 王小明 {ID_NUMBER}"])
    _write(
        root,
        "info/1013/2201.htm",
        _vsb_article(
            title,
            "发布时间：2023年9月20日　来源：学生工作处",
            [
                "根据《海南示范学院学生奖助学金评定办法》，经学院推荐、学校评审，现将评定结果予以公示。",
                "公示期为2023年9月20日至9月26日，如有异议，请向学生工作处反映。",
            ],
            [("/system/_content/download/%E5%90%8D%E5%8D%95.docx", "名单.docx")],
        ),
    )
    expected.append(
        Expected(
            "info/1013/2201.htm",
            title,
            "2023-09-20",
            "学生工作处",
            ["system/_content/download/名单.docx"],
            has_personal_data=True,
        )
    )

    title = "学校2022年度部门决算公开"
    (root / "system/_content/download").mkdir(parents=True, exist_ok=True)
    (root / "system/_content/download/决算.txt").write_text(
        "2022年度部门决算总表\n收入合计 12345.67万元\n", encoding="utf-8"
    )
    _write(
        root,
        "info/1014/1001.htm",
        _vsb_article(
            title,
            "发布时间：2023/07/28　来源：财务处",
            ["根据财政部门要求，现将学校2022年度部门决算予以公开，详见附件。"],
            [
                ("../../system/_content/download/决算.txt", "决算.txt"),
                ("/system/_content/download/missing.pdf", "缺失.pdf"),
            ],
        ),
    )
    expected.append(
        Expected("info/1014/1001.htm", title, "2023-07-28", "财务处", ["system/_content/download/决算.txt"])
    )
    return expected


def _table_page(title_tag, inner):
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title_tag}</title></head><body><table width="980" align="center"><tr><td>
<table width="100%"><tr><td><a href="/index.html">首页</a> | <a href="/gk/list_1.html">信息公开</a> |
<a href="/gk/list_2.html">通知公告</a></td></tr></table>
<table width="100%"><tr><td width="200" valign="top"><a href="/gk/list_1.html">学校概况</a><br>
<a href="/gk/list_2.html">财务信息</a><br><a href="/gk/list_3.html">招生信息</a></td>
<td valign="top">{inner}</td></tr></table>
<table width="100%"><tr><td align="center">Copyright 2003-2023 示范职业技术学院 All Rights Reserved</td></tr></table>
</td></tr></table></body></html>"""


def table_site(root: Path) -> list[Expected]:
    """A hand-made site of nested tables, GB2312-encoded, no class names."""
    expected = []
    rows = "".join(
        f'<tr><td><a href="/gk/2021/{i:04d}.html">通知公告第{i}号</a></td><td>2021-03-{i + 1:02d}</td></tr>'
        for i in range(10)
    )
    _write(root, "index.html", _table_page("示范职业技术学院", f"<table>{rows}</table>"), "gb18030")
    _write(
        root,
        "gk/list_2.html",
        _table_page(
            "通知公告_示范职业技术学院",
            f"<table>{rows}</table><p>首页 上一页 <a href='list_2_2.html'>下一页</a> 末页</p>",
        ),
        "gb18030",
    )
    title = "示范职业技术学院关于2021年教职工招聘拟聘用人员的公示"
    inner = f"""<table width="100%"><tr><td align="center"><font size="4"><b>{title}</b></font></td></tr>
<tr><td align="center">日期：2021/03/05 &nbsp; 发布单位：人事处 &nbsp; 浏览次数：356</td></tr>
<tr><td><p>经笔试、面试、考察和体检，拟聘用以下人员，现予公示。</p>
<p>1. 李华，女，硕士研究生，身份证号 {ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}，拟聘岗位：专任教师。</p>
<p>公示期为五个工作日，联系电话：0898-66666666。</p>
<p>附件：<a href="/uploadfile/2021/0305/岗位表.txt">岗位表</a></p>
<p align="right">人事处<br>2021年3月5日</p></td></tr>
<tr><td><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></td></tr></table>"""
    (root / "uploadfile/2021/0305").mkdir(parents=True, exist_ok=True)
    (root / "uploadfile/2021/0305/岗位表.txt").write_text("岗位 人数\n专任教师 3\n", encoding="utf-8")
    _write(root, "gk/2021/0003.html", _table_page(f"{title}_示范职业技术学院", inner), "gb18030")
    expected.append(
        Expected("gk/2021/0003.html", title, "2021-03-05", "人事处", ["uploadfile/2021/0305/岗位表.txt"], True)
    )

    title = "学院2020年度预算公开说明"
    inner = f"""<table width="100%"><tr><td align="center"><font size="4"><b>{title}</b></font></td></tr>
<tr><td align="center">发布时间：2020年4月1日</td></tr>
<tr><td><p>根据《中华人民共和国预算法》和上级部门要求，现将学院2020年度部门预算公开如下：学院2020年收入预算合计8,765.43万元。</p>
<p>一、收入预算情况。二、支出预算情况。三、“三公”经费预算情况。</p></td></tr></table>"""
    _write(root, "gk/2020/0410.html", _table_page(f"{title}_示范职业技术学院", inner), "gb18030")
    expected.append(Expected("gk/2020/0410.html", title, "2020-04-01", ""))
    return expected


NOT_ARTICLES = {
    "vsb": ["index.htm", "xxgk/zsxx.htm", "xxgk/zsxx/2.htm", "search.htm", "about/lxwm.htm"],
    "table": ["index.html", "gk/list_2.html"],
}
