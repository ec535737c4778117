"""Test documents built on the spot, modelled on the notices universities publish.

Identity numbers are made up here, with check digits computed by these helpers
(never a real person's number).
"""

from __future__ import annotations

import io
from pathlib import Path

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(region: str = "460101", birth: str = "20020315", seq: str = "123") -> str:
    """A made-up 18-digit ID number with a correct GB 11643 check digit."""
    body = region + birth + seq
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _WEIGHTS)) % 11]


def wrong_check(id_number: str) -> str:
    """The same number with a wrong check digit."""
    last = id_number[-1]
    return id_number[:-1] + ("0" if last != "0" else "1")


def luhn_complete(prefix: str) -> str:
    """`prefix` plus the Luhn check digit."""
    total = 0
    for i, ch in enumerate(reversed(prefix)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return prefix + str((10 - total % 10) % 10)


def luhn_fail(prefix: str) -> str:
    good = luhn_complete(prefix)
    return good[:-1] + str((int(good[-1]) + 1) % 10)


ID_A = make_id("460101", "20020315", "123")
ID_B = make_id("460202", "20011108", "246")
ID_C = make_id("350581", "20030701", "31")[:-1] + make_id("350581", "20030701", "318")[-1]
ID_C = make_id("350581", "20030701", "318")
CARD = luhn_complete("622202123456789012")  # 19 digits, UnionPay prefix
EXAM_A, EXAM_B, EXAM_C = "23460101150123", "23460201150456", "23350581100789"


def admission_list_text() -> str:
    """专升本拟录取名单 — the kind of notice that must be 隐私屏蔽 before it goes up."""
    return (
        "海南热带海洋学院2023年专升本拟录取名单公示\n"
        "索引号：HNTOU-02-2023-0012    发布日期：2023-07-15\n"
        "根据《海南省2023年普通高校专升本招生工作实施方案》，现将我校拟录取名单公示如下，公示期5个工作日。\n"
        "序号\t姓名\t性别\t身份证号\t考生号\t录取专业\n"
        f"1\t王小明\t男\t{ID_A}\t{EXAM_A}\t船舶与海洋工程\n"
        f"2\t李静怡\t女\t{ID_B}\t{EXAM_B}\t旅游管理\n"
        f"3\t陈建国\t男\t{ID_C}\t{EXAM_C}\t计算机科学与技术\n"
        "如有异议，请于公示期内向招生办公室反映。联系电话：0898-88651234\n"
    )


def aid_list_text() -> str:
    """国家助学金拟资助名单."""
    return (
        "关于2023年秋季学期国家助学金拟资助学生名单的公示\n"
        "经学生本人申请、班级评议、学院审核，拟资助以下家庭经济困难学生，现予公示。\n"
        "序号 姓名 学院 班级 学号 资助等级\n"
        "1 刘晓燕 海洋科学学院 海科2101 2021010105 一等\n"
        "2 黄志强 信息工程学院 计科2202 2022030217 二等\n"
        "3 欧阳娜娜 外国语学院 英语2103 2021050333 一等\n"
    )


def disciplinary_text() -> str:
    return (
        "关于给予张伟同学留校察看处分的决定\n"
        "张伟，男，2021级旅游管理专业学生，学号2021040122。该生在2023年6月期末考试中携带手机进入考场并作弊，"
        "违反了《普通高等学校学生管理规定》。经学校研究，决定给予张伟同学留校察看处分。\n"
        "学生工作处\n2023年7月3日\n"
    )


def recruitment_result_text() -> str:
    """公开招聘拟聘用人员公示 (names are what the notice makes public)."""
    return (
        "2023年公开招聘工作人员拟聘用人员名单公示\n"
        "序号 姓名 性别 学历 拟聘岗位 总成绩\n"
        "1 赵文博 男 硕士研究生 专任教师 85.60\n"
        "2 孙雅琪 女 博士研究生 专任教师 88.20\n"
        "公示期间如有异议，请向人事处反映，电话：0898-88386666，邮箱：rsc@hntou.edu.cn。\n"
    )


def news_text() -> str:
    return (
        "我校召开2023年信息公开工作会议\n"
        "8月25日，校长李明出席会议并讲话。党委书记王建华强调，要严格执行保密制度，涉密信息不上网，"
        "坚持“谁公开、谁审查、谁负责”。2022年9月至2023年8月，学校完成采购项目50个，成交金额1，081.11万元。\n"
    )


def budget_text() -> str:
    return (
        "海南热带海洋学院2023年部门预算表（单位：万元）\n"
        "项目 预算数\n"
        "一般公共预算拨款收入 13512.34\n"
        "事业收入 8965.12\n"
        "合计 22477.46\n"
        "基本支出共计15912345678元，项目支出2077.32万元。\n"
    )


# -- documents ---------------------------------------------------------------------------
def admission_docx(path: Path, *, header_marking: str | None = None) -> Path:
    """The admission list as a Word file: title, a paragraph with a phone number split
    across a bold run and a plain one, a table, a page footer with the office phone."""
    import docx

    d = docx.Document()
    if header_marking:
        d.sections[0].header.paragraphs[0].text = header_marking
    d.sections[0].footer.paragraphs[0].text = "招生办公室 电话：0898-88651234"
    d.add_heading("2023年专升本拟录取名单公示", level=1)
    p = d.add_paragraph("如有疑问请联系王老师，手机：")
    bold = p.add_run("1390898")
    bold.bold = True
    p.add_run("7766，工作时间8:00-17:30。")
    rows = [
        ("序号", "姓名", "身份证号", "考生号", "录取专业"),
        ("1", "王小明", ID_A, EXAM_A, "船舶与海洋工程"),
        ("2", "李静怡", ID_B, EXAM_B, "旅游管理"),
    ]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("公示期：2023年7月15日至7月21日。索引号：HNTOU-02-2023-0012")
    d.save(path)
    return path


def aid_xlsx(path: Path) -> Path:
    """A 助学金 list with a title row, a header row and a phone stored as a number;
    plus a budget sheet whose amounts must not be findings."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "助学金名单"
    ws.append(["2023年国家助学金拟资助学生名单"])
    ws.append(["序号", "姓名", "学号", "身份证号", "联系电话", "资助等级", "银行卡号"])
    ws.append([1, "刘晓燕", "2021010105", ID_A, 13907551234, "一等", CARD])
    ws.append([2, "黄志强", "2022030217", ID_B, 15808981234, "二等", ""])
    ws["B3"].font = Font(bold=True, color="FF0000")
    budget = wb.create_sheet("预算")
    budget.append(["项目", "金额（元）", "备注"])
    budget.append(["设备购置", 13512345678, ""])
    budget.append(["服务采购", 20773200.5, "2023-08-31"])
    wb.save(path)
    return path


def pdf_bytes(lines: list, *, fontsize: float = 10) -> bytes:
    """A one-page PDF with Chinese text (PyMuPDF's built-in CJK font). A line is a
    string, or a list of (x, text) cells for a table row."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    y = 60
    for line in lines:
        cells = [(50, line)] if isinstance(line, str) else line
        for x, text in cells:
            page.insert_text((x, y), text, fontname="china-s", fontsize=fontsize)
        y += fontsize * 1.8
    data = doc.tobytes()
    doc.close()
    return data


def admission_pdf_lines() -> list:
    return [
        "2023年第二学士学位拟录取名单公示",
        [(40, "序号"), (80, "姓名"), (140, "身份证号"), (340, "考生号")],
        [(40, "1"), (80, "王小明"), (140, ID_A), (340, EXAM_A)],
        [(40, "2"), (80, "李静怡"), (140, ID_B), (340, EXAM_B)],
        "联系电话：0898-88651234",
    ]


def scanned_pdf_bytes() -> bytes:
    """A PDF whose page is only an image (a scan): no text layer."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pix.clear_with(200)
    page.insert_image(pymupdf.Rect(50, 50, 250, 250), pixmap=pix)
    data = doc.tobytes()
    doc.close()
    return data


def docx_bytes(path_builder, tmp_path: Path) -> bytes:
    p = path_builder(tmp_path / "doc.docx")
    return Path(p).read_bytes()


def as_bytesio(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
