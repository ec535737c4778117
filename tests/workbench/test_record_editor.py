"""The record editor keeps what the officer typed and shows saved dates back."""

from django.urls import reverse


def test_edit_form_shows_the_saved_formed_on_date(client, world):
    record = world.draft()
    client.force_login(world.drafter_a)
    html = client.get(reverse("workbench:edit", args=[record.pk])).content.decode()
    assert 'value="2024-03-01"' in html


def test_missing_title_is_refused_and_nothing_typed_is_lost(client, world):
    client.force_login(world.drafter_a)
    response = client.post(
        reverse("workbench:new"),
        {
            "department": world.dept_a.pk,
            "title": "",
            "formed_on": "2024-03-01",
            "body": "请各单位认真组织自查。",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in html
    assert "请各单位认真组织自查。" in html


def test_plain_text_body_becomes_paragraphs_and_scripts_are_removed(client, world):
    client.force_login(world.drafter_a)
    client.post(
        reverse("workbench:new"),
        {
            "department": world.dept_a.pk,
            "title": "关于调整作息时间的通知",
            "formed_on": "2024-03-01",
            "body": "第一段\n第二段",
        },
    )
    client.post(
        reverse("workbench:new"),
        {
            "department": world.dept_a.pk,
            "title": "带脚本的草稿",
            "formed_on": "2024-03-01",
            "body": "<p>正文</p><script>alert(1)</script>",
        },
    )
    from xxgk.publishing.models import Record

    assert Record.objects.get(title="关于调整作息时间的通知").body == "<p>第一段</p><p>第二段</p>"
    assert "script" not in Record.objects.get(title="带脚本的草稿").body


def test_a_stale_action_is_refused_with_a_message(client, world):
    from xxgk.publishing import services

    record = world.draft()
    services.submit(world.drafter_a, record)
    stale_revision = record.revision
    services.approve(world.checker_a, record)  # someone else acted meanwhile
    client.force_login(world.checker_a)
    response = client.post(
        reverse("workbench:act", args=[record.pk, "approve"]), {"revision": stale_revision}, follow=True
    )
    assert response.status_code in (200, 403)
    record.refresh_from_db()
    assert record.step.name == "保密审查"
    assert record.events.filter(action="approved").count() == 1
