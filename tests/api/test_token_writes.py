"""With a token: drafts go into the review chain through the publishing services (never published),
a department's token stays in its department, a revoked or foreign token is refused, every use is
logged; applications and statistics need their own scopes."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import bearer
from xxgk.api.models import ApiTokenUse
from xxgk.publishing.models import Record, RecordState

pytestmark = pytest.mark.django_db
DRAFT = {
    "title": "关于开展2024年春季学期教学检查的通知",
    "formed_on": "2024-03-01",
    "body": "<p>各学院：</p>",
    "items": ["1"],
}


def post(client, url, data, key):
    return client.post(url, json.dumps(data), content_type="application/json", **bearer(key))


def test_draft_attach_submit_never_publish(client, world, keys):
    created = post(client, "/api/v1/drafts", {**DRAFT, "department": "xcb"}, keys["drafts"])
    assert created.status_code == 201, created.content
    draft = created.json()
    assert draft["state"] == RecordState.DRAFT and draft["department"] == "xcb"
    record = Record.objects.get(pk=draft["id"])
    assert record.created_by.username.startswith("api-") and record.events.filter(action="created").exists()

    patched = client.patch(
        f"/api/v1/drafts/{draft['id']}",
        json.dumps({"summary": "教学检查安排"}),
        content_type="application/json",
        **bearer(keys["drafts"]),
    )
    assert patched.status_code == 200 and Record.objects.get(pk=draft["id"]).summary == "教学检查安排"

    upload = client.post(
        f"/api/v1/drafts/{draft['id']}/attachments",
        {"file": SimpleUploadedFile("名单.txt", "王小明 460100199001011230\n".encode())},
        **bearer(keys["drafts"]),
    )
    assert upload.status_code == 201, upload.content
    assert upload.json()["findings"] >= 1  # screened by the same gate

    submitted = post(client, f"/api/v1/drafts/{draft['id']}/submit", {"comment": "请审核"}, keys["drafts"])
    assert submitted.status_code == 200 and submitted.json()["state"] == RecordState.IN_REVIEW
    assert not Record.objects.filter(state=RecordState.PUBLISHED).exists()
    assert ApiTokenUse.objects.filter(path__startswith="/api/v1/drafts").count() == 4


def test_department_token_stays_in_its_department(client, world, keys):
    own = post(client, "/api/v1/drafts", DRAFT, keys["dept"])
    assert own.status_code == 201 and own.json()["department"] == "xcb"
    assert post(client, "/api/v1/drafts", {**DRAFT, "department": "xgc"}, keys["dept"]).status_code == 403
    from datetime import date

    from xxgk.publishing import services as publishing

    theirs = publishing.create_draft(
        world.people["drafter_b"], world.dept_b, {"title": "学工处草稿", "formed_on": date(2024, 1, 2)}
    )
    assert client.get(f"/api/v1/drafts/{theirs.pk}", **bearer(keys["dept"])).status_code == 404
    assert theirs.pk not in {d["id"] for d in client.get("/api/v1/drafts", **bearer(keys["dept"])).json()}


@pytest.mark.parametrize("key", ["revoked", "other", "nonsense"])
def test_refused_keys(client, world, keys, key):
    value = keys.get(key, "xxgk_deadbeef_notakey")
    response = post(client, "/api/v1/drafts", {**DRAFT, "department": "xcb"}, value)
    if key == "other":  # a valid token of another school: that school has no department xcb
        assert response.status_code == 404
    else:
        assert response.status_code == 401
    assert not Record.objects.filter(title=DRAFT["title"]).exists()


def test_scopes(client, world, keys):
    assert post(client, "/api/v1/drafts", {**DRAFT, "department": "xcb"}, keys["statistics"]).status_code == 403
    stats = client.get("/api/v1/statistics?start=2023-01-01&end=2023-12-31", **bearer(keys["statistics"]))
    assert stats.status_code == 200 and stats.json()["records_published"] == 0
    assert client.get("/api/v1/statistics?start=2023-01-01&end=2023-12-31", **bearer(keys["drafts"])).status_code == 403
    application = {
        "channel": "letter",
        "received_on": "2024-03-01",
        "applicant_type": "natural",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": "460100199001011230",
        "phone": "13800138000",
        "title": "2023年学校预算",
        "info_form": "electronic",
        "delivery": "collect",
    }
    made = post(client, "/api/v1/applications", application, keys["applications"])
    assert made.status_code == 201, made.content
    assert made.json()["code"] and made.json()["due_on"]
    assert post(client, "/api/v1/applications", application, keys["drafts"]).status_code == 403
    bad = post(client, "/api/v1/applications", {**application, "id_number": "123"}, keys["applications"])
    assert bad.status_code == 422 and "id_number" in bad.json()["detail"]
