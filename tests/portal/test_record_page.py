"""A record page shows the metadata table of a Chinese disclosure page, files, corrections and 公示 facts."""

import re
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.portal.conftest import item, published
from xxgk.publishing import services


def _page(client, world, rec):
    return client.get(reverse("portal:record", args=[world.institution.slug, rec.pk]))


def test_metadata_table(client, world):
    rec = published(
        world,
        "关于印发《学生奖助学金管理办法》的通知",
        items=[item(world, 37)],
        doc_number="海理工学〔2024〕12号",
        summary="修订后的奖助学金评定办法。",
    )
    html = _page(client, world, rec).content.decode()
    for label in ("索引号", "发布机构", "生成日期", "发布日期", "发文字号", "信息类别", "内容概述"):
        assert f'<th scope="row">{label}</th>' in html
    assert rec.index_number and rec.index_number in html
    assert "海理工学〔2024〕12号" in html
    assert "2024-03-01" in html
    assert "党委宣传部" in html
    assert "修订后的奖助学金评定办法。" in html
    assert reverse("portal:item", args=[world.institution.slug, "37"]) in html


def test_every_catalog_item_of_a_record_in_the_catalogs_order(client, world):
    linked = [item(world, 37), item(world, 8)]
    rec = published(world, "两个事项的信息", items=linked)
    html = _page(client, world, rec).content.decode()
    cell = html[html.index("信息类别") :]
    cell = cell[: cell.index("</td>")]
    in_order = sorted(linked, key=lambda i: (i.order, i.pk))
    assert re.findall(r'href="([^"]+)"', cell) == [
        reverse("portal:item", args=[world.institution.slug, i.number]) for i in in_order
    ]
    none = published(world, "没有事项的信息")
    assert '<th scope="row">信息类别</th><td>—</td>' in _page(client, world, none).content.decode()


def test_attachments_with_size_and_type_download(client, world):
    rec = services.create_draft(world.drafter_a, world.dept_a, {"title": "附件通知", "formed_on": date(2024, 3, 1)})
    att = services.add_attachment(world.drafter_a, rec, SimpleUploadedFile("名单.txt", "名单内容".encode() * 100))
    services.submit(world.drafter_a, rec)
    world.through_chain(rec)
    html = _page(client, world, rec).content.decode()
    assert "名单.txt" in html and "TXT" in html and "1.2" in html  # 1.2 KB
    response = client.get(reverse("portal:attachment", args=[world.institution.slug, rec.pk, att.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith("名单内容".encode())


def test_attachment_of_a_withdrawn_record_is_gone(client, world):
    rec = services.create_draft(world.drafter_a, world.dept_a, {"title": "附件通知", "formed_on": date(2024, 3, 1)})
    att = services.add_attachment(world.drafter_a, rec, SimpleUploadedFile("a.txt", b"hello world"))
    services.submit(world.drafter_a, rec)
    world.through_chain(rec)
    services.withdraw(world.office, rec, reason="过期")
    response = client.get(reverse("portal:attachment", args=[world.institution.slug, rec.pk, att.pk]))
    assert response.status_code == 404


def test_correction_history_and_stable_url(client, world):
    rec = published(world, "关于2024年运动会的通知")
    url = reverse("portal:record", args=[world.institution.slug, rec.pk])
    services.correct(world.office, rec, {"title": "关于2024年春季运动会的通知"}, reason="补充举办季节")
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "关于2024年春季运动会的通知" in html
    assert "更正记录" in html and "补充举办季节" in html
    assert "关于2024年运动会的通知" in html  # the old title, in the history


def test_notice_period_and_objection_contact(client, world):
    rec = published(
        world,
        "关于拟推荐优秀毕业生的公示",
        is_notice=True,
        notice_start=date(2024, 3, 4),
        notice_days=5,
        objection_contact="学生工作处，电话 0898-66660001",
    )
    html = _page(client, world, rec).content.decode()
    assert "公示期" in html and "2024-03-04" in html and "2024-03-08" in html and "5 个工作日" in html
    assert "学生工作处，电话 0898-66660001" in html


def test_body_html_is_the_sanitised_body(client, world):
    rec = published(world, "正文测试", body='<p>正文<script>alert(1)</script><a href="javascript:x">链</a></p>')
    html = _page(client, world, rec).content.decode()
    assert "alert(1)</script>" not in html and "javascript:x" not in html
