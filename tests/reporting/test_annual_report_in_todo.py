"""From the day an academic year ends until its report is final, the office's 我的待办 holds the report,
due 31 October; nobody else's does, and it leaves the list once finalised."""

from __future__ import annotations

from datetime import date

from xxgk.org.models import Department
from xxgk.reporting import services
from xxgk.reporting.todo import annual_report_waiting


def _titles(user, today):
    return {t.title: (t.due_on, t.url) for t in annual_report_waiting(user, today)}


def test_the_report_waits_for_the_office_until_it_is_final(world):
    today = date(2026, 9, 15)
    name = f"{world.institution.name}2025—2026学年信息公开工作年度报告"
    due, url = _titles(world.office, today)[name]
    assert due == date(2026, 10, 31)
    assert url == f"/staff/reporting/report/?i={world.institution.slug}&year=2025-2026"
    assert name not in _titles(world.other_office, today)
    for person in ("drafter_a", "checker_a", "signer", "supervisor"):
        assert _titles(world.people[person], today) == {}

    Department.objects.create(institution=world.institution, name="党政办公室", code="dzb", is_office=True)
    report = services.open_report(world.office, world.institution, period=services.report_due_period(today))
    services.finalise(world.office, report)
    assert name not in _titles(world.office, today)


def test_before_the_year_ends_the_previous_years_report_is_the_one(world):
    assert set(_titles(world.office, date(2026, 8, 31))) == {
        f"{world.institution.name}2024—2025学年信息公开工作年度报告"
    }
