"""An outside institution's report uploaded on the 平台外学校 page is stored with its row, and read and checked
only after that transaction has committed: the checker runs with no transaction open, and a check that fails
leaves the report filed and marked unreadable, never half-written."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from tests.oversight.round_texts import INCOMPLETE
from xxgk.oversight import round_reports
from xxgk.oversight.models import CheckState, OutsideReport

pytestmark = pytest.mark.django_db(transaction=True)


def _post(client, school):
    return client.post(
        reverse("reporting_staff:round_outside"),
        {
            "period": "ay:2022",
            "file": "1",
            "file-institution": school.pk,
            "file-published_on": "2023-10-30",
            "file-file": SimpleUploadedFile("东海.txt", INCOMPLETE.encode()),
        },
    )


def test_the_checker_runs_outside_the_write_transaction(world, client, monkeypatch):
    from xxgk import reportcheck

    seen = []
    real = reportcheck.check

    def spy(text, source=None):
        seen.append(transaction.get_connection().in_atomic_block)
        return real(text, source=source)

    monkeypatch.setattr(reportcheck, "check", spy)
    school = round_reports.add_institution(world.supervisor, name="东海职业学院")
    client.force_login(world.supervisor)
    assert _post(client, school).status_code == 302
    assert seen == [False]
    report = OutsideReport.objects.get()
    assert report.check_state == CheckState.CHECKED and default_storage.exists(report.file.name)


def test_a_failing_check_leaves_the_report_filed_and_unreadable(world, client, monkeypatch):
    from xxgk import reportcheck

    def broken(text, source=None):
        raise RuntimeError("checker crashed")

    monkeypatch.setattr(reportcheck, "check", broken)
    school = round_reports.add_institution(world.supervisor, name="东海职业学院")
    client.force_login(world.supervisor)
    response = _post(client, school)
    assert response.status_code == 302
    report = OutsideReport.objects.get()
    assert report.check_state == CheckState.UNREADABLE and "checker crashed" in report.check_error
    assert default_storage.exists(report.file.name) and report.result == {}
