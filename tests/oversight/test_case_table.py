"""Complaints, reviews and lawsuits, and the national 15-column table for a period."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.oversight import services, stats


def case(world, kind, filed, outcome="pending", decided=None, route="", **extra):
    data = {
        "kind": kind,
        "filed_on": filed,
        "decided_on": decided,
        "matter": "申请公开招生录取名单被拒",
        "outcome": outcome,
        "route": route,
        **extra,
    }
    return services.record_case(world.office, world.institution, data)


def test_fifteen_columns(world):
    case(world, "review", date(2023, 3, 1), "upheld", date(2023, 5, 1))
    case(world, "review", date(2023, 4, 1), "corrected", date(2023, 6, 1))
    case(world, "review", date(2023, 7, 1), "corrected", date(2023, 10, 1))  # decided after the period: pending
    case(world, "litigation", date(2023, 2, 1), "other", date(2023, 8, 1), route="direct")
    case(world, "litigation", date(2023, 5, 1), route="after_review")
    case(world, "complaint", date(2023, 1, 9), "corrected", date(2023, 1, 20))
    case(world, "review", date(2022, 12, 31), "upheld", date(2023, 1, 10))  # filed before the period
    table = stats.case_table(world.institution, date(2023, 1, 1), date(2023, 8, 31))
    assert table.row == [1, 1, 0, 1, 3, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1]
    assert table.complaints["结果纠正"] == 1 and table.complaints["总计"] == 1


def test_litigation_needs_its_route_and_decided_cases_a_date(world):
    with pytest.raises(ValidationError) as exc:
        case(world, "litigation", date(2023, 2, 1))
    assert "route" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        case(world, "review", date(2023, 2, 1), "upheld")
    assert "decided_on" in exc.value.message_dict


def test_case_links_a_record_of_its_own_institution_only(world):
    world.institution  # noqa: B018
    from xxgk.publishing import services as pub

    record = pub.create_draft(
        world.other_drafter,
        world.other_drafter.memberships.first().department,
        {"title": "别校文件", "formed_on": date(2024, 1, 1)},
    )
    with pytest.raises(ValidationError):
        case(world, "complaint", date(2024, 2, 1), record=record)
    linked = case(world, "complaint", date(2024, 2, 1), application_ref="YSQ-2024-0003")
    assert linked.application_ref == "YSQ-2024-0003"


def test_only_the_office_records_cases(world):
    with pytest.raises(PermissionDenied):
        services.record_case(
            world.drafter_a, world.institution, {"kind": "review", "filed_on": date(2023, 1, 1), "matter": "x"}
        )
