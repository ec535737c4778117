"""举报 figures are in a table of their own under part 五, not a row of the 15-column table."""

from __future__ import annotations

import pytest

from tests.reporting.tables import docx_table, with_applications_and_cases
from xxgk.reporting import docx

pytestmark = pytest.mark.django_db


def test_complaints_have_their_own_table(world):
    doc = with_applications_and_cases(world)

    [cases, complaints] = [b for b in doc.section("complaints").blocks if b.kind == "table"]
    assert complaints.caption == "因信息公开工作受到举报情况"
    assert complaints.header == ["收到举报（件）", "处理结果：维持", "处理结果：纠正", "处理结果：其他", "尚未办结"]
    assert complaints.rows == [[3, 1, 1, 0, 1]]
    assert all(len(row) == 15 for row in cases.rows) and len(cases.rows) == 1
    table = docx_table(docx.render(doc), "因信息公开工作受到举报情况")
    assert [c.text for c in table.rows[1].cells] == ["3", "1", "1", "0", "1"]
    assert "举报3件，其中处理完毕2件" in "".join(doc.section("complaints").texts())
