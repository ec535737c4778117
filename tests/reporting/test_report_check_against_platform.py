"""Checking a report of an institution on the platform sets its key figures beside what the platform
recorded for the report's period — only for whoever may read that institution's figures."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.reporting.conftest import SEEDS, user

URL = "/staff/reports/check/"


def _upload(client, username, text):
    client.force_login(user(username))
    upload = SimpleUploadedFile("report.txt", text.encode("utf-8"), content_type="text/plain")
    return client.post(URL, {"files": [upload]}).content.decode()


def test_the_seed_report_agrees_with_the_demo(client, demo):
    page = _upload(client, "hntou-office", (SEEDS / "hntou-2022-2023.txt").read_text(encoding="utf-8"))
    assert "与本平台记录对照（海南热带海洋学院）" in page
    assert "报告称网站发布1312条，系统记录为1312条" in page
    assert "报告称收到依申请公开申请0件，系统记录为0件" in page


def test_a_different_figure_is_shown_as_a_warning(client, demo):
    text = (SEEDS / "hntou-2022-2023.txt").read_text(encoding="utf-8").replace("1312", "1310")
    page = _upload(client, "hntou-office", text)
    assert '<li class="warning">报告称网站发布1310条，系统记录为1312条</li>' in page


def test_another_schools_office_sees_no_platform_figures(client, demo):
    page = _upload(client, "qzoi-office", (SEEDS / "hntou-2022-2023.txt").read_text(encoding="utf-8"))
    assert "与本平台记录对照" not in page and "系统记录为" not in page


def test_the_supervisor_compares_every_school(client, demo):
    page = _upload(client, "province-supervisor", (SEEDS / "qzoi-2022-2023.txt").read_text(encoding="utf-8"))
    assert "报告称网站发布468条，系统记录为468条" in page
