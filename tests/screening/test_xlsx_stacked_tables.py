"""A sheet holding several tables one above the other, the first below some lines of text,
and a list typed with spaces into one cell per line: each row's columns are named by the
header line it is under."""

from __future__ import annotations

import openpyxl

from xxgk.screening import scan_file

from .documents import ID_A, ID_B


def _sheet(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "公示"
    for line in [
        "关于2023年专升本拟录取名单的公示",
        "经学校研究，现将拟录取名单公示如下。",
        "公示期为5个工作日。",
        "索引号：HNTOU-02-2023-0344",
        "发布日期：2023-07-06",
        "招生办公室",
        "联系人：王老师",
        "2023年7月6日",
        "",
        "一、拟录取名单",
    ]:
        ws.append([line])
    ws.append(["序号", "姓名", "身份证号", "考生号", "录取专业"])  # the first table, below the first 8 rows
    ws.append(["1", "刘晓燕", ID_A, "20449721165880", "会计学"])
    ws.append(["2", "黄志强", ID_B, "21467214536229", "英语"])
    ws.append(["二、国家助学金名单"])
    ws.append(["序号", "姓名", "学号", "备注", "资助等级"])  # a second table: 学号 where 考生号 was
    ws.append(["1", "陈思远", "2021010105", "无", "一等"])
    ws.append(["三、励志奖学金名单"])
    ws.append(["序号 姓名 学院 班级 学号 等级"])  # typed with spaces, one line per cell
    ws.append(["1 林雨萱 管理学院 海科2301 2019492018 一等"])
    ws.append(["2 王浩然 外国语学院 英语2202 2020721728 二等"])
    ws.append(["预算项目", "金额"])
    ws.append(["设备购置", "2021010105"])
    wb.save(path)
    return path


def test_each_table_of_a_sheet_names_its_own_columns(tmp_path):
    found = {(f.kind, f.text) for f in scan_file(_sheet(tmp_path / "名单.xlsx")).findings}
    assert {("id_card", ID_A), ("id_card", ID_B)} <= found
    assert {("exam_number", "20449721165880"), ("exam_number", "21467214536229")} <= found
    assert ("student_number", "2021010105") in found  # under 学号 of the second table, not 考生号
    assert ("exam_number", "2021010105") not in found
    assert {("person_name", "刘晓燕"), ("person_name", "黄志强"), ("person_name", "陈思远")} <= found


def test_a_list_typed_with_spaces_into_one_cell_per_line_is_a_table(tmp_path):
    found = {(f.kind, f.text) for f in scan_file(_sheet(tmp_path / "名单.xlsx")).findings}
    assert {("student_number", "2019492018"), ("student_number", "2020721728")} <= found
    assert {("person_name", "林雨萱"), ("person_name", "王浩然")} <= found


def test_a_number_under_an_amount_header_stays_an_amount(tmp_path):
    findings = scan_file(_sheet(tmp_path / "名单.xlsx")).findings
    assert not [f for f in findings if f.location and f.location.endswith(("!B22", "!A22"))]
