"""Every staff URL × every role × own/other department: who gets the page, who gets 403.

The expectations are written out by hand, not derived from the policy module,
so a change in the policy that lets the wrong person in makes this fail.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xxgk.publishing import services

PEOPLE = [
    "drafter_a",
    "drafter_b",
    "checker_a",
    "checker_b",
    "secrecy",
    "signer",
    "office",
    "other_office",
    "other_drafter",
    "supervisor",
    "nobody",
]
STAFF = set(PEOPLE) - {"nobody"}


def _record_in(world, state):
    record = world.draft()
    if state == "draft":
        return record
    services.submit(world.drafter_a, record)
    if state == "in_review":
        return record
    services.approve(world.checker_a, record)
    services.approve(world.secrecy, record)
    services.approve(world.signer, record)
    if state == "approved":
        return record
    services.publish(world.signer, record)
    return record


# (name, method, url builder, record state, who succeeds)
CASES = [
    (
        "detail of a draft",
        "get",
        lambda r: reverse("workbench:record", args=[r.pk]),
        "draft",
        {"drafter_a", "checker_a", "office"},
    ),
    ("editor of a draft", "get", lambda r: reverse("workbench:edit", args=[r.pk]), "draft", {"drafter_a", "office"}),
    (
        "submit a draft",
        "post",
        lambda r: reverse("workbench:act", args=[r.pk, "submit"]),
        "draft",
        {"drafter_a", "office"},
    ),
    (
        "upload to a draft",
        "upload",
        lambda r: reverse("workbench:attachment_upload", args=[r.pk]),
        "draft",
        {"drafter_a", "office"},
    ),
    (
        "detail in review",
        "get",
        lambda r: reverse("workbench:record", args=[r.pk]),
        "in_review",
        {"drafter_a", "checker_a", "office", "secrecy", "signer", "supervisor"},
    ),
    ("approve at 核稿", "post", lambda r: reverse("workbench:act", args=[r.pk, "approve"]), "in_review", {"checker_a"}),
    ("return at 核稿", "post", lambda r: reverse("workbench:act", args=[r.pk, "return"]), "in_review", {"checker_a"}),
    ("edit while in review", "get", lambda r: reverse("workbench:edit", args=[r.pk]), "in_review", set()),
    (
        "publish an approved record",
        "post",
        lambda r: reverse("workbench:act", args=[r.pk, "publish"]),
        "approved",
        {"signer", "office"},
    ),
    (
        "correction form",
        "get",
        lambda r: reverse("workbench:correct", args=[r.pk]),
        "published",
        {"drafter_a", "signer", "office"},
    ),
    (
        "withdraw",
        "post",
        lambda r: reverse("workbench:act", args=[r.pk, "withdraw"]),
        "published",
        {"signer", "office"},
    ),
    (
        "register a posting",
        "posting",
        lambda r: reverse("workbench:posting_add", args=[r.pk]),
        "published",
        {"drafter_a", "signer", "office"},
    ),
]


def _request(client, method, url, world):
    if method == "get":
        return client.get(url)
    if method == "upload":
        return client.post(url, {"file": SimpleUploadedFile("说明.txt", "附件正文".encode())})
    if method == "posting":
        from xxgk.publishing.models import Channel

        channel, _ = Channel.objects.get_or_create(institution=world.institution, name="通知公告", kind="website")
        return client.post(url, {"channel": channel.pk, "posted_on": "2024-03-05", "url": ""})
    return client.post(url, {"comment": "请补充落款日期。", "reason": "内容有误，撤回重发。"})


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("person", PEOPLE)
def test_record_urls(client, world, person, case):
    name, method, url_for, state, allowed = case
    record = _record_in(world, state)
    client.force_login(world.people[person])
    response = _request(client, method, url_for(record), world)
    if person in allowed:
        assert response.status_code in (200, 302), f"{person} should be allowed: {name}"
        if response.status_code == 302:
            assert "login" not in response["Location"]
    else:
        assert response.status_code == 403, f"{person} must get 403: {name}"


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_anonymous_is_sent_to_login(client, world, case):
    name, method, url_for, state, allowed = case
    record = _record_in(world, state)
    response = _request(client, method, url_for(record), world)
    assert response.status_code == 302 and reverse("login") in response["Location"]


LIST_URLS = [
    "workbench:todo",
    "workbench:drafts",
    "workbench:records",
    "workbench:records_xlsx",
    "workbench:institutions",
]


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize("person", PEOPLE)
def test_list_pages(client, world, person, url):
    client.force_login(world.people[person])
    response = client.get(reverse(url))
    assert response.status_code == (200 if person in STAFF else 403)


@pytest.mark.parametrize("person", PEOPLE)
def test_new_record_page(client, world, person):
    client.force_login(world.people[person])
    response = client.get(reverse("workbench:new"))
    may_draft = {"drafter_a", "drafter_b", "office", "other_office", "other_drafter"}
    assert response.status_code == (200 if person in may_draft else 403)


@pytest.mark.parametrize("person", PEOPLE)
def test_draft_titles_do_not_leak_into_lists(client, world, person):
    record = world.draft(title="内部草稿：某某项目初步方案")
    client.force_login(world.people[person])
    response = client.get(reverse("workbench:records"))
    if person in {"drafter_a", "checker_a", "office"}:
        assert record.title in response.content.decode()
    elif response.status_code == 200:
        assert record.title not in response.content.decode()


def test_attachment_download_follows_record_visibility(client, world):
    record = world.draft()
    attachment = services.add_attachment(world.drafter_a, record, SimpleUploadedFile("名单.txt", "名单".encode()))
    url = reverse("workbench:attachment", args=[attachment.pk])
    client.force_login(world.drafter_b)
    assert client.get(url).status_code == 403
    client.force_login(world.drafter_a)
    assert client.get(url).status_code == 200


def test_draft_is_not_public(client, world):
    record = world.draft()
    response = client.get(reverse("portal:record", args=[world.institution.slug, record.pk]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_published_record_is_public_only_under_its_institution(client, world):
    record = _record_in(world, "published")
    assert client.get(reverse("portal:record", args=[world.institution.slug, record.pk])).status_code == 200
    assert client.get(reverse("portal:record", args=[world.other_institution.slug, record.pk])).status_code == 404


def test_403_page_is_in_chinese(client, world):
    record = world.draft()
    client.force_login(world.drafter_b)
    response = client.get(reverse("workbench:record", args=[record.pk]))
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()
