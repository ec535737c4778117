"""Procurement counts and amounts are computed from the projects entered, never typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.reporting.conftest import END, START, institution, user
from xxgk.org.models import Department
from xxgk.reporting import annual, services
from xxgk.reporting.models import ProcurementResult


def _text(slug="hntou"):
    return "\n".join(annual.build(institution(slug), START, END, with_charts=False).section("procurement").texts())


def test_fifty_projects_twenty_goods_thirty_services(demo):
    text = _text()
    assert (
        "完成各类集中采购项目50个，其中货物采购项目20个，成交金额1,081.11万元；服务项目30个，成交金额2,077.32万元。"
        in text
    )
    qs = ProcurementResult.objects.filter(institution__slug="hntou")
    assert qs.count() == 50
    assert sum(p.amount for p in qs.filter(kind="goods")) == Decimal("10811100.00")


def test_a_new_works_project_entered_in_wan_yuan_changes_the_sums(demo):
    dept = Department.objects.get(institution__slug="hntou", code="cgzx")
    services.enter_procurement(
        user("hntou-office"),
        dept,
        project="学生公寓维修改造工程",
        kind="works",
        amount="120.5",
        unit="万元",
        completed_on=date(2023, 7, 1),
    )
    text = _text()
    assert "完成各类集中采购项目51个" in text and "工程项目1个，成交金额120.50万元" in text


def test_bad_amount_gets_a_chinese_message(demo):
    dept = Department.objects.get(institution__slug="hntou", code="cgzx")
    with pytest.raises(ValidationError) as exc:
        services.enter_procurement(
            user("hntou-office"), dept, project="x", kind="goods", amount="一百", completed_on=date(2023, 7, 1)
        )
    assert "金额不是数字" in str(exc.value)
    with pytest.raises(ValidationError):
        services.enter_procurement(
            user("hntou-office"), dept, project="x", kind="toys", amount="1", completed_on=date(2023, 7, 1)
        )


def test_another_institution_cannot_enter_procurement(demo):
    dept = Department.objects.get(institution__slug="hntou", code="cgzx")
    with pytest.raises(PermissionDenied):
        services.enter_procurement(
            user("qzoi-office"), dept, project="x", kind="goods", amount="1", completed_on=date(2023, 7, 1)
        )
