"""The office edits the draft's narrative (figures stay computed), finalises it, and the report goes
into the review chain as a record of 清单 item 6 with the DOCX and PDF attached."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.reporting.conftest import END, START, institution, user
from xxgk.publishing.models import RecordState
from xxgk.reporting import annual, services
from xxgk.reporting.services import Period

PERIOD = Period(START, END)


def test_office_rewrites_a_section_and_the_figures_stay(demo):
    office = user("hntou-office")
    report = services.open_report(office, institution("hntou"), period=PERIOD)
    services.edit_narrative(
        office, report, {"admissions": "招生信息公开工作全面落实“十公开”。"}, expected_revision=report.revision
    )
    report.refresh_from_db()
    texts = (
        annual.build(institution("hntou"), START, END, report=report, with_charts=False).section("admissions").texts()
    )
    assert texts[0] == "招生信息公开工作全面落实“十公开”。"
    assert any("E答招生咨询量110982人次" in t for t in texts)


def test_stale_revision_is_refused(demo):
    office = user("hntou-office")
    report = services.open_report(office, institution("hntou"), period=PERIOD)
    services.edit_narrative(office, report, {"overview": "一"}, expected_revision=report.revision)
    with pytest.raises(services.Conflict):
        services.edit_narrative(office, report, {"overview": "二"}, expected_revision=report.revision)


def test_unknown_section_is_refused_with_a_message(demo):
    office = user("hntou-office")
    report = services.open_report(office, institution("hntou"), period=PERIOD)
    with pytest.raises(ValidationError, match="没有这个报告部分"):
        services.edit_narrative(office, report, {"nonsense": "x"})


def test_others_cannot_edit(demo):
    report = services.open_report(user("hntou-office"), institution("hntou"), period=PERIOD)
    for name in ("hntou-drafter", "qzoi-office", "province-supervisor"):
        with pytest.raises(PermissionDenied):
            services.edit_narrative(user(name), report, {"overview": "x"})


def test_finalise_submits_a_record_of_item_6_with_docx_and_pdf(demo):
    office = user("qzoi-office")
    report = services.open_report(office, institution("qzoi"), period=PERIOD)
    report = services.finalise(office, report, expected_revision=report.revision)
    assert report.state == "final"
    record = report.record
    assert record.state == RecordState.IN_REVIEW
    assert [i.checklist_item.number for i in record.items.all()] == [6]
    assert sorted(a.type_label.lower() for a in record.attachments.all()) == ["docx", "pdf"]
    assert "2022—2023学年信息公开工作年度报告" in record.title
    with pytest.raises(PermissionDenied):
        services.edit_narrative(office, report, {"overview": "too late"})


def test_editor_page_saves_and_keeps_figures_read_only(demo, client):
    client.force_login(user("hntou-office"))
    page = client.get("/staff/reporting/report/?year=2022-2023").content.decode()
    assert 'name="n_admissions"' in page and "E答招生咨询量110982人次" in page
    client.post("/staff/reporting/report/?year=2022-2023", {"revision": "0", "n_overview": "办公室统稿后的概述。"})
    page = client.get("/staff/reporting/report/?year=2022-2023").content.decode()
    assert "办公室统稿后的概述。" in page


def test_department_officer_enters_only_for_own_department(demo, client):
    from xxgk.org.models import Department

    drafter = user("hntou-drafter")  # 党委宣传部
    own = Department.objects.get(institution__slug="hntou", code="xcb")
    other = Department.objects.get(institution__slug="hntou", code="zsb")
    f = services.enter_figure(
        drafter, own, section="publicity", label="新闻发布会", value=3, unit="场", period_start=START, period_end=END
    )
    assert f.phrase == "3场"
    with pytest.raises(PermissionDenied):
        services.enter_figure(
            drafter, other, section="admissions", label="x", value=1, unit="个", period_start=START, period_end=END
        )
    client.force_login(drafter)
    page = client.post(
        "/staff/reporting/figures/?year=2022-2023",
        {"department": own.pk, "section": "publicity", "label": "宣传片播放量", "value": "很多", "unit": "次"},
    ).content.decode()
    assert "数值不是数字" in page and 'value="宣传片播放量"' in page
