"""The demo's institution outside the platform: the supervisor has uploaded its 2022–2023 report (a text the
demo writes itself, `outside_report.txt`: a fictional school, published after 31 October and lacking four
parts), so the 年报督查 round shows a report the checker read beside the two platform institutions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from xxgk.core import periods

NAME = "东海职业学院"
PUBLISHED_ON = date(2023, 11, 8)
TEXT = Path(__file__).with_name("outside_report.txt")


def load_outside_report(supervisor, period: tuple[date, date]):
    from xxgk.oversight import round_reports
    from xxgk.oversight.models import OutsideInstitution

    if OutsideInstitution.objects.filter(name=NAME).exists():
        return None
    school = round_reports.add_institution(supervisor, name=NAME, short_name="东海职院")
    report = round_reports.file_report(
        supervisor,
        school,
        period=periods.of(*period),
        published_on=PUBLISHED_ON,
        upload=SimpleUploadedFile("donghai-2022-2023.txt", TEXT.read_bytes(), content_type="text/plain"),
    )
    return round_reports.check_report(report.pk)
