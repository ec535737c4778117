"""What a notice is full of and is not personal data: index numbers, dates, document
numbers, amounts, budgets, leaders' names, talk about confidentiality rules."""

from __future__ import annotations

import pytest

from xxgk.screening import ScreeningConfig, scan_file, scan_text

from .documents import budget_text, news_text

NOTICE = (
    "海南热带海洋学院关于2023年国庆节放假安排的通知\n"
    "索引号：HNTOU-02-2023-0012　　发文字号：琼热海院〔2023〕12号　　生成日期：2023-09-20\n"
    "各学院、各部门：根据《国务院办公厅关于2023年部分节假日安排的通知》（国办发明电〔2022〕16号），"
    "现将我校国庆节放假安排通知如下：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。\n"
    "2022年9月至2023年8月，学校完成各类集中采购项目50个，成交金额1，081.11万元；服务项目30个，成交金额2，077.32万元。"
    "E答招生咨询量达到110982人次，录取结果查询39622人次。邮政编码：572022。\n"
    "严格执行“上网信息不涉密、涉密信息不上网”，坚持“谁公开、谁审查、谁负责”。\n"
    "党政办公室\n2023年9月20日\n"
)


@pytest.mark.parametrize("text", [NOTICE, budget_text(), news_text()], ids=["notice", "budget", "news"])
def test_nothing_found_even_when_asked_for_everything_above_0_5(text):
    assert scan_text(text) == []


def test_only_low_confidence_leftovers_when_asked_for_everything():
    found = scan_text(NOTICE, ScreeningConfig(min_confidence=0))
    assert all(f.confidence < 0.5 for f in found)


def test_budget_xlsx_amounts(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目", "预算数（万元）", "决算数（元）"])
    ws.append(["一般公共预算拨款", 13512.34, 13812345678])
    ws.append(["事业收入", 8965.12, 15908981234])
    ws.append(["合计", 22477.46, 6222021234567890128])
    path = tmp_path / "预算.xlsx"
    wb.save(path)
    assert scan_file(path).findings == []


@pytest.mark.parametrize("name", ["hntou-2022-2023.txt", "qzoi-2022-2023.txt"])
def test_seed_reports_have_nothing_but_their_own_contacts(seeds_dir, name):
    found = scan_file(seeds_dir / name).findings
    assert {(f.kind, f.text) for f in found} <= {("mobile", "18960221860"), ("email", "qzhyxydzb@163.com")}
