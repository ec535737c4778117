"""Every operation in the OpenAPI schema is called anonymously, with a token of the right scope and
with a token of another scope: public operations answer everyone, the others refuse the anonymous
(401) and the wrong scope (403) and serve the right one. An operation added without a case here
fails the walk."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

SCOPE_OF = {"/api/v1/drafts": "drafts", "/api/v1/applications": "applications", "/api/v1/statistics": "statistics"}
WRONG = {"drafts": "statistics", "applications": "drafts", "statistics": "applications"}
BODIES = {
    ("post", "/api/v1/drafts"): {"title": "接口拟稿", "formed_on": "2024-03-01", "department": "xcb"},
    ("patch", "/api/v1/drafts/{record_id}"): {"summary": "改"},
    ("post", "/api/v1/drafts/{record_id}/submit"): {"comment": ""},
    ("post", "/api/v1/applications"): {
        "channel": "in_person",
        "applicant_type": "natural",
        "name": "李四",
        "id_type": "resident_id",
        "id_number": "460100199001011230",
        "phone": "13800138000",
        "title": "学校章程",
        "info_form": "electronic",
        "delivery": "collect",
    },
}
QUERIES = {"/api/v1/statistics": "?start=2023-01-01&end=2023-12-31"}


def _scope(path: str) -> str:
    for prefix, scope in SCOPE_OF.items():
        if path.startswith(prefix):
            return scope
    raise AssertionError(f"secured operation without a scope case: {path}")


def _call(client, method, path, template, key):
    extra = bearer(key) if key else {}
    if template.endswith("/attachments"):
        return client.post(path, {"file": SimpleUploadedFile("a.txt", "正文".encode())}, **extra)
    body = BODIES.get((method, template))
    if body is not None:
        return getattr(client, method)(path, json.dumps(body), content_type="application/json", **extra)
    return getattr(client, method)(path + QUERIES.get(template, ""), **extra)


def test_every_operation(client, world, published, keys):
    from xxgk.reporting.models import AnnualReport

    schema = client.get("/api/schema/").json()
    report = AnnualReport.objects.get(record=published["report"])
    seen = 0
    for template, operations in sorted(schema["paths"].items()):
        for method, op in sorted(operations.items(), reverse=True):  # post before patch before get
            assert op.get("summary"), template
            secured = bool(op.get("security"))
            if secured:
                scope = _scope(template)
                draft = client.post(
                    "/api/v1/drafts",
                    json.dumps(BODIES[("post", "/api/v1/drafts")]),
                    content_type="application/json",
                    **bearer(keys["drafts"]),
                ).json()
                ids = {"record_id": draft["id"]}
            else:
                ids = {"record_id": published["news"].pk, "report_id": report.pk}
            path = template.replace("{slug}", "hblg")
            for name, value in ids.items():
                path = path.replace("{" + name + "}", str(value))
            anonymous = _call(client, method, path, template, None)
            if not secured:
                assert anonymous.status_code == 200, (method, path, anonymous.content)
                seen += 1
                continue
            assert anonymous.status_code == 401, (method, path)
            wrong = _call(client, method, path, template, keys[WRONG[scope]])
            assert wrong.status_code == 403, (method, path, wrong.content)
            right = _call(client, method, path, template, keys[scope])
            assert 200 <= right.status_code < 300, (method, path, right.content)
            seen += 1
    assert seen == sum(len(ops) for ops in schema["paths"].values()) >= 13
