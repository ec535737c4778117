"""The supervisor files the report of an institution not on the platform (a file or a link): the file is
stored with its row, then read and checked outside that transaction; nobody else may file one."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.oversight.round_texts import INCOMPLETE, INCOMPLETE_HTML
from xxgk.core import periods, stored_files
from xxgk.core.models import AuditEvent
from xxgk.org.models import Role
from xxgk.oversight import round_reports
from xxgk.oversight.models import CheckState, OutsideReport

YEAR = periods.academic_year(2022)


@pytest.fixture
def supervisor(world):
    return world.person("prov", Role.SUPERVISOR)


def _file(supervisor, upload=None, url=""):
    school = round_reports.add_institution(supervisor, name="东海职业学院", short_name="东海职院")
    return round_reports.file_report(
        supervisor, school, period=YEAR, published_on=date(2023, 11, 6), url=url, upload=upload
    )


def test_an_uploaded_text_is_checked_after_it_is_filed(supervisor):
    report = _file(supervisor, SimpleUploadedFile("东海.txt", INCOMPLETE.encode("gb18030")))
    assert report.check_state == CheckState.PENDING and default_storage.exists(report.file.name)
    report = round_reports.check_report(report.pk)
    assert report.check_state == CheckState.CHECKED
    assert "evaluation" in report.result["missing_sections"]
    assert report.result["key_figures"]["website_items"] == 1200
    assert "学校官方网站共发布信息1200条" in report.text
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"round_institution_added", "round_report_filed", "round_report_checked"} <= actions


def test_a_saved_web_page_is_read_as_the_text_a_reader_sees(supervisor):
    report = _file(supervisor, SimpleUploadedFile("report.html", INCOMPLETE_HTML.encode()))
    report = round_reports.check_report(report.pk)
    assert report.check_state == CheckState.CHECKED, report.check_error
    assert "<p>" not in report.text and report.result["key_figures"]["applications"] == 5


def test_an_unreadable_file_is_said_so(supervisor):
    report = _file(supervisor, SimpleUploadedFile("report.docx", b"PK\x03\x04 not a zip at all"))
    report = round_reports.check_report(report.pk)
    assert report.check_state == CheckState.UNREADABLE and report.check_error
    assert report.result == {}


def test_a_link_alone_is_filed_unchecked(supervisor):
    report = _file(supervisor, url="https://www.example.edu.cn/xxgk/2023.htm")
    assert report.check_state == CheckState.LINK_ONLY and not report.file


def test_other_types_and_empty_filings_are_refused(supervisor):
    with pytest.raises(ValidationError):
        _file(supervisor, SimpleUploadedFile("report.exe", b"MZ"))
    assert not OutsideReport.objects.exists()
    with pytest.raises(ValidationError):
        round_reports.file_report(
            supervisor,
            round_reports.add_institution(supervisor, name="西山学院"),
            period=YEAR,
            published_on=date(2023, 10, 1),
        )


@pytest.mark.parametrize("person", ["office", "drafter_a", "signer"])
def test_nobody_but_the_supervisor_files_or_adds(world, supervisor, person):
    school = round_reports.add_institution(supervisor, name="东海职业学院")
    with pytest.raises(PermissionDenied):
        round_reports.add_institution(getattr(world, person), name="北岭学院")
    with pytest.raises(PermissionDenied):
        round_reports.file_report(
            getattr(world, person),
            school,
            period=YEAR,
            published_on=date(2023, 10, 1),
            upload=SimpleUploadedFile("r.txt", INCOMPLETE.encode()),
        )
    assert not OutsideReport.objects.exists()
    assert not list(stored_files.walk(default_storage, "round"))  # the refused upload left no file
