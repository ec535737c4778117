"""No draft, in-review, returned or withdrawn record, and no staff-only field, ever shows publicly."""

import pytest
from django.urls import reverse

from tests.portal.conftest import item, published
from xxgk.publishing import services
from xxgk.publishing.models import Record

TITLES = {
    "draft": "草稿甲乙丙丁独特标题",
    "in_review": "审核中戊己庚辛独特标题",
    "returned": "已退回子丑寅卯独特标题",
    "withdrawn": "已撤回壬癸天地独特标题",
    "published": "已发布玄黄宇宙独特标题",
}
STAFF_ONLY = ["内部核稿意见鸿雁传书", "撤回理由青山绿水", "drafter_a", "checker_a", "pw-", "revision"]


@pytest.fixture
def records(world):
    annual = item(world, 6)
    made = {}
    body = "<p>独特标题的正文：招生计划。</p>"
    d = services.create_draft(
        world.drafter_a,
        world.dept_a,
        {"title": TITLES["draft"], "formed_on": "2024-03-01", "body": body},
        items=[annual],
    )
    made["draft"] = d
    r = services.create_draft(
        world.drafter_a,
        world.dept_a,
        {"title": TITLES["in_review"], "formed_on": "2024-03-01", "body": body},
        items=[annual],
    )
    services.submit(world.drafter_a, r)
    services.approve(world.checker_a, r, comment="内部核稿意见鸿雁传书")
    made["in_review"] = r
    ret = services.create_draft(
        world.drafter_a,
        world.dept_a,
        {"title": TITLES["returned"], "formed_on": "2024-03-01", "body": body},
        items=[annual],
    )
    services.submit(world.drafter_a, ret)
    services.return_for_changes(world.checker_a, ret, comment="内部核稿意见鸿雁传书")
    made["returned"] = ret
    w = published(world, TITLES["withdrawn"], items=[annual], body=body)
    services.withdraw(world.office, w, reason="撤回理由青山绿水")
    made["withdrawn"] = w
    made["published"] = published(world, TITLES["published"], items=[annual], body=body)
    return {k: Record.objects.get(pk=v.pk) for k, v in made.items()}


def public_urls(world, records):
    slug = world.institution.slug
    pub = records["published"]
    return [
        reverse("portal:deployment"),
        reverse("portal:home", args=[slug]),
        reverse("portal:catalog", args=[slug]),
        reverse("portal:item", args=[slug, "6"]),
        reverse("portal:record", args=[slug, pub.pk]),
        reverse("portal:departments", args=[slug]),
        reverse("portal:department", args=[slug, world.dept_a.code]),
        reverse("portal:guide", args=[slug]),
        reverse("portal:annual_reports", args=[slug]),
        reverse("portal:search", args=[slug]) + "?q=独特标题",
        reverse("portal:search", args=[slug]) + "?q=招生计划",
        reverse("portal:feed", args=[slug]),
        reverse("portal:item_feed", args=[slug, "6"]),
        reverse("portal:department_feed", args=[slug, world.dept_a.code]),
        reverse("portal:sitemap"),
        "/sitemap-records.xml",
    ]


def test_only_the_published_record_appears_anywhere(client, world, records):
    pages_with_lists = 0
    for url in public_urls(world, records):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for state in ("draft", "in_review", "returned", "withdrawn"):
            assert TITLES[state] not in text, (url, state)
            assert reverse("portal:record", args=[world.institution.slug, records[state].pk]) not in text, (url, state)
        if TITLES["published"] in text or f"/records/{records['published'].pk}/" in text:
            pages_with_lists += 1
    assert pages_with_lists >= 11  # every listing, feed, search and the sitemap shows the published one


def test_unpublished_records_and_their_files_are_404(client, world, records):
    for state in ("draft", "in_review", "returned", "withdrawn"):
        rec = records[state]
        response = client.get(reverse("portal:record", args=[world.institution.slug, rec.pk]))
        assert response.status_code == 404
        assert "页面不存在" in response.content.decode()


def test_a_record_is_not_reachable_under_another_institution(client, world, records):
    url = reverse("portal:record", args=[world.other_institution.slug, records["published"].pk])
    assert client.get(url).status_code == 404


def test_staff_only_fields_never_appear(client, world, records):
    # the published record also carries review comments and events
    pub = records["published"]
    for url in public_urls(world, records):
        text = client.get(url).content.decode()
        for secret in STAFF_ONLY:
            assert secret not in text, (url, secret)
        assert "审核通过" not in text and "保密审查" not in text, url
    record_page = client.get(reverse("portal:record", args=[world.institution.slug, pub.pk])).content.decode()
    assert "created_by" not in record_page and "withdrawn_reason" not in record_page
