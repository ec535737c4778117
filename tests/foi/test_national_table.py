"""The national table (表三) across a year boundary: carried-over applications balance in both years."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.foi.conftest import VALID_USCC, second_office
from xxgk.foi import services
from xxgk.foi.models import ReplyReason, ReplyType
from xxgk.foi.stats import national_table, to_xlsx


def answer(world, app, type_code, reason_code=None, *, on):
    reason = ReplyReason.objects.get(reply_type__code=type_code, code=reason_code) if reason_code else None
    services.draft_reply(
        world.office, app, reply_type=ReplyType.objects.get(code=type_code), reason=reason, text="答复如下。"
    )
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app, on=on)


def org(sub_type, **extra):
    return dict(
        applicant_type="organisation",
        org_type=sub_type,
        id_type="credit_code",
        id_number=VALID_USCC,
        contact_person="赵经办",
        name="某某单位",
        **extra,
    )


@pytest.fixture
def two_years(world, received):
    a = received(on=date(2023, 12, 20), title="甲")  # natural, answered in 2024
    answer(world, a, "public", on=date(2024, 1, 5))
    b = received(on=date(2023, 11, 1), title="乙", **org("business"))  # business, refused in 2023
    answer(world, b, "refused", "trade_secret", on=date(2023, 11, 10))  # 商业秘密: counted under 4.
    d = received(on=date(2023, 12, 28), title="丁")  # natural, 补正 never answered
    services.request_correction(world.office, d, items="请写明年份。", on=date(2023, 12, 29))
    services.expire_corrections(today=date(2024, 1, 20))
    received(on=date(2024, 3, 1), title="丙", **org("research"))  # research, still open
    e = received(on=date(2024, 2, 1), title="戊", **org("legal"))  # legal, 无法提供 in 2024
    answer(world, e, "unable", "not_held", on=date(2024, 2, 20))
    return world


def test_the_year_of_receipt(two_years):
    t = national_table(two_years.institution, date(2023, 1, 1), date(2023, 12, 31))
    assert t.row("new").counts["natural"] == 2 and t.row("new").counts["business"] == 1
    assert t.row("refused:third_party").counts["business"] == 1
    assert t.row("total").total == 1
    assert t.row("carried_out").counts["natural"] == 2
    assert t.balanced


def test_the_next_year_takes_over_what_was_carried(two_years):
    t = national_table(two_years.institution, date(2024, 1, 1), date(2024, 12, 31))
    assert t.row("carried_in").counts == {
        "natural": 2,
        "business": 0,
        "research": 0,
        "public_interest": 0,
        "legal": 0,
        "other": 0,
    }
    assert t.row("new").total == 2
    assert t.row("public").counts["natural"] == 1
    assert t.row("other:no_supplement").counts["natural"] == 1
    assert t.row("unable:not_held").counts["legal"] == 1
    assert t.row("total").total == 3
    assert t.row("carried_out").counts["research"] == 1
    assert t.balanced
    assert all(left == right for left, right in t.balance.values())
    assert t.on_time_rate == 1.0
    # 甲: 12-21..22, 12-25..29, 01-02..05 = 11 working days; 戊: 02-02, 02-04 (make-up), 02-05..09, 02-18 (make-up),
    # 02-19..20 = 10 working days
    assert t.median_days == 10.5


def test_rows_follow_the_national_table(two_years):
    t = national_table(two_years.institution, date(2024, 1, 1), date(2024, 12, 31))
    labels = [r.label for r in t.rows]
    assert labels[:3] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果"]
    assert "（三）不予公开" in labels and "8.属于行政查询事项" in labels
    assert "5.要求行政机关确认或重新出具已获取信息" in labels
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert len([r for r in t.rows if r.key.startswith("refused:")]) == 8
    assert len([r for r in t.rows if r.key.startswith("unable:")]) == 3
    assert len([r for r in t.rows if r.key.startswith("not_processed:")]) == 5


def test_xlsx_export_has_the_table_and_the_balance(two_years):
    t = national_table(two_years.institution, date(2024, 1, 1), date(2024, 12, 31))
    ws = load_workbook(io.BytesIO(to_xlsx(t))).active
    rows = {r[0].strip("　"): r[1:] for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert rows["二、上年结转政府信息公开申请数量"][0] == 2
    assert rows["四、结转下年度继续办理"][2] == 1  # research column
    assert rows["勾稽关系（一+二 = 三（总计）+四）"][-1] == "平衡"
