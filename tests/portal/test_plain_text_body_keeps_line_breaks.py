"""A body typed as plain text keeps its line breaks on the public page and is shown as text, even when it
contains "<" and ">" (成绩<60分 … 补考>1次 used to be taken for HTML and run together into one line);
a body written in HTML stays as it is."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from tests.portal.conftest import published
from xxgk.publishing import services
from xxgk.publishing.models import Record


def _drafted(client, world, body: str) -> Record:
    client.force_login(world.drafter_a)
    response = client.post(
        reverse("workbench:new"),
        {
            "title": "关于补考安排的通知",
            "formed_on": date(2024, 3, 1).isoformat(),
            "body": body,
            "department": world.dept_a.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Record.objects.get(title="关于补考安排的通知")


def test_plain_text_with_angle_brackets_keeps_its_lines(client, world):
    record = _drafted(
        client,
        world,
        "一、成绩<60分的学生须参加补考；\r\n二、补考>1次的不再安排；\r\n\r\n三、<script>不是标签</script>照常显示。",
    )
    assert record.body == (
        "<p>一、成绩&lt;60分的学生须参加补考；</p><p>二、补考&gt;1次的不再安排；</p>"
        "<p>三、&lt;script&gt;不是标签&lt;/script&gt;照常显示。</p>"
    )
    services.submit(world.drafter_a, record)
    world.through_chain(record)
    client.logout()
    html = client.get(reverse("portal:record", args=[world.institution.slug, record.pk])).content.decode()
    assert "<p>一、成绩&lt;60分的学生须参加补考；</p><p>二、补考&gt;1次的不再安排；</p>" in html
    assert "<script>不是标签" not in html


def test_html_body_stays_rich(client, world):
    record = _drafted(client, world, "<p>第一段<strong>加粗</strong></p>\n<p>第二段 a&lt;b</p>")
    assert record.body == "<p>第一段<strong>加粗</strong></p>\n<p>第二段 a&lt;b</p>"
    rec = published(world, "另一条", body="<p>一</p><ul><li>二</li></ul>")
    html = client.get(reverse("portal:record", args=[world.institution.slug, rec.pk])).content.decode()
    assert "<p>一</p><ul><li>二</li></ul>" in html
