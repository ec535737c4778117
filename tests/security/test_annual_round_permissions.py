"""Every page of the supervisor's round (年报督查) × every person: only the supervisor and the platform
administrator open them; everyone else is refused (403), a visitor is sent to sign in, and nothing is changed.
Written out by hand, not derived from the policy."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.oversight.round_texts import INCOMPLETE
from tests.reporting.round_world import publish_report, upload_outside
from xxgk.notify.models import Message
from xxgk.oversight.models import OutsideInstitution, OutsideReport, RoundReminder
from xxgk.reporting.models import AnnualReport

ALLOWED = {"supervisor", "superuser"}
PEOPLE = [
    "drafter_a",
    "checker_a",
    "secrecy",
    "signer",
    "office",
    "other_office",
    "other_drafter",
    "supervisor",
    "nobody",
    "superuser",
    None,
]
Q = {"period": "ay:2022"}


def _pages(platform_report, outside_report):
    return [
        ("get", reverse("reporting_staff:round"), Q),
        ("get", reverse("reporting_staff:round_summary"), Q),
        ("get", reverse("reporting_staff:round_export"), Q),
        ("get", reverse("reporting_staff:round_chart", args=["completeness"]), Q),
        ("get", reverse("reporting_staff:round_outside"), Q),
        ("get", reverse("reporting_staff:round_platform_report", args=[platform_report.pk]), {}),  # AnnualReport
        ("get", reverse("reporting_staff:round_outside_report", args=[outside_report.pk]), {}),
        ("post", reverse("reporting_staff:round_remind"), Q),
        ("post", reverse("reporting_staff:round_outside"), {**Q, "add": "1", "add-name": "北岭学院"}),
    ]


@pytest.mark.parametrize("person", PEOPLE, ids=[p or "anonymous" for p in PEOPLE])
def test_only_the_supervisor_and_the_platform_administrator(world, client, person):
    # the round's page names the AnnualReport, not its record (their ids agree only by chance)
    platform_report = AnnualReport.objects.get(record=publish_report(world))
    outside_report = upload_outside(world.supervisor)
    if person == "superuser":
        client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    elif person:
        client.force_login(world.people[person])
    for method, url, data in _pages(platform_report, outside_report):
        response = getattr(client, method)(url, data)
        if person in ALLOWED:
            assert response.status_code in (200, 302), (url, response.status_code)
            if response.status_code == 302:
                assert "/accounts/login/" not in response["Location"]
        elif person is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        else:
            assert response.status_code == 403, (url, person, response.status_code)
    upload = SimpleUploadedFile("r.txt", INCOMPLETE.encode())
    client.post(
        reverse("reporting_staff:round_outside"),
        {
            **Q,
            "file": "1",
            "file-institution": outside_report.school_id,
            "file-published_on": "2023-10-30",
            "file-file": upload,
        },
    )
    if person in ALLOWED:
        assert OutsideInstitution.objects.filter(name="北岭学院").exists()
        assert OutsideReport.objects.count() == 2 and RoundReminder.objects.exists()
    else:
        assert not OutsideInstitution.objects.filter(name="北岭学院").exists()
        assert OutsideReport.objects.count() == 1
        assert not RoundReminder.objects.exists() and not Message.objects.filter(kind="oversight.round_reminder")
