"""Under the 依申请公开 table the balance is checked: 一 + 二 = 三（总计）+ 四 for every column, with the
totals; a column that does not balance is named with its two sides."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reporting.tables import with_applications_and_cases
from xxgk.foi.stats import COLUMNS, Row, Table
from xxgk.reporting.annual.parts import application_table
from xxgk.reporting.loader import rules

pytestmark = pytest.mark.django_db


def test_a_balanced_table_says_so_with_its_totals(world):
    doc = with_applications_and_cases(world)

    [table] = [b for b in doc.section("on_request").blocks if b.kind == "table"]
    # 新收 2 + 上年结转 0 = 办结 1 + 结转下年 1
    assert table.notes == [
        "勾稽关系核对：各列“一、本年新收”加“二、上年结转”之和，均等于“三、本年度办理结果”总计加“四、结转下年度继续办理”（合计2＝2）。"
    ]
    assert table.rows[-1][0] == "四、结转下年度继续办理" and table.rows[-1][-1] == 1


def test_an_unbalanced_column_is_named():
    zero = {c: 0 for c, _ in COLUMNS}
    table = Table(
        None,
        date(2023, 1, 1),
        date(2023, 12, 31),
        [Row("new", "一、本年新收政府信息公开申请数量", 0, {**zero, "research": 2})],
        balance={**{c: (0, 0) for c, _ in COLUMNS}, "research": (2, 1), "total": (2, 1)},
    )

    block = application_table(rules()["tables"]["applications"], table)

    assert block.notes == ["勾稽关系核对：下列各列“一”加“二”之和不等于“三”总计加“四”，请核对：科研机构 2≠1；总计 2≠1。"]
