"""The XLSX workbook lays out 表三's and 表四's headers as merged cells, and writes the notes under them."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.reporting.tables import with_applications_and_cases
from xxgk.reporting import xlsx

pytestmark = pytest.mark.django_db


def test_merged_headers_and_the_balance_note(world):
    wb = load_workbook(io.BytesIO(xlsx.render(with_applications_and_cases(world))))

    applications = wb["收到和处理信息公开申请情况"]
    merged = {str(r) for r in applications.merged_cells.ranges}
    assert {"A2:A4", "B2:H2", "B3:B4", "C3:G3", "H3:H4"} <= merged
    assert [applications.cell(4, c).value for c in range(3, 8)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert applications.cell(5, 1).value == "一、本年新收政府信息公开申请数量"
    assert applications.cell(applications.max_row, 1).value.startswith("勾稽关系核对")
    cases = next(ws for ws in wb.worksheets if ws.title.startswith("因信息公开工作被申请行政复议"))
    assert {"A2:E2", "F2:O2", "F3:J3", "K3:O3", "A3:A4"} <= {str(r) for r in cases.merged_cells.ranges}
    assert [cases.cell(5, c).value for c in range(1, 16)] == [1, 1, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1]
