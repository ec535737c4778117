"""The round's test world: the personas' institution with its 2022–2023 report published through the review
chain on 27 October 2023 (as the demo does), the other institution with none, and an outside institution whose
late, incomplete report the supervisor uploaded."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.oversight.round_texts import INCOMPLETE
from xxgk.core import periods
from xxgk.org.models import Department, Role
from xxgk.oversight import round_reports

YEAR = periods.academic_year(2022)
DEADLINE = date(2023, 10, 31)


def publish_report(world):
    from xxgk.demo.annual_report import publish_annual_report

    office, _new = Department.objects.get_or_create(
        institution=world.institution, code="dzb", defaults={"name": "党政办公室", "is_office": True}
    )
    if "office_checker" not in world.people:
        world.person("office_checker", Role.CHECKER, department=office)
    users = {"office": world.office, "office_checker": world.office_checker, "secrecy": world.secrecy}
    return publish_annual_report(world.institution, (YEAR.start, YEAR.end), {**users, "signer": world.signer})


def upload_outside(supervisor, name="东海职业学院", published_on=date(2023, 11, 6)):
    school = round_reports.add_institution(supervisor, name=name)
    report = round_reports.file_report(
        supervisor,
        school,
        period=YEAR,
        published_on=published_on,
        upload=SimpleUploadedFile("东海.txt", INCOMPLETE.encode()),
    )
    return round_reports.check_report(report.pk)
